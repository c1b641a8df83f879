/**
 * Checks every endpoint: a pool of `concurrency` workers, each endpoint retried while its
 * attempt is down, with a delay that doubles for each retry. The clock and the sleep are
 * injected so that tests of backoff take milliseconds.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Endpoint } from '../config/types.js';
import { probe as realProbe, type ProbeRequest, type ProbeResult } from '../probe/probe.js';
import { redactText, redactUrl } from '../report/redact.js';
import { evaluate } from './evaluate.js';
import { cannotBacktrack, warmRegexWorker } from './match-within.js';
import { worstStatus, type Report, type ReportedEndpoint, type Status } from './types.js';

export interface RunOptions {
  concurrency: number;
  probe?: (request: ProbeRequest) => Promise<ProbeResult>;
  sleep?: (ms: number) => Promise<void>;
  /** Wall clock, for `checkedAt` and certificate expiry. */
  now?: () => Date;
  /** How many sockets the process may open at once (defaults to what its limits allow). */
  socketBudget?: () => number | null;
  /** Called as each endpoint finishes (for live log lines). */
  onResult?: (result: ReportedEndpoint, index: number) => void;
}

/** How much of a down endpoint's body is kept to show people what it said. */
const EXCERPT_BYTES = 2048;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Out of file descriptors: a fault of this machine, not of the endpoint. */
const OUT_OF_DESCRIPTORS = new Set(['EMFILE', 'ENFILE']);
/** How long an attempt waits, in all, for descriptors to come free before it reports the lack. */
const DESCRIPTOR_PATIENCE_MS = 60_000;

/** Descriptors kept free for what else the process opens: files, DNS lookups, worker threads. */
const headroomFor = (softLimit: number) => Math.max(48, Math.ceil(softLimit / 10));

/**
 * How many sockets this process may open at once: its soft limit of open files less those open
 * already and some headroom (Linux's /proc; null where that cannot be read, or when unlimited).
 */
export function socketBudget(
  readLimits = () => readFileSync('/proc/self/limits', 'utf8'),
  countOpen = () => readdirSync('/proc/self/fd').length,
): number | null {
  try {
    const soft = /^Max open files\s+(\d+)/m.exec(readLimits())?.[1];
    if (soft === undefined) return null;
    const limit = Number(soft);
    return Math.max(1, limit - countOpen() - headroomFor(limit));
  } catch {
    return null;
  }
}

export async function checkEndpoint(endpoint: Endpoint, options: RunOptions): Promise<ReportedEndpoint> {
  const doProbe = options.probe ?? ((request: ProbeRequest) => realProbe(request));
  const wait = options.sleep ?? sleep;
  const now = options.now ?? (() => new Date());
  const request: ProbeRequest = {
    url: endpoint.url,
    method: endpoint.method,
    headers: endpoint.headers,
    body: endpoint.body,
    timeout: endpoint.timeout,
    followRedirects: endpoint.followRedirects,
    insecure: endpoint.insecure,
  };

  let attempts = 0;
  let waitedForDescriptors = 0;
  let descriptorWaits = 0;
  for (;;) {
    attempts += 1;
    // A worker for a body-matches that might backtrack starts while the request is in flight.
    if (endpoint.bodyMatches && !cannotBacktrack(endpoint.bodyMatches)) warmRegexWorker();
    const attempt = await doProbe(request);
    if (OUT_OF_DESCRIPTORS.has(attempt.errorCode ?? '') && waitedForDescriptors < DESCRIPTOR_PATIENCE_MS) {
      // Not an attempt at the endpoint: this process could not open a socket. Other checks
      // finishing will free some, so wait (not with the injected sleep: this is real time).
      const pause = Math.min(1000, 25 * 2 ** descriptorWaits++);
      await sleep(pause);
      waitedForDescriptors += pause;
      attempts -= 1;
      continue;
    }
    const verdict = await evaluate(endpoint, attempt, now());
    if (verdict.status === 'down' && attempts <= endpoint.retries) {
      await wait(endpoint.retryDelay * 2 ** (attempts - 1));
      continue;
    }
    const redact = (text: string) => redactText(text, endpoint.secrets);
    let note: string | null = null;
    if (verdict.status !== 'down' && attempts > 1) {
      note = `${verdict.status} after ${attempts} attempts — woke from a cold start?`;
    } else if (verdict.status === 'down' && attempts > 1) {
      note = `down on all ${attempts} attempts`;
    }
    return {
      id: endpoint.id,
      name: endpoint.name,
      url: redactUrl(endpoint.url, endpoint.secrets),
      status: verdict.status,
      httpStatus: attempt.httpStatus,
      responseTime: attempt.timings.total,
      attempts,
      timings: attempt.timings,
      error: verdict.error === null ? null : redact(verdict.error),
      failures: verdict.failures.map(redact),
      certExpiresInDays: verdict.certExpiresInDays,
      redirects: attempt.redirects,
      checkedAt: attempt.startedAt.toISOString(),
      method: endpoint.method,
      maxResponseTime: endpoint.maxResponseTime,
      statusText: attempt.statusText === null ? null : redact(attempt.statusText),
      note,
      bodyExcerpt:
        verdict.status === 'down' && attempt.httpStatus !== null && attempt.body.length > 0
          ? redact(attempt.body.subarray(0, EXCERPT_BYTES).toString('utf8'))
          : null,
    };
  }
}

/** Checks all endpoints, `concurrency` at a time; results come back in configuration order. */
export async function checkAll(endpoints: readonly Endpoint[], options: RunOptions): Promise<Report> {
  const startedAt = (options.now ?? (() => new Date()))();
  const started = performance.now();
  const results: ReportedEndpoint[] = new Array(endpoints.length);
  let next = 0;
  const worker = async () => {
    while (next < endpoints.length) {
      const index = next++;
      results[index] = await checkEndpoint(endpoints[index], options);
      options.onResult?.(results[index], index);
    }
  };
  // Never more sockets at once than the process may open: past that, connections fail with
  // EMFILE, which would say nothing about the endpoints.
  const budget = (options.socketBudget ?? socketBudget)();
  const workers = Math.max(1, Math.min(options.concurrency, endpoints.length, budget ?? Infinity));
  await Promise.all(Array.from({ length: workers }, worker));
  const counts: Record<Status, number> = { up: 0, degraded: 0, down: 0 };
  for (const result of results) counts[result.status] += 1;
  return {
    status: worstStatus(results.map((result) => result.status)),
    endpoints: results,
    counts,
    startedAt,
    durationMs: Math.round(performance.now() - started),
  };
}
