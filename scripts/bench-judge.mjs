// `node scripts/bench-judge.mjs`: times the judge on a branch of 90 days of 20 endpoints checked
// every 5 minutes (30 raw days ≈ 172,800 rows, 60 older days only in daily.csv), the size it
// must stay quick at, and prints the median of several runs. A few endpoints have outages, some
// on old days, so the lazy reading of older raw days is part of what is measured.
import { transpile } from './transpile.mjs';

const load = transpile(['history']);
const { judge } = await load('history/judge.js');
const { formatCheckRow, formatDaily, dayFilePath, DAILY_FILE } = await load('history/rows.js');
const { dailyRowOf } = await load('history/stats.js');

const ENDPOINTS = 20;
const RAW_DAYS = 30;
const ALL_DAYS = 90;
const INTERVAL = 5 * 60_000;
const DAY = 86_400_000;
const now = Date.parse('2026-11-26T12:00:03.000Z');
const today = now - (now % DAY);
const ids = Array.from({ length: ENDPOINTS }, (_, i) => `endpoint-${i + 1}`);

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const files = new Map();
const dailyRows = [];
for (let ago = ALL_DAYS - 1; ago >= 0; ago--) {
  const dayStart = today - ago * DAY;
  const date = new Date(dayStart).toISOString().slice(0, 10);
  const rows = [];
  for (let t = dayStart + 3000; t < Math.min(dayStart + DAY, now - INTERVAL); t += INTERVAL) {
    ids.forEach((id, index) => {
      // Endpoint 1 has a 40-minute outage every 10th day; endpoint 2 a 5-minute one every 3rd.
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
  if (ago < RAW_DAYS)
    files.set(
      dayFilePath(date),
      'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n' + rows.map(formatCheckRow).join(''),
    );
}
files.set(DAILY_FILE, formatDaily(dailyRows));
const rawRows = [...files]
  .filter(([path]) => path.startsWith('history/'))
  .reduce((sum, [, text]) => sum + text.split('\n').length - 2, 0);

const checks = ids.map((id) => ({
  id,
  name: id,
  url: `https://example.com/${id}`,
  status: 'up',
  inMaintenance: false,
  httpStatus: 200,
  timings: { dns: 3, connect: 20, tls: 40, wait: 300, download: 17, total: 380 },
  attempts: 1,
  error: null,
  failures: [],
  checkedAt: new Date(now - 1000).toISOString(),
}));
const endpoints = ids.map((id) => ({
  id,
  name: id,
  url: `https://example.com/${id}`,
  target: 99.9,
  failureThreshold: 1,
  successThreshold: 1,
}));
const input = {
  files,
  checks,
  endpoints,
  workflow: '.github/workflows/uptime.yml',
  configuredIds: ids,
  historyDays: 30,
  now: new Date(now),
};

// CPU time of this process (not wall time), so other work on a shared machine does not count.
// The first call also pays for warming up the JIT, as the action's single call does.
const cpuMs = (fn) => {
  const start = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(start);
  return [result, (used.user + used.system) / 1000];
};
let [judgement, cold] = cpuMs(() => judge(input));
const times = [];
for (let i = 0; i < Number(process.env.BENCH_REPEAT ?? 15); i++) {
  const [result, ms] = cpuMs(() => judge(input));
  judgement = result;
  times.push(ms);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const bytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
console.log(
  `judge over ${ENDPOINTS} endpoints, ${RAW_DAYS} raw days (${rawRows} rows, ${(bytes / 1048576).toFixed(1)} MiB) + ${ALL_DAYS - RAW_DAYS} days in daily.csv`,
);
console.log(
  `  CPU time: first call ${cold.toFixed(1)} ms, then median ${median.toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times.at(-1).toFixed(1)}) — Node ${process.version}`,
);
const one = judgement.status.endpoints[0];
console.log(`  e.g. ${one.id}: uptime ${JSON.stringify(one.uptime)}, downtime ${JSON.stringify(one.downtime)}`);
