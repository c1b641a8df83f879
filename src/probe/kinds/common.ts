/**
 * What every prober shares (HTTP's too): one attempt with a total deadline, a phase clock,
 * a fresh connection (DNS, TCP, TLS) and errors in words. A kind's module writes only its
 * conversation; the deadline, the sockets it must tear down and the result object live here.
 */
import type net from 'node:net';
import { performance } from 'node:perf_hooks';
import { openTcp, secureSocket, systemLookup, type Cancellable, type Lookup } from '../connection.js';
import { ProbeError, describeError } from '../errors.js';
import { PhaseClock, type Phase } from '../phases.js';
import { emptyResult, type ProbeOptions, type ProbeRequest, type ProbeResult } from '../types.js';

/** The result of an attempt before anything happened: no HTTP parts (status, headers, body). */
export { emptyResult };

/** What one attempt of a kind has at hand. */
export interface Attempt {
  request: ProbeRequest;
  url: URL;
  clock: PhaseClock;
  cancel: Cancellable;
  lookup: Lookup;
  result: ProbeResult;
  /** Aborted when the deadline strikes: for libraries that take a signal. */
  signal: AbortSignal;
  /** Registers what must run, whatever happens, once the attempt is over (close a library's
   * client), before its sockets are destroyed. */
  onClose(close: () => void): void;
}

/** What a kind adds to the words of its errors. */
export interface AttemptHooks {
  /** The kind's own reading of a library or server error, or null to fall back to the network
   * errors every kind shares. */
  describe?(error: unknown): ProbeError | null;
  /** Applied to the error's words before they reach the result (masks a secret, cuts). */
  redact?(message: string): string;
  /** The kind's own words for its deadline striking in `phase` (HTTP's say whether the headers
   * had come); by default those of `Waiting`. */
  timeout?(phase: Phase): ProbeError;
}

/** How a kind words the phases of its conversation in a timeout (`timed out after 5000 ms …`). */
export type Waiting = Partial<Record<Phase, string>>;

const WHILE: Record<Phase, string> = {
  dns: 'during the DNS lookup',
  connect: 'while connecting',
  tls: 'during the TLS handshake',
  wait: 'waiting for an answer',
  download: 'while reading the answer',
};

/**
 * Runs one attempt of a kind: `work` speaks the protocol; the deadline (the request's `timeout`,
 * a total one) destroys every socket it opened and ends the attempt with words naming the phase
 * it was in. Whatever `work` throws becomes `error` in words; the phases always add up to total.
 */
export async function runAttempt(
  request: ProbeRequest,
  options: ProbeOptions,
  work: (attempt: Attempt) => Promise<void>,
  waiting: Waiting = {},
  initial: Phase = 'connect',
  hooks: AttemptHooks = {},
): Promise<ProbeResult> {
  const clock = new PhaseClock(options.now ?? (() => performance.now()), initial);
  const result = emptyResult(request.url, new Date());
  const url = URL.canParse(request.url) ? new URL(request.url) : null;
  const sockets = new Set<net.Socket>();
  const closers: Array<() => void> = [];
  const controller = new AbortController();
  let expired: ProbeError | null = null;
  const cancel: Cancellable = {
    track(socket) {
      sockets.add(socket);
      // Whoever uses the socket reports its errors; a second error from a socket being torn
      // down must not become an uncaught exception.
      socket.on('error', () => undefined);
      if (expired) socket.destroy(expired);
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const phase = clock.phase;
      expired =
        hooks.timeout?.(phase) ??
        new ProbeError(`timed out after ${request.timeout} ms ${waiting[phase] ?? WHILE[phase]}`, 'TIMEOUT');
      controller.abort(expired);
      for (const socket of sockets) socket.destroy(expired);
      reject(expired);
    }, request.timeout);
  });
  deadline.catch(() => undefined);
  try {
    if (url === null) throw new ProbeError('the URL is not valid', 'BAD_URL');
    const attempt: Attempt = {
      request,
      url,
      clock,
      cancel,
      lookup: options.lookup ?? systemLookup,
      result,
      signal: controller.signal,
      onClose: (close) => closers.push(close),
    };
    await Promise.race([work(attempt), deadline]);
  } catch (error) {
    const described =
      expired ??
      hooks.describe?.(error) ??
      describeError(error, { phase: clock.phase, host: url ? hostOf(url) : '', gotHeaders: false });
    result.error = hooks.redact ? hooks.redact(described.message) : described.message;
    result.errorCode = described.code ?? null;
    const certValidTo = (error as { certValidTo?: Date | null } | null)?.certValidTo;
    if (certValidTo) result.certValidTo = earlier(result.certValidTo, certValidTo);
  } finally {
    clearTimeout(timer);
    for (const close of closers) {
      try {
        close();
      } catch {
        // Closing is best effort: the sockets are destroyed below in any case.
      }
    }
    // The outermost layer first: destroying the TCP socket under a live TLS socket first
    // crashed Node 20 (a segmentation fault) once a handshake had completed.
    for (const socket of [...sockets].reverse()) socket.destroy();
  }
  result.timings = clock.finish();
  return result;
}

/** The earlier of two certificate expiries (either may be unknown). */
export function earlier(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** The host of a URL without the brackets of an IPv6 address. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/**
 * DNS and TCP to the URL's host and port, then TLS when `tls` (SNI = the host; verified unless
 * `insecure`; the chain's expiry recorded). Leaves the clock in `wait`.
 */
export async function openConnection(attempt: Attempt, port: number, tls: boolean, alpn?: string[]): Promise<net.Socket> {
  const { url, clock, cancel, lookup } = attempt;
  const socket = await openTcp(url.hostname, port, clock, cancel, lookup, { keep: true });
  if (!tls) {
    clock.enter('wait');
    return socket;
  }
  return upgradeToTls(attempt, socket, alpn);
}

/** A TLS handshake on an open connection (implicit TLS, or after STARTTLS). Leaves the clock in `wait`. */
export async function upgradeToTls(attempt: Attempt, socket: net.Socket, alpn?: string[]): Promise<net.Socket> {
  attempt.clock.enter('tls');
  const secured = await secureSocket(socket, attempt.url.hostname, attempt.request.insecure, attempt.cancel, alpn);
  attempt.result.certValidTo = secured.certValidTo;
  attempt.clock.enter('wait');
  return secured.socket;
}

/** The port of a URL, or the kind's default when it names none. */
export const portOf = (url: URL, fallback: number) => (url.port ? Number(url.port) : fallback);
