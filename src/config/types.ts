import type { HeartbeatReport } from './heartbeat.js';
import type { MaintenanceWindow } from './maintenance.js';
import type { NotifyTarget } from './notify-types.js';

/** The settings that describe how one endpoint is checked. Every one of them can be set as an
 * action input, in the config file's `defaults:` block, or on the endpoint itself. */
export interface CheckSettings {
  /** Deadline for one attempt, in ms, from the start of the request to the end of the body. */
  timeout: number;
  /** Extra attempts for an endpoint whose attempt is down. */
  retries: number;
  /** Wait before the first retry, in ms; doubles for each later one. */
  retryDelay: number;
  /** Slower than this (total, ms) makes an otherwise passing endpoint degraded. */
  maxResponseTime: number;
  expectedStatus: StatusRanges;
  /** Redirect hops followed; 0 follows none. */
  followRedirects: number;
  /** Certificates expiring within this many days make the endpoint degraded; 0 turns it off. */
  certExpiryDays: number;
  /** Skip TLS certificate verification (expiry is still measured). */
  insecure: boolean;
}

/** Inclusive ranges of HTTP status codes, with the text the user wrote for messages. */
export interface StatusRanges {
  ranges: Array<[number, number]>;
  text: string;
}

export type JsonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A comparison with a number, as written in a `json` value such as `"< 400"`. */
export interface NumberComparison {
  operator: JsonOperator;
  bound: number;
  /** As the user wrote it, normalized to `operator number` (`< 400`), for messages. */
  text: string;
  /** `age < 15m`: the bound is a duration in ms, compared with now minus the time at the path. */
  age?: boolean;
}

export interface JsonExpectation {
  /** The path as the user wrote it, without a leading `$.` (inside `len(...)` for a length). */
  path: string;
  segments: string[];
  /** True for a `len(path)` key: the length of the array or string at the path is judged. */
  length: boolean;
  /** A comparison with a number, or null for JSON equality with `expected`. */
  comparison: NumberComparison | null;
  /** The value to be equal to (unused when `comparison` is set). */
  expected: unknown;
}

export interface ContentChecks {
  bodyContains: string[];
  bodyNotContains: string[];
  bodyMatches: RegExp | null;
  json: JsonExpectation[];
  /** Header name (lower case) → expected value. */
  responseHeaders: Record<string, string>;
}

/** How the history judges an endpoint over many runs. Like the check settings, each one can be
 * an action input, a `defaults:` key or an endpoint key. */
export interface TrackingSettings {
  /** The uptime objective, in percent (0 < target < 100): shown against the measured uptime,
   * and the base of the error budget. */
  uptimeTarget: number;
  /** Consecutive runs down before the endpoint counts as down. */
  failureThreshold: number;
  /** Consecutive runs not down before a counted outage ends. */
  successThreshold: number;
}

/** Every setting an endpoint inherits from `defaults:` and the action inputs. */
export type InheritedSettings = CheckSettings & TrackingSettings;

export interface Endpoint extends CheckSettings, TrackingSettings, ContentChecks {
  id: string;
  name: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  /** Values that must never be shown: substituted variables, header values, URL credentials. */
  secrets: string[];
  /** The keys only the endpoint's kind of check reads (`send`, `starttls`, the bot's token …);
   * absent for HTTP. The kind itself is the scheme of `url` (kindOf in probe/kinds/index.ts). */
  kind?: KindOptions;
  /** The name is the default one and the check may report a better one: a bot's `@username`
   * from `getMe` (docs/check-kinds.md, "Telegram bots"). Until it does, `name` is the numeric id. */
  nameFromCheck?: boolean;
}

export type FailOn = 'down' | 'degraded' | 'never';

/** One shard of the endpoint list: `2/5` is the second of five. */
export interface Shard {
  /** 1-based, at most `count`. */
  index: number;
  count: number;
}

/** Settings of the run as a whole: action inputs, except `notify` and `maintenance`, which the
 * config file may add to. */
export interface RunSettings {
  concurrency: number;
  failOn: FailOn;
  createIssues: boolean;
  issueLabels: string[];
  issueAssignees: string[];
  closeIssues: boolean;
  githubToken: string;
  summary: boolean;
  /** Keep state and every check on a data branch. */
  history: boolean;
  /** A valid git branch name, never the branch the workflow runs on. */
  historyBranch: string;
  /** Days of raw checks kept, 7-3650. */
  historyDays: number;
  /** The whole run ends within this many ms. */
  deadline: number;
  /** Re-enable the scheduled workflow at most once a day. */
  keepAlive: boolean;
  /** Write the status page and badges; only with history. */
  pages: boolean;
  pageTitle: string;
  pageShowUrls: boolean;
  /** Check only this shard of the endpoints (see selectShard), or all of them when null. */
  shard: Shard | null;
  /** The `notify` input's targets, then the config file's. Only with history. */
  notify: NotifyTarget[];
  /** The `maintenance` input's windows, then the config file's. */
  maintenance: MaintenanceWindow[];
}

export interface Config {
  /** All endpoints, every shard's: apply `selectShard(endpoints, run.shard)` to get this run's. */
  endpoints: Endpoint[];
  run: RunSettings;
  /** Secrets found outside the endpoints (notification tokens, webhook URLs, substituted
   * `${VAR}` values), in every form they travel in: mask them before printing anything. */
  secrets: string[];
}

/** Where a configuration problem is, and what it is. */
// Defined apart so the parsers of lists that types.ts names (maintenance windows) need not
// import this file back.
export { ConfigError, type Problem } from './problem.js';

/** The endpoint keys that belong to one kind of check, as its prober reads them. */
export interface KindOptions {
  /** ws/wss: the message sent after the handshake. */
  send?: string;
  /** smtp: STARTTLS is required, not only used when offered. */
  starttls?: boolean;
  /** A content check reads the body, so the kind waits for one (ws: the first message). */
  readBody?: boolean;
  /** telegram-bot: the bot's token (a secret). */
  token?: string;
  /** telegram-bot: a self-hosted Bot API server. */
  apiUrl?: string;
  /** telegram-bot: updates waiting that are still fine. */
  maxPending?: number;
  /** workflow: `OWNER/REPO/.github/workflows/FILE` (resolved from `FILE` with GITHUB_REPOSITORY). */
  workflow?: string;
  /** workflow: the oldest a successful run may have started, in ms. */
  maxAge?: number;
  /** workflow: only runs on this branch count. */
  branch?: string;
  /** workflow: the token for GitHub's API (`github-token`, a secret). */
  githubToken?: string;
  /** workflow: GitHub's API (GITHUB_API_URL). */
  githubApiUrl?: string;
  /** heartbeat: the id that reports name (`client_payload.id`). */
  heartbeat?: string;
  /** heartbeat: its last reports, newest first, read from the data branch before the checks
   * (src/heartbeat/reports.ts); absent or null when they were not read. */
  heartbeatReports?: readonly HeartbeatReport[] | null;
  /** heartbeat: why the reports were not read, in words. */
  heartbeatUnread?: string;
}
