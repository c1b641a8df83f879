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

export interface Endpoint extends CheckSettings, ContentChecks {
  id: string;
  name: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  /** Values that must never be shown: substituted variables, header values, URL credentials. */
  secrets: string[];
}

export type FailOn = 'down' | 'degraded' | 'never';

/** Settings of the run as a whole (action inputs only). */
export interface RunSettings {
  concurrency: number;
  failOn: FailOn;
  createIssues: boolean;
  issueLabels: string[];
  issueAssignees: string[];
  closeIssues: boolean;
  githubToken: string;
  summary: boolean;
}

export interface Config {
  endpoints: Endpoint[];
  run: RunSettings;
}

/** Where a configuration problem is, and what it is. */
export interface Problem {
  where: string;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: Problem[];
  /** Every substituted `${VAR}` value found before the error, in every form it travels in. No
   * problem quotes one, but the caller masks them all (`::add-mask::`) before printing anything. */
  readonly secrets: string[];
  constructor(problems: Problem[], secrets: string[] = []) {
    super(
      `Invalid configuration (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n` +
        problems.map((p) => `  ${p.where}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
    this.secrets = secrets;
  }
}
