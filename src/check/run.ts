/**
 * Checks every endpoint: a pool of `concurrency` workers, each endpoint retried while its
 * attempt is down, with a delay that doubles for each retry. The clock and the sleep are
 * injected so that tests of backoff take milliseconds. With a run deadline, no attempt runs
 * past it, no retry starts that could not finish before it, and endpoints the deadline leaves
 * no time for are not checked at all.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Endpoint } from '../config/types.js';
import { kindOf, probeKind } from '../probe/kinds/index.js';
import type { ProbeRequest, ProbeResult } from '../probe/types.js';
import { redactText, redactUrl } from '../text/redact.js';
import { evaluate, type Verdict } from './evaluate.js';
import { cannotBacktrack, warmRegexWorker } from './match-within.js';
import { worstStatus, type Report, type ReportedEndpoint, type Status } from './types.js';

/** When the whole run must end. */
export interface RunDeadline {
  /** On the `performance.now()` clock. */
  at: number;
  /** How the deadline was configured, for messages (e.g. `4m`). */
  label: string;
}

export interface RunOptions {
  concurrency: number;
  probe?: (request: ProbeRequest) => Promise<ProbeResult>;
  sleep?: (ms: number) => Promise<void>;
  /** Wall clock, for `checkedAt` and certificate expiry. */
  now?: () => Date;
  /** How many sockets the process may open at once (defaults to what its limits allow). */
  socketBudget?: () => number | null;
  /** Called as each endpoint finishes (for live log lines); not for those left unchecked. */
  onResult?: (result: ReportedEndpoint, index: number) => void;
  /** The run deadline; without it the run takes as long as its endpoints do. */
  deadline?: RunDeadline;
}

/** How much of a down endpoint's body is kept to show people what it said. */
const EXCERPT_BYTES = 2048;
/** Read past the excerpt before masking, so a secret that straddles its end is seen whole. */
const EXCERPT_SLACK = 4096;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Out of file descriptors: a fault of this machine, not of the endpoint. */
const OUT_OF_DESCRIPTORS = new Set(['EMFILE', 'ENFILE']);
/** How long an attempt waits, in all, for descriptors to come free before it reports the lack. */
const DESCRIPTOR_PATIENCE_MS = 60_000;

/**
 * The least time left for which a first attempt is still started. A healthy endpoint answers a
 * fresh HTTPS request within a few round trips (DNS, connect, TLS, first byte: well under half
 * a second even across an ocean); an attempt given less would mostly report our own deadline as
 * the endpoint's outage, so the endpoint is left unchecked instead.
 */
export const MIN_ATTEMPT_MS = 500;

/** The error of an attempt that the run deadline, not its own timeout, ended. */
export const runDeadlineReached = (label: string) => `run deadline (${label}) reached`;

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
  const result = await checkBeforeDeadline(endpoint, options);
  if (result === null) throw new Error(`${endpoint.name} was not checked: ${runDeadlineReached(options.deadline?.label ?? '')}`);
  return result;
}

/** Checks one endpoint, or returns null when the run deadline leaves no time to start it. */
async function checkBeforeDeadline(endpoint: Endpoint, options: RunOptions): Promise<ReportedEndpoint | null> {
  // The prober of the endpoint's kind (the scheme of its URL), HTTP's for http and https.
  const doProbe = options.probe ?? ((request: ProbeRequest) => probeKind(request));
  const wait = options.sleep ?? sleep;
  const now = options.now ?? (() => new Date());
  const { deadline } = options;
  const timeLeft = () => (deadline ? deadline.at - performance.now() : Infinity);
  const request: ProbeRequest = {
    url: endpoint.url,
    method: endpoint.method,
    headers: endpoint.headers,
    body: endpoint.body,
    timeout: endpoint.timeout,
    followRedirects: endpoint.followRedirects,
    insecure: endpoint.insecure,
    ...(endpoint.kind ? { kind: endpoint.kind } : {}),
  };

  let attempts = 0;
  let waitedForDescriptors = 0;
  let descriptorWaits = 0;
  /** The last attempt that reached the endpoint, and its verdict. */
  let last: { attempt: ProbeResult; verdict: Verdict; at: Date } | null = null;
  for (;;) {
    const left = timeLeft();
    if (last === null && left < Math.min(endpoint.timeout, MIN_ATTEMPT_MS)) return null;
    // Only after waiting for descriptors: the retry itself was judged to fit before its delay.
    if (last !== null && left <= 0) return reported(endpoint, last, attempts, null);
    // The attempt ends at the run deadline at the latest.
    const cut = left < endpoint.timeout;
    const timeout = cut ? Math.max(1, Math.floor(left)) : endpoint.timeout;
    attempts += 1;
    // A worker for a body-matches that might backtrack starts while the request is in flight.
    if (endpoint.bodyMatches && !cannotBacktrack(endpoint.bodyMatches)) warmRegexWorker();
    // When the check was made, on the run's clock (which a test may set).
    const at = now();
    let attempt = await doProbe({ ...request, timeout });
    if (OUT_OF_DESCRIPTORS.has(attempt.errorCode ?? '') && waitedForDescriptors < DESCRIPTOR_PATIENCE_MS) {
      // Not an attempt at the endpoint: this process could not open a socket. Other checks
      // finishing will free some, so wait (not with the injected sleep: this is real time).
      const pause = Math.min(1000, 25 * 2 ** descriptorWaits++);
      await sleep(Math.max(0, Math.min(pause, timeLeft())));
      waitedForDescriptors += pause;
      attempts -= 1;
      continue;
    }
    if (cut && attempt.errorCode === 'TIMEOUT') {
      attempt = { ...attempt, error: runDeadlineReached(deadline?.label ?? ''), errorCode: 'RUN_DEADLINE' };
    }
    // The content checks (a body-matches) get no more time than the attempt had.
    const verdict = await evaluate(cut ? { ...endpoint, timeout } : endpoint, attempt, now());
    last = { attempt, verdict, at };
    let notRetried: string | null = null;
    if (verdict.status === 'down' && attempts <= endpoint.retries) {
      const delay = endpoint.retryDelay * 2 ** (attempts - 1);
      // A retry may take its whole timeout. One the deadline would cut short would only replace
      // what this attempt found (a status, a refused connection) with our own deadline, and
      // hold a worker that an unchecked endpoint could use.
      if (delay + endpoint.timeout <= timeLeft()) {
        await wait(delay);
        continue;
      }
      if (attempt.errorCode !== 'RUN_DEADLINE') notRetried = `not retried: the run deadline (${deadline?.label}) was too near`;
    }
    return reported(endpoint, last, attempts, notRetried);
  }
}

/** A bot's `@username`, once `getMe` told it, names an endpoint that was given no name; the
 * name stays the numeric id when it failed (the id of the endpoint never changes). */
function nameOf(endpoint: Endpoint, attempt: ProbeResult): string {
  const told = attempt.statusText;
  if (!endpoint.nameFromCheck || told === null || !/^@\w{1,64}$/.test(told)) return endpoint.name;
  return redactText(told, endpoint.secrets) === told ? told : endpoint.name;
}

function reported(
  endpoint: Endpoint,
  { attempt, verdict, at }: { attempt: ProbeResult; verdict: Verdict; at: Date },
  attempts: number,
  notRetried: string | null,
): ReportedEndpoint {
  const redact = (text: string) => redactText(text, endpoint.secrets);
  let note: string | null = null;
  if (verdict.status !== 'down' && attempts > 1) {
    note = `${verdict.status} after ${attempts} attempts — woke from a cold start?`;
  } else if (verdict.status === 'down' && attempts > 1) {
    note = `down on all ${attempts} attempts`;
  }
  if (notRetried) note = note ? `${note}; ${notRetried}` : notRetried;
  return {
    id: endpoint.id,
    name: nameOf(endpoint, attempt),
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
    checkedAt: at.toISOString(),
    method: endpoint.method,
    maxResponseTime: endpoint.maxResponseTime,
    statusText: attempt.statusText === null ? null : redact(attempt.statusText),
    note,
    ...(endpoint.kind ? { kind: kindOf(endpoint.url) } : {}),
    bodyExcerpt:
      verdict.status === 'down' && (attempt.httpStatus !== null || endpoint.kind !== undefined) && attempt.body.length > 0
        ? excerptOf(attempt.body, redact)
        : null,
  };
}

/** The start of a body, masked before it is cut: a secret the server echoed across the cut is
 * masked whole, not left as a prefix. */
function excerptOf(body: Buffer, redact: (text: string) => string): string {
  const masked = redact(body.subarray(0, EXCERPT_BYTES + EXCERPT_SLACK).toString('utf8'));
  const bytes = Buffer.from(masked, 'utf8');
  return bytes.length <= EXCERPT_BYTES ? masked : bytes.subarray(0, EXCERPT_BYTES).toString('utf8');
}

/** Checks all endpoints, `concurrency` at a time; results come back in configuration order.
 * Endpoints the run deadline left no time for are in `notChecked`, not in `endpoints`. */
export async function checkAll(endpoints: readonly Endpoint[], options: RunOptions): Promise<Report> {
  const startedAt = (options.now ?? (() => new Date()))();
  const started = performance.now();
  const outcomes: Array<ReportedEndpoint | null> = new Array(endpoints.length);
  let next = 0;
  const worker = async () => {
    while (next < endpoints.length) {
      const index = next++;
      const result = await checkBeforeDeadline(endpoints[index], options);
      outcomes[index] = result;
      if (result !== null) options.onResult?.(result, index);
    }
  };
  // Never more sockets at once than the process may open: past that, connections fail with
  // EMFILE, which would say nothing about the endpoints.
  const budget = (options.socketBudget ?? socketBudget)();
  const workers = Math.max(1, Math.min(options.concurrency, endpoints.length, budget ?? Infinity));
  await Promise.all(Array.from({ length: workers }, worker));
  const results = outcomes.filter((result): result is ReportedEndpoint => result !== null);
  const notChecked = endpoints.filter((_, index) => outcomes[index] === null).map(({ id, name }) => ({ id, name }));
  const counts: Record<Status, number> = { up: 0, degraded: 0, down: 0 };
  for (const result of results) counts[result.status] += 1;
  return {
    status: worstStatus(results.map((result) => result.status)),
    endpoints: results,
    counts,
    notChecked,
    startedAt,
    durationMs: Math.round(performance.now() - started),
  };
}
