/**
 * The monitor's regularity in words, the same on the job summary and the status page: "checks
 * ran on time 93 % of the last 24 h; longest gap 47 min" (README "Is the monitor itself
 * running?"). Durations read as the page reads every other length.
 */
import type { MonitorFigures } from '../history/types.js';
import { formatSeconds } from '../text/duration.js';

/** The words for `status.json`'s `monitor`, or null when nothing is known (no run recorded). */
export function monitorWords(monitor: MonitorFigures | null | undefined): string | null {
  if (!monitor || monitor.lastRun === null) return null;
  const gap = monitor.longestGap24h === null ? '' : `; longest gap ${formatSeconds(monitor.longestGap24h)}`;
  if (monitor.coverage24h !== null) return `checks ran on time ${monitor.coverage24h} % of the last 24 h${gap}`;
  // With fewer than two runs in the last day there is no interval to be on time against.
  const runs = monitor.runs24h === 0 ? 'no checks ran' : 'checks ran once';
  return `${runs} in the last 24 h, too few to tell how regularly${gap}`;
}
