// A data branch as months of scheduled runs leave it, for the benchmarks: endpoints checked every
// 5 minutes up to `now`, the last `rawDays` days as raw day files, every day of `allDays` as rows of
// daily.csv. Written with the project's own row formatting (src/history, transpiled), so the files
// are exactly what the action reads. A few endpoints have outages, so the judge reads some old days.
import { transpile } from './transpile.mjs';

const INTERVAL = 5 * 60_000;
const DAY = 86_400_000;

/** Returns Map<path, text> of the branch, and the number of raw check rows in it. */
export async function historyFiles({ ids, now, rawDays = 30, allDays = rawDays, load = transpile(['history']) }) {
  const { formatCheckRow, formatDaily, dayFilePath, CHECK_HEADER } = await load('history/rows.js');
  const { DAILY_FILE } = await load('history/types.js');
  const { dailyRowOf } = await load('history/stats.js');
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const today = now - (now % DAY);
  const files = new Map();
  const dailyRows = [];
  let rawRows = 0;
  for (let ago = allDays - 1; ago >= 0; ago--) {
    const dayStart = today - ago * DAY;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    const rows = [];
    for (let t = dayStart + 3000; t < Math.min(dayStart + DAY, now - INTERVAL); t += INTERVAL) {
      ids.forEach((id, index) => {
        // The first endpoint has a 40-minute outage every 10th day; the second a 5-minute one every 3rd.
        const minute = (t - dayStart) / 60_000;
        const down =
          (index === 0 && ago % 10 === 3 && minute >= 600 && minute < 640) || (index === 1 && ago % 3 === 1 && minute === 300);
        const total = Math.round(200 + random() * 400);
        rows.push({
          at: t,
          time: new Date(t + index).toISOString(),
          id,
          status: down ? 'down' : total > 580 ? 'degraded' : 'up',
          http: down ? null : 200,
          total: down ? 1 : total,
          dns: 3,
          connect: 20,
          tls: 40,
          wait: total - 80,
          download: 17,
          attempts: down ? 3 : 1,
          error: down ? 'connection refused' : '',
        });
      });
    }
    for (const id of ids)
      dailyRows.push(
        dailyRowOf(
          date,
          id,
          rows.filter((row) => row.id === id),
        ),
      );
    if (ago < rawDays) {
      files.set(dayFilePath(date), CHECK_HEADER + rows.map(formatCheckRow).join(''));
      rawRows += rows.length;
    }
  }
  files.set(DAILY_FILE, formatDaily(dailyRows));
  return { files, rawRows };
}
