/**
 * The simulation's faults of the data branch (docs/SIMULATION.md, "Under faults of the data
 * branch"): over three simulated days with an outage, refused pushes, a read-only day and a day
 * file re-saved as UTF-16 lose no saved check, record none twice, and miss or repeat no alert.
 */
import { describe, expect, it } from '@jest/globals';
import { MINUTE } from '../../../src/simulate/model.js';
import { simulateMonth } from '../../../src/simulate/month.js';

const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const HOUR = 60 * MINUTE;

describe('three simulated days with faults of the data branch', () => {
  it('every saved check is on the branch once, every outage alerted once at each end, the UTF-16 file kept', () => {
    const outage = { start: T0 + 30 * HOUR, end: T0 + 30 * HOUR + 40 * MINUTE };
    const settings = {
      seed: 11,
      days: 3,
      start: T0,
      historyDays: 30,
      failureThreshold: 1,
      successThreshold: 1,
      service: { outages: [outage], idleBeforeColdStart: 15 * MINUTE, coldStart: 25_000, blip: 0.01 },
      schedule: { skipped: 0.02, straggler: 0.05, delay: { min: 3 * MINUTE, max: 15 * MINUTE } },
      check: { timeout: 30_000, retries: 2, retryDelay: 5_000, maxResponseTime: 3_000 },
    };
    const result = simulateMonth({ ...settings, faults: { refusedPushes: 0.2, readOnlyDay: 3, utf16At: T0 + 36 * HOUR } });
    const { faults } = result;
    expect(faults.refusedPushes).toBeGreaterThan(20);
    expect(faults.readOnlyRuns).toBeGreaterThan(200);
    expect(faults.missingRows).toBe(0);
    expect(faults.duplicatedRows).toBe(0);
    expect(faults.checksOnBranch).toBe(faults.checksSaved);
    expect(faults.missedAlerts).toBe(0);
    expect(faults.duplicatedAlerts).toBe(0);
    expect(result.falseIncidents).toBe(0);
    expect(faults.warnings).toEqual([
      'history/2026-11-02.csv is UTF-16, not UTF-8: its bytes are kept as unreadable/history/2026-11-02.csv, and history/2026-11-02.csv was written anew with what Vigil could read of it',
    ]);
    // The same checks without faults: the figures differ only by the read-only day's checks.
    const clean = simulateMonth(settings);
    expect(clean.caught[0].runs).toBe(result.caught[0].runs);
    expect(clean.faults.checksOnBranch).toBe(faults.checksOnBranch + faults.readOnlyRuns);
  });
});
