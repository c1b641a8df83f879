/**
 * The truth about the monitor's own runs in the simulation: when GitHub really started them
 * (the simulator knows which were late and which were skipped), against the schedule's own
 * interval. `npm run simulate` compares status.json's `monitor.coverage24h`, which Vigil measures
 * from nothing but its rows, with this.
 */
import { DAY, MINUTE } from './model.js';

/** The schedule's interval (`*\/5 * * * *`) and how far past it a run still counts as on time. */
export const SCHEDULED_EVERY = 5 * MINUTE;
const ON_TIME_FACTOR = 1.5;

/**
 * The share (percent) of the 24 h before `end` — or of the time since the first run, when shorter
 * — that lies within 1.5 scheduled intervals after a run's true start. `starts` sorted.
 */
export function trueCoverage(starts: readonly number[], end: number): number {
  const from = Math.max(end - DAY, starts[0] ?? end);
  if (end <= from) return 100;
  let covered = 0;
  let coveredTo = from;
  for (const start of starts) {
    if (start >= end) break;
    const stop = Math.min(start + ON_TIME_FACTOR * SCHEDULED_EVERY, end);
    const begin = Math.max(start, coveredTo);
    if (stop > begin) {
      covered += stop - begin;
      coveredTo = stop;
    }
  }
  return (100 * covered) / (end - from);
}
