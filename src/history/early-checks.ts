/**
 * Yesterday's checks before the 24-hour window, kept as what the figures need of them rather
 * than as a row each: they count in no 24-hour figure and in no hour of the page, so all they
 * give is
 *
 * - their response times, to the 7-day percentiles (a tally, as the aggregates give the older
 *   days);
 * - where their status changes, to the outages and to the time a state began when `state.json`
 *   is lost (the first check of every run of one status: the outages drawn from these are those
 *   drawn from every check, to the millisecond, and so is the first check of a trailing run);
 * - when the monitor ran (per 30 seconds the earliest and the latest check, which keeps every
 *   gap of more than a minute that tells its runs apart, as `rowTimes` does).
 *
 * Why: at noon, yesterday's points are 28,800 checks on 200 endpoints; as rows they were a third
 * of the objects the judge's first call kept alive while it ran, and so of what the collections
 * of the young generation copied and of the memory the heap grew to (`npm run bench`,
 * docs/BENCHMARKS.md "Memory that scales").
 *
 * Only checks in order are taken: an endpoint whose checks come out of order (a file a person
 * edited) marks the whole day `disordered`, and the caller reads it again as rows. Every check's
 * time and status is kept too, as numbers and constants in two arrays per endpoint (no object a
 * check): when another row of the endpoint falls among them (a row of another day's file dated
 * yesterday, by a person or a wrong clock), its outages are drawn from all of them (`spanPoints`).
 */
import { TimeTally } from './aggregates.js';
import { RunSlots, SLOT_MS } from './monitor.js';
import type { Point, RowStatus } from './types.js';

interface EarlyOfEndpoint {
  tally: TimeTally;
  /** Every check's ms after `from`, oldest first, and its status. */
  offsets: number[];
  statuses: RowStatus[];
}

export class EarlyChecks {
  /** Whether an endpoint's checks came out of order: nothing here is to be used then. */
  disordered = false;
  private readonly byId = new Map<string, EarlyOfEndpoint>();
  /** When the monitor ran: its checks' times per 30 s. */
  private readonly runSlots: RunSlots;

  /** Takes the checks from `from` (the day's midnight) to before `before` (within that day). */
  constructor(
    readonly from: number,
    readonly before: number,
  ) {
    this.runSlots = new RunSlots(from, Math.max(0, Math.ceil((before - from) / SLOT_MS)));
  }

  /** Whether a check at `at` is one to give to `add` rather than keep as a row. */
  takes(at: number): boolean {
    return at >= this.from && at < this.before;
  }

  add(id: string, at: number, status: RowStatus, total: number): void {
    let endpoint = this.byId.get(id);
    if (endpoint === undefined) {
      endpoint = { tally: new TimeTally(), offsets: [], statuses: [] };
      this.byId.set(id, endpoint);
    }
    const offset = at - this.from;
    const { offsets } = endpoint;
    if (offsets.length > 0 && offset < offsets[offsets.length - 1]) this.disordered = true;
    if (status === 'up' || status === 'degraded') endpoint.tally.add(total, 1);
    offsets.push(offset);
    endpoint.statuses.push(status);
    this.runSlots.add(offset);
  }

  /** Each endpoint's checks and the tally of their response times. */
  endpoints(): ReadonlyMap<string, Readonly<EarlyOfEndpoint>> {
    return this.byId;
  }

  /**
   * What the outages of an endpoint take of its checks here, given its other rows (any order):
   * the status changes; or, when one of those rows falls among these checks, every check, since a
   * change kept alone would then close or open an outage at the wrong check.
   */
  spanPoints(id: string, ...others: ReadonlyArray<readonly Point[]>): Point[] {
    const endpoint = this.byId.get(id);
    if (endpoint === undefined) return [];
    const every = others.some((rows) => rows.some((row) => this.takes(row.at)));
    const { offsets, statuses } = endpoint;
    const points: Point[] = [];
    for (let i = 0; i < offsets.length; i++) {
      if (every || i === 0 || statuses[i] !== statuses[i - 1])
        points.push({ at: this.from + offsets[i], id, status: statuses[i], total: 0 });
    }
    return points;
  }

  /** When the monitor ran, as check times for `rowTimes` (any endpoint's id). */
  runTimes(): Point[] {
    return this.runSlots.times().map((at) => ({ at, id: '', status: 'up', total: 0 }));
  }
}
