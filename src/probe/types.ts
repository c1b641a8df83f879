/**
 * The shapes every prober shares, HTTP's and the other kinds': what one attempt is asked
 * (`ProbeRequest`), what it reports (`ProbeResult`, the same fields for every kind — the phases a
 * kind has not are 0) and what the run hands it (`ProbeOptions`: clocks, proxy, resolver).
 */
import type { Lookup } from './connection.js';
import type { Timings } from './phases.js';
import type { KindOptions } from '../config/types.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const USER_AGENT = 'Vigil/1 (uptime monitor)';

export interface ProbeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  /** Total deadline of the attempt, in ms. */
  timeout: number;
  followRedirects: number;
  insecure: boolean;
  /** Bytes of the decoded body kept for content checks. */
  bodyLimit?: number;
  /** Keys that only some check kinds read (see kinds/index.ts); absent for HTTP. */
  kind?: KindOptions;
}

export interface ProbeResult {
  /** Status of the final response; null when none came. */
  httpStatus: number | null;
  statusText: string | null;
  /** Response headers of the final response, names in lower case. */
  headers: Record<string, string>;
  /** The first `bodyLimit` bytes of the decoded body. */
  body: Buffer;
  /** True when the body was longer than what was kept. */
  bodyTruncated: boolean;
  /** Why the body could not be decoded, if it could not. */
  bodyError: string | null;
  timings: Timings;
  error: string | null;
  errorCode: string | null;
  redirects: number;
  finalUrl: string;
  /** The earliest certificate expiry seen on any https hop. */
  certValidTo: Date | null;
  startedAt: Date;
}

export interface ProbeOptions {
  /** A monotonic clock in ms (injected by tests). */
  now?: () => number;
  /** The wall clock in ms since the epoch, for ages of things dated by others (default Date.now). */
  wallClock?: () => number;
  /** The proxy for a URL, or null for a direct connection. Defaults to the environment's
   * HTTPS_PROXY / HTTP_PROXY / NO_PROXY rules. */
  proxyFor?: (url: URL) => URL | null;
  /** Resolves host names; defaults to the system resolver. */
  lookup?: Lookup;
}

/** One prober: one attempt at one endpoint of its kind, within the request's `timeout`
 * (blackbox_exporter's ProbeFn). The registry (kinds/index.ts) maps each kind to one. */
export type Prober = (request: ProbeRequest, options?: ProbeOptions) => Promise<ProbeResult>;

/** A result before anything happened: no status, headers or body yet, all phases zero. */
export function emptyResult(url: string, startedAt: Date): ProbeResult {
  return {
    httpStatus: null,
    statusText: null,
    headers: {},
    body: Buffer.alloc(0),
    bodyTruncated: false,
    bodyError: null,
    timings: { dns: 0, connect: 0, tls: 0, wait: 0, download: 0, total: 0 },
    error: null,
    errorCode: null,
    redirects: 0,
    finalUrl: url,
    certValidTo: null,
    startedAt,
  };
}
