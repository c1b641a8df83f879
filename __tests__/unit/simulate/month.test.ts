import { describe, expect, it } from '@jest/globals';
import { MINUTE, Service, scheduledRuns, seeded } from '../../../src/simulate/model.js';
import { simulateMonth } from '../../../src/simulate/month.js';

const DEFAULTS = { timeout: 30_000, retries: 2, retryDelay: 5_000, maxResponseTime: 3_000 };
const T0 = Date.parse('2026-11-01T00:00:00.000Z');

/** A generator that plays back the given numbers, then 0.5 forever. */
const playback =
  (...values: number[]) =>
  () =>
    values.length ? values.shift()! : 0.5;

describe('the simulated service', () => {
  it('answers its first request after 15 idle minutes in 25 s: degraded, not down, within the timeout', () => {
    const service = new Service({ outages: [], idleBeforeColdStart: 15 * MINUTE, coldStart: 25_000, blip: 0 }, playback());
    const first = service.check(T0, DEFAULTS);
    expect(first).toMatchObject({ status: 'degraded', attempts: 1 });
    expect(first.total).toBeGreaterThanOrEqual(25_000);
    expect(service.check(T0 + 5 * MINUTE, DEFAULTS).status).toBe('up');
    expect(service.check(T0 + 25 * MINUTE, DEFAULTS).status).toBe('degraded');
  });

  it('hides a one-off blip behind a retry 5 s later', () => {
    // First attempt: the blip roll (0.001 < 1 %) and its duration; the retry rolls no blip.
    const service = new Service(
      { outages: [], idleBeforeColdStart: 15 * MINUTE, coldStart: 0, blip: 0.01 },
      playback(0.001, 0.5, 0.5, 0.5),
    );
    const check = service.check(T0, DEFAULTS);
    expect(check).toMatchObject({ status: 'up', attempts: 2, error: null });
  });

  it('is down in an outage after the retries, 5 s then 10 s apart', () => {
    const outage = { start: T0, end: T0 + 40 * MINUTE };
    const service = new Service({ outages: [outage], idleBeforeColdStart: 15 * MINUTE, coldStart: 25_000, blip: 0 }, playback());
    expect(service.check(T0 + MINUTE, DEFAULTS)).toEqual({
      status: 'down',
      total: 1,
      attempts: 3,
      error: 'connection refused',
      at: T0 + MINUTE + 15_003,
    });
  });

  it('starts every scheduled run late, in order, and skips some', () => {
    const starts = scheduledRuns(
      T0,
      288,
      { skipped: 0.02, straggler: 0.05, delay: { min: 3 * MINUTE, max: 15 * MINUTE } },
      seeded(1),
    );
    expect(starts.length).toBeLessThan(288);
    expect(starts.length).toBeGreaterThan(270);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts[0] - T0).toBeGreaterThanOrEqual(3 * MINUTE);
  });
});

describe('two simulated days with the real judge', () => {
  it('catches a 40-minute outage within one run, without a false incident, and keeps the branch small', () => {
    const outage = { start: T0 + 30 * 60 * MINUTE, end: T0 + 30 * 60 * MINUTE + 40 * MINUTE };
    const result = simulateMonth({
      seed: 7,
      days: 2,
      start: T0,
      historyDays: 30,
      failureThreshold: 1,
      successThreshold: 1,
      service: { outages: [outage], idleBeforeColdStart: 15 * MINUTE, coldStart: 25_000, blip: 0.01 },
      schedule: { skipped: 0.02, straggler: 0.05, delay: { min: 3 * MINUTE, max: 15 * MINUTE } },
      check: DEFAULTS,
    });
    expect(result.falseIncidents).toBe(0);
    expect(result.caught[0].runs).toBe(1);
    expect(result.downtime30d).toBeGreaterThanOrEqual(35 * 60);
    expect(result.downtime30d).toBeLessThanOrEqual(50 * 60);
    expect(result.status.endpoints[0].status).toBe('up');
    expect(result.maxCommits).toBeLessThanOrEqual(289);
    expect(result.branchBytes).toBeLessThan(100 * 1024);
  });
});

describe('the monitor measured against the truth of the schedule', () => {
  const month = (skipped: number) =>
    simulateMonth({
      seed: 11,
      days: 2,
      start: T0,
      historyDays: 30,
      failureThreshold: 1,
      successThreshold: 1,
      service: { outages: [], idleBeforeColdStart: 15 * MINUTE, coldStart: 25_000, blip: 0 },
      schedule: { skipped, straggler: 0.05, delay: { min: 3 * MINUTE, max: 15 * MINUTE } },
      check: DEFAULTS,
    });

  it('status.json monitor.coverage24h, read from the rows alone, is within a point of the true coverage each day', () => {
    const result = month(0.02);
    expect(result.coverage.map((sample) => new Date(sample.at).toISOString().slice(0, 10))).toEqual(['2026-11-02']);
    for (const sample of result.coverage) {
      expect(sample.measured).not.toBeNull();
      expect(Math.abs(sample.measured! - sample.truth)).toBeLessThan(1);
      // A row is dated when its check ends, seconds after its run started: one run may fall on
      // the other side of the window's start.
      expect(Math.abs(sample.runs - sample.trueRunsApart)).toBeLessThanOrEqual(1);
    }
    expect(result.status.monitor!.every).toBeGreaterThanOrEqual(270);
    expect(result.status.monitor!.every).toBeLessThanOrEqual(330);
  });

  it('a schedule that skips a fifth of its runs is measured as such, not as 100 %', () => {
    const result = month(0.2);
    expect(result.coverage).toHaveLength(1);
    for (const sample of result.coverage) {
      expect(sample.truth).toBeLessThan(97);
      expect(sample.measured!).toBeLessThan(97);
      expect(Math.abs(sample.measured! - sample.truth)).toBeLessThan(2);
    }
  });
});
