/**
 * A month of a simulated service and of GitHub's scheduler, for `npm run simulate`: what the
 * service truly did (the truth the figures are compared with), and what each run's check saw.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A small seeded generator (mulberry32), so every run of the simulation tells the same story. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrueOutage {
  start: number;
  end: number;
}

export interface ServiceModel {
  outages: TrueOutage[];
  /** A request after this long without one finds the service asleep… */
  idleBeforeColdStart: number;
  /** …and takes this long to answer. */
  coldStart: number;
  /** Chance that one attempt fails on its own (a reset, a dropped packet); the next one is fine. */
  blip: number;
}

export interface CheckSettings {
  timeout: number;
  retries: number;
  retryDelay: number;
  maxResponseTime: number;
}

export interface SimulatedCheck {
  status: 'up' | 'degraded' | 'down';
  total: number;
  attempts: number;
  error: string | null;
  /** When the check ended (its `checkedAt`). */
  at: number;
}

/** The service: answers in a few hundred ms, sleeps after 15 idle minutes, and is down during
 * its outages (connections refused; after one it starts cold). */
export class Service {
  private lastServed = -Infinity;
  constructor(
    private readonly model: ServiceModel,
    private readonly random: () => number,
  ) {}

  isDown(at: number): boolean {
    return this.model.outages.some((outage) => at >= outage.start && at < outage.end);
  }

  /** One attempt at `at`: how long it took, or null for a failure after `ms`. */
  attempt(at: number, timeout: number): { ms: number; failed: string | null } {
    if (this.isDown(at)) {
      this.lastServed = -Infinity; // it restarts cold
      return { ms: 1, failed: 'connection refused' };
    }
    if (this.random() < this.model.blip) return { ms: 40 + Math.round(this.random() * 200), failed: 'socket hang up' };
    const cold = at - this.lastServed >= this.model.idleBeforeColdStart;
    const ms = cold ? this.model.coldStart + Math.round(this.random() * 500) : 150 + Math.round(400 * this.random() ** 2);
    if (ms > timeout) return { ms: timeout, failed: `timed out after ${timeout} ms` };
    this.lastServed = at + ms;
    return { ms, failed: null };
  }

  /** A check as Vigil makes it: a down attempt is retried after retryDelay, doubling. */
  check(start: number, settings: CheckSettings): SimulatedCheck {
    let at = start;
    let delay = settings.retryDelay;
    for (let attempt = 1; ; attempt++) {
      const { ms, failed } = this.attempt(at, settings.timeout);
      at += ms;
      if (!failed || attempt > settings.retries) {
        const status = failed ? 'down' : ms > settings.maxResponseTime ? 'degraded' : 'up';
        return { status, total: ms, attempts: attempt, error: failed, at };
      }
      at += delay;
      delay *= 2;
    }
  }
}

export interface Schedule {
  /** Chance that GitHub skips a scheduled run. */
  skipped: number;
  /** Chance that a run starts later still than the others around it (5–10 more minutes). */
  straggler: number;
  /** How late runs start: a delay that drifts slowly between these bounds over the day. */
  delay: { min: number; max: number };
}

/**
 * The start times of the runs of a `*\/5 * * * *` schedule as GitHub starts them: every run late
 * by a delay that drifts with GitHub's load (3–15 minutes at busy hours), a few later still, some
 * skipped.
 */
export function scheduledRuns(from: number, runs: number, schedule: Schedule, random: () => number): number[] {
  const starts: number[] = [];
  const { min, max } = schedule.delay;
  let drift = (min + max) / 2;
  for (let slot = 0; slot < runs; slot++) {
    drift = Math.min(max, Math.max(min, drift + (random() - 0.5) * 60_000));
    if (random() < schedule.skipped) continue;
    const straggle = random() < schedule.straggler ? 5 * MINUTE + random() * 5 * MINUTE : 0;
    starts.push(from + slot * 5 * MINUTE + Math.round(drift + random() * 30_000 + straggle));
  }
  return starts.sort((a, b) => a - b);
}
