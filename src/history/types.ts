/**
 * The data branch's public formats (SPEC "State and history") and what the judge hands to the
 * sinks. These types are the contract between the pure judge (src/history), the store
 * (src/store), notifications (src/notify) and the status page (src/page): each reads them,
 * none of them reaches back into another.
 */

/** A recorded check's status: the check statuses plus `maintenance` (checked in a window). */
export type RowStatus = 'up' | 'degraded' | 'down' | 'maintenance';

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

/** An endpoint's counted status: after failure-threshold / success-threshold. */
export type CountedStatus = 'up' | 'degraded' | 'down' | 'maintenance';

export interface IncidentRef {
  number: number;
  url: string;
}

/** One endpoint's figures in `status.json` (exactly the SPEC's shape and field order). */
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
  endpoints: EndpointFigures[];
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
  lastCheck: string | null;
}

export type EventKind = 'down' | 'recovered' | 'degraded' | 'maintenance';

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
