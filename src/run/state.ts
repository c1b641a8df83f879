/**
 * A run as its stages see it: what it set out to do (the configuration, the endpoints of this
 * shard, the maintenance windows, the deadline), and what each stage added, in order. Stages
 * and sinks all take this one object.
 */
import type { RunDeadline } from '../check/run.js';
import type { Report, ReportedEndpoint } from '../check/types.js';
import type { Config, Endpoint } from '../config/types.js';
import type { CountedStatus, EndpointView } from '../history/types.js';
import type { ActiveWindow } from '../maintenance/index.js';
import type { IncidentRef, PendingNotice } from '../history/index.js';
import type { PageSettings } from '../page/files.js';
import type { Recorded } from './record-run.js';
import type { Cancellation, IncidentLink } from '../report/summary.js';
import type { DataStore } from '../store/types.js';
import type { RunContext } from './context.js';
import type { Journal } from './journal.js';

/** What a run recorded on the data branch, and the store to make the follow-up push with. */
export interface Memory {
  store: DataStore;
  recorded: Recorded;
  page: PageSettings | null;
}

export interface IncidentOutcome {
  opened: number[];
  closed: number[];
  links: Map<string, IncidentLink>;
  /** Set when the issues API could not do what was needed. */
  failure: string | null;
}

export interface FollowUp {
  /** Incident issues this run opened (ref) or closed (null), by endpoint id. */
  incidents: Map<string, IncidentRef | null>;
  /** Notices that failed and wait for a later run. */
  outbox: PendingNotice[];
  /** The day's keep-alive, by workflow path. */
  keepAlive: Map<string, string>;
}

/** What the run set out to do, before any check. */
export interface Plan {
  config: Config;
  /** Masks every secret of the configuration in a text. */
  redact: (text: string) => string;
  /** The endpoints of this run's shard. */
  endpoints: readonly Endpoint[];
  /** The maintenance windows open at the run's start, by endpoint id. */
  windows: ReadonlyMap<string, ActiveWindow>;
  /** When the run started, on the run's clock. */
  runStart: Date;
  deadline: RunDeadline;
}

export interface Run extends Plan {
  ctx: RunContext;
  /** Cancellation (SIGINT, SIGTERM): stops the checks at once. */
  signal: AbortSignal;
  /** The run's end (its deadline or a cancellation): what waits on others stops being waited for. */
  runEnd: AbortSignal;
  journal: Journal;
  report: Report;
  cancellation: Cancellation | null;
  /** What the data branch recorded (null without history, or when it could not be read). */
  memory: Memory | null;
  /** Each endpoint's judged view, by id (empty without history). */
  views: ReadonlyMap<string, EndpointView>;
  incidents: IncidentOutcome;
  followUp: FollowUp;
  /** The newest commit of the data branch this run made. */
  historyCommit: string | null;
}

/** The status that counts (after the thresholds, and maintenance): what issues, notifications
 * and `fail-on` follow. Without history, thresholds are 1. */
export function counted(run: Pick<Run, 'views' | 'windows'>, endpoint: ReportedEndpoint): CountedStatus {
  return run.views.get(endpoint.id)?.figures.status ?? (run.windows.has(endpoint.id) ? 'maintenance' : endpoint.status);
}
