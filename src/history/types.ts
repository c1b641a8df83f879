/**
 * The data branch's public formats (docs/history.md) and what the judge hands to the
 * sinks. These types are the contract between the pure judge (src/history), the store
 * (src/store), notifications (src/notify) and the status page (src/page): each reads them,
 * none of them reaches back into another.
 */

import type { Status } from '../check/types.js';

/** A recorded check's status: the check statuses plus `maintenance` (checked in a window). */
export type RowStatus = Status | 'maintenance';

/** One line of `history/YYYY-MM-DD.csv`. Times are whole milliseconds. */
export interface CheckRow {
  /** The check's `checkedAt` (ISO 8601, UTC). */
  time: string;
  id: string;
  status: RowStatus;
  /** Null when no response came. */
  http: number | null;
  total: number;
  dns: number;
  connect: number;
  tls: number;
  wait: number;
  download: number;
  attempts: number;
  /** Empty for `up`; else the error or the first failed check, redacted, on one line. */
  error: string;
}

/**
 * What the judge reads back of a stored check: when, whose, how it went and how long it took. The
 * other columns stay on the branch for people and tools.
 */
export interface Point {
  /** The check's time in epoch milliseconds. */
  at: number;
  id: string;
  status: RowStatus;
  total: number;
}

export const DAILY_FILE = 'daily.csv';
export const STATUS_FILE = 'status.json';
export const STATE_FILE = 'state.json';

export const CHECK_COLUMNS = [
  'time',
  'id',
  'status',
  'http',
  'total',
  'dns',
  'connect',
  'tls',
  'wait',
  'download',
  'attempts',
  'error',
] as const;

/** One line of `daily.csv`: one endpoint's UTC day. `checks` = up + degraded + down. */
export interface DailyRow {
  /** YYYY-MM-DD (UTC). */
  date: string;
  id: string;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  maintenance: number;
  /** Nearest-rank percentiles (ms) of the day's checks that were neither down nor in maintenance. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export const DAILY_COLUMNS = ['date', 'id', 'checks', 'up', 'degraded', 'down', 'maintenance', 'p50', 'p95', 'p99'] as const;

export type Window = '24h' | '7d' | '30d' | '90d';
export const WINDOWS: readonly Window[] = ['24h', '7d', '30d', '90d'];

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** An endpoint's counted status: after failure-threshold / success-threshold. The same four
 * words as a row's status, counted instead of measured. */
export type CountedStatus = RowStatus;

export interface IncidentRef {
  number: number;
  url: string;
}

/** One endpoint's figures in `status.json` (exactly the shape and field order docs/history.md shows). */
export interface EndpointFigures {
  id: string;
  name: string;
  /** Redacted. */
  url: string;
  status: CountedStatus;
  /** When the counted status last changed (ISO), null when unknown. */
  since: string | null;
  incident: IncidentRef | null;
  last: { time: string; status: RowStatus; http: number | null; total: number } | null;
  /** The uptime target, in percent (99 for `99%`). */
  target: number;
  checks: Record<Window, number>;
  /** Percent, floored to three decimals; null when the window has no checks. */
  uptime: Record<Window, number | null>;
  responseTime: { '24h': Percentiles; '7d': Percentiles };
  /** Seconds of outage within each window. */
  downtime: Record<Window, number>;
  /** Over 30 days: allowed and used in seconds, `left` a fraction from 0 to 1. */
  errorBudget: { allowed: number; used: number; left: number };
}

/** `status.json`: the branch's public API. */
export interface StatusFile {
  version: 1;
  updatedAt: string;
  /** The worst counted status of all endpoints. */
  status: CountedStatus;
  /** How regularly the monitor itself ran (docs/history.md, "monitor"); absent in files written
   * before Vigil measured it. */
  monitor?: MonitorFigures;
  endpoints: EndpointFigures[];
}

/** `status.json`'s `monitor`: the monitor's own runs, read from the times of its rows. */
export interface MonitorFigures {
  /** Median seconds between consecutive runs of the last 24 h; null with fewer than two. */
  every: number | null;
  /** The start of the last run (ISO); null when no run is known. */
  lastRun: string | null;
  /** Runs in the last 24 h. */
  runs24h: number;
  /** Percent of the last 24 h (or of the time since the first run) within `every` × 1.5 after a
   * run, floored to a tenth; null while `every` is unknown. */
  coverage24h: number | null;
  /** Seconds of the longest stretch without a run in the last 24 h, up to now; null with no run. */
  longestGap24h: number | null;
}

/** What the next run needs to know about one endpoint (kept in `state.json`). */
export interface EndpointState {
  id: string;
  name: string;
  url: string;
  /** The workflow file that checks it (endpoints of other workflows are kept untouched). */
  workflow: string | null;
  counted: CountedStatus;
  since: string | null;
  /** Consecutive runs down / not down, for the thresholds. */
  downStreak: number;
  upStreak: number;
  /** The first down check of the current (or pending) outage. */
  outageStart: string | null;
  /** The first check of the current run of checks that were not down (ends a counted outage). */
  notDownSince?: string | null;
  /** The counted status before a maintenance window began, restored when it ends. */
  beforeMaintenance?: Status | null;
  lastCheck: string | null;
}

// Defined beside `notify[].on`, which names them.
import type { EventKind } from '../config/notify-types.js';

/** A change of counted state, for incident issues and notifications. */
export interface VigilEvent {
  /** Unique and stable: `${id}:${kind}:${at}`; what exactly-once delivery is keyed on. */
  key: string;
  kind: EventKind;
  id: string;
  name: string;
  /** Redacted. */
  url: string;
  /** When the change happened (the check that showed it). */
  at: string;
  /** When the new state began (for `down`: the outage's first down check). */
  since: string | null;
  status: RowStatus;
  error: string | null;
  failures: string[];
  httpStatus: number | null;
  responseTime: number | null;
  /** For `recovered`: how long the outage lasted, in seconds. */
  downtime: number | null;
  /** For `maintenance`: whether the window starts or ends. */
  maintenance?: { phase: 'start' | 'end'; until: string | null; timezone: string | null };
  incident: IncidentRef | null;
}

/** A notification that failed and waits in the outbox to be retried by later runs. */
export interface PendingNotice {
  event: VigilEvent;
  /** A stable, secret-free key of the target (e.g. `telegram#0:3f2a…`). */
  target: string;
  /** First failed attempt; the notice is dropped an hour after it. */
  firstTried: string;
  attempts: number;
  lastError: string;
}

/** `state.json`. */
export interface StateFile {
  version: 1;
  endpoints: Record<string, EndpointState>;
  outbox: PendingNotice[];
  /** When the workflow was last re-enabled / the keep-alive notice last shown (ISO), per workflow. */
  keepAlive: Record<string, string>;
}

/** The branch's files as text, by path (`history/2026-11-26.csv`, `daily.csv`, …). */
export type BranchFiles = Map<string, string>;

/** What to change on the branch: a path's new text, or null to delete it. */
export type FileChanges = Map<string, string | null>;

// ------------------------------------------------------------------ the judge's input and output

/** One endpoint's result of this run, as the judge needs it (an `EndpointResult` fits, plus the
 * maintenance fields). Every text in it is already redacted. */
export interface CheckedEndpoint {
  id: string;
  name: string;
  /** Redacted. */
  url: string;
  status: Status;
  /** Checked during a maintenance window: recorded as `maintenance`, left out of the figures. */
  inMaintenance: boolean;
  /** The end of that window (ISO) and its time zone, for the `maintenance` event. */
  maintenanceUntil?: string | null;
  maintenanceTimezone?: string | null;
  httpStatus: number | null;
  timings: { dns: number; connect: number; tls: number; wait: number; download: number; total: number };
  attempts: number;
  error: string | null;
  failures: string[];
  checkedAt: string;
}

/** The settings of one configured endpoint that the judge needs. */
export interface EndpointSettings {
  id: string;
  name: string;
  /** Redacted. */
  url: string;
  /** The uptime target, in percent (99 for `99%`). */
  target: number;
  failureThreshold: number;
  successThreshold: number;
}

export interface JudgeInput {
  /** The branch's files as read (may be empty: a new branch). */
  files: BranchFiles;
  /** Every path on the branch, when only some files were read (those `filesToRead` names); by
   * default the paths of `files`. */
  paths?: Iterable<string>;
  /** This run's results (with sharding, only some of the configured endpoints). */
  checks: readonly CheckedEndpoint[];
  /** Settings of the endpoints of this workflow's configuration (at least those checked). */
  endpoints: readonly EndpointSettings[];
  /** The workflow file of this run (null for the CLI). */
  workflow: string | null;
  /** Every id of this workflow's configuration; its endpoints that are missing are dropped. */
  configuredIds: readonly string[];
  /** Days of raw checks kept (at least 7). */
  historyDays: number;
  now: Date;
  /** Day files already read, by path, reused while a file's text is unchanged: for a caller that
   * judges many runs in one process (the simulation). The judge fills it; leave it out otherwise. */
  readCache?: Map<string, { text: string; byId: ReadonlyMap<string, readonly Point[]> }>;
}

/** A check below `failure-threshold` (or a recovery below `success-threshold`). */
export interface Pending {
  toward: 'down' | 'recovery';
  /** Consecutive runs so far, and how many it takes. */
  runs: number;
  needed: number;
  /** For people: `down — 1 of 3 before it counts`. */
  text: string;
}

/** One hour of the last 24 (clock hours, UTC, the current one last). */
export interface HourSlot {
  /** Start of the hour (ISO). */
  start: string;
  /** The worst status checked in that hour; null when there was no check. */
  status: RowStatus | null;
  p50: number | null;
  p95: number | null;
}

/** One UTC day of the 90-day bar. */
export interface DaySlot {
  date: string;
  checks: number;
  down: number;
  maintenance: number;
  uptime: number | null;
}

/** An outage found in the raw checks: from its first down check to the next check that was not
 * down (end null while it lasts). */
export interface Outage {
  start: string;
  end: string | null;
  seconds: number;
}

/** What the summary and the page show of one endpoint. */
export interface EndpointView {
  id: string;
  /** The figures as written to `status.json` (counted status, since, uptime, …). */
  figures: EndpointFigures;
  pending: Pending | null;
  /** When the current maintenance window ends, while the endpoint is in one. */
  maintenance: { until: string | null; timezone: string | null } | null;
  /** The last 24 hours, oldest first, 24 slots. */
  hours: HourSlot[];
  /** The last 90 UTC days, oldest first, 90 slots. */
  days: DaySlot[];
  /** Outages of the last 30 days known from raw checks, newest first. */
  outages: Outage[];
  /** Whether this run checked it (false: kept from another shard or workflow). */
  checked: boolean;
  /** This run's error or first failed check, as recorded (redacted); null when up or not checked. */
  reason?: string | null;
}

export interface Judgement {
  /** Files to write (or delete, null) on the branch. */
  changes: FileChanges;
  status: StatusFile;
  state: StateFile;
  /** Changes of counted state in this run, in check order. */
  events: VigilEvent[];
  /** Every endpoint of `status.json`, in its order. */
  endpoints: EndpointView[];
  /** What was wrong with the files read (entries dropped or repaired, rows dated in the future),
   * one line per kind of problem, for the summary. */
  warnings: string[];
  /** The rows of `daily.csv` as written (by date, then id): the page takes them without reading
   * the file again (tens of ms on 200 endpoints). */
  daily?: DailyRow[];
}
