import type { Timings } from '../probe/phases.js';

export type Status = 'up' | 'degraded' | 'down';

export const STATUS_RANK: Record<Status, number> = { up: 0, degraded: 1, down: 2 };

export function worstStatus(statuses: Iterable<Status>): Status {
  let worst: Status = 'up';
  for (const status of statuses) if (STATUS_RANK[status] > STATUS_RANK[worst]) worst = status;
  return worst;
}

/** The result of one endpoint, as the outputs publish it (`results` in docs/configuration.md, "Outputs"). Every text
 * in it is already redacted; text that came from the response is still untrusted for Markdown. */
export interface EndpointResult {
  id: string;
  name: string;
  url: string;
  status: Status;
  httpStatus: number | null;
  responseTime: number;
  attempts: number;
  timings: Timings;
  error: string | null;
  failures: string[];
  certExpiresInDays: number | null;
  redirects: number;
  checkedAt: string;
}

/** What the reports need beyond the published result. */
export interface ReportedEndpoint extends EndpointResult {
  method: string;
  maxResponseTime: number;
  statusText: string | null;
  /** A remark for people, e.g. that the endpoint only answered on a retry. */
  note: string | null;
  /** The start of the body of a down endpoint that answered (redacted, untrusted). */
  bodyExcerpt: string | null;
  /** What was checked when not HTTP (`tcp`, `dns`, …): the scheme of the URL picks it. */
  kind?: string;
}

/** How a sink names what was requested: `GET https://…` for HTTP, the URL alone for other kinds
 * (their scheme says what they are). */
export const requestLine = (endpoint: Pick<ReportedEndpoint, 'method' | 'url' | 'kind'>): string =>
  endpoint.kind ? endpoint.url : `${endpoint.method} ${endpoint.url}`;

export interface Report {
  status: Status;
  endpoints: ReportedEndpoint[];
  counts: Record<Status, number>;
  /** Endpoints never started because the run deadline came first, in configuration order.
   * They are neither up nor down: not in `endpoints`, not counted. */
  notChecked: Array<{ id: string; name: string }>;
  startedAt: Date;
  durationMs: number;
}
