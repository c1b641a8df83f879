/**
 * What the database checks (PostgreSQL, MySQL/MariaDB, Redis) share: one fresh connection per
 * attempt whose DNS lookup, TCP connect and TLS handshake are made and timed here, then handed
 * to the kind's client library for the login and the ping (the "wait" phase); one deadline for
 * the whole attempt that tears the connection down even when the server accepts TCP and never
 * answers; and errors in words a user understands, with the password masked out of anything a
 * server or library says.
 */
import type dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import { redactText, redactUrl } from '../../text/redact.js';
import { earliestExpiry, type Cancellable, type Lookup } from '../connection.js';
import { ProbeError, tlsVerificationMessage } from '../errors.js';
import type { PhaseClock } from '../phases.js';
import type { ProbeOptions, ProbeRequest, ProbeResult } from '../types.js';
import { runAttempt } from './common.js';

/** The parts of a database URL, user info percent-decoded. */
export interface DbTarget {
  url: URL;
  host: string;
  port: number;
  user: string;
  password: string;
  /** The path without its leading slash, percent-decoded ('' when none). */
  database: string;
}

export interface DbSession {
  target: DbTarget;
  clock: PhaseClock;
  /** Lets the deadline destroy a socket opened by a library. */
  cancel: Cancellable;
  result: ProbeResult;
  /** Resolves host names (the system resolver unless a test injects one). */
  lookup: Lookup;
  /** Registers what must run, whatever happens, once the attempt is over (close the client). */
  onClose(close: () => void): void;
}

export interface DbKind<Library> {
  /** Loads the kind's client library, before the attempt's clock starts: loading it (once per
   * process) is this machine's time, not the server's. */
  load(): Promise<Library>;
  /** The port when the URL names none. */
  defaultPort: number;
  /** True when the URL must name a user (a client library would otherwise take the name of
   * the user running Vigil). */
  needsUser: boolean;
  /** The ping, as the timeout message names it (`SELECT 1`, `PING`). */
  ping: string;
  /** Logs in and pings; resolves when the ping is answered. */
  run(session: DbSession, library: Library): Promise<void>;
  /** The kind's own reading of a library or server error, or null to fall back to the
   * network errors every kind shares. */
  describe(error: unknown): ProbeError | null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseTarget(href: string, defaultPort: number, needsUser: boolean): DbTarget {
  if (!URL.canParse(href)) throw new ProbeError('the URL is not valid', 'BAD_URL');
  const url = new URL(href);
  if (!url.hostname) throw new ProbeError('the URL names no host', 'BAD_URL');
  if (needsUser && !url.username)
    throw new ProbeError(`the URL names no user (${url.protocol}//USER:PASSWORD@host/…)`, 'BAD_URL');
  return {
    url,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : defaultPort,
    user: safeDecode(url.username),
    password: safeDecode(url.password),
    database: safeDecode(url.pathname.replace(/^\//, '')),
  };
}

const RETRY_NEXT_ADDRESS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']);

function tcpConnect(address: dns.LookupAddress, port: number, cancel: Cancellable): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address.address, port, family: address.family, noDelay: true });
    cancel.track(socket);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * DNS (timed as the dns phase; none for an IP address) and TCP (the connect phase), trying each
 * address in turn when one refuses, as an HTTP check does. The socket is a plain one (not the
 * HTTP check's shared read buffer): MySQL speaks first, and its greeting must wait in the
 * socket until the library reads it.
 */
export async function openTcp(session: DbSession): Promise<net.Socket> {
  const { target, clock, cancel, lookup } = session;
  let addresses: dns.LookupAddress[];
  const family = net.isIP(target.host);
  if (family !== 0) {
    addresses = [{ address: target.host, family }];
  } else {
    clock.enter('dns');
    addresses = await lookup(target.host);
    clock.enter('connect');
  }
  let lastError: unknown = new ProbeError(`host not found: ${target.host}`, 'ENOTFOUND');
  for (const address of addresses) {
    try {
      const socket = await tcpConnect(address, target.port, cancel);
      clock.enter('wait');
      return socket;
    } catch (error) {
      lastError = error;
      if (!RETRY_NEXT_ADDRESS.has((error as NodeJS.ErrnoException).code ?? '')) break;
    }
  }
  throw lastError;
}

/**
 * A TLS handshake over a connected socket (timed as the tls phase), verified as an https check
 * is: the chain and the host name, unless `insecure`. The certificate's expiry is recorded even
 * when verification fails, so a check on an expired certificate says when it expired.
 */
export async function startTls(session: DbSession, socket: net.Socket, insecure: boolean): Promise<tls.TLSSocket> {
  const { target, clock, cancel, result } = session;
  clock.enter('tls');
  const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
    const upgraded = tls.connect({
      socket,
      rejectUnauthorized: false,
      servername: net.isIP(target.host) ? undefined : target.host,
      checkServerIdentity: (_host, certificate) => tls.checkServerIdentity(target.host, certificate),
    });
    cancel.track(upgraded);
    upgraded.once('secureConnect', () => {
      upgraded.removeListener('error', reject);
      resolve(upgraded);
    });
    upgraded.once('error', reject);
  });
  clock.enter('wait');
  const certValidTo = earliestExpiry(secure);
  result.certValidTo = certValidTo;
  if (!secure.authorized && !insecure) {
    const expired = certValidTo !== null && certValidTo.getTime() <= Date.now();
    const code = expired ? 'CERT_HAS_EXPIRED' : String(secure.authorizationError ?? 'UNKNOWN');
    secure.destroy();
    throw new ProbeError(tlsVerificationMessage(code), code);
  }
  return secure;
}

/** The longest error kept from a server's own words. */
const MAX_ERROR = 500;

/**
 * Runs one attempt of a database check: the result has no HTTP parts (no status, headers or
 * body), its finalUrl is the URL with its user info masked, and its phases add up to the total.
 */
export async function probeDatabase<Library>(
  kind: DbKind<Library>,
  request: ProbeRequest,
  options: ProbeOptions,
): Promise<ProbeResult> {
  let library: Library | null = null;
  let unloadable: unknown = null;
  try {
    library = await kind.load();
  } catch (error) {
    unloadable = error;
  }
  let password = '';
  const result = await runAttempt(
    request,
    options,
    async ({ clock, cancel, result, lookup, onClose }) => {
      const target = parseTarget(request.url, kind.defaultPort, kind.needsUser);
      password = target.password;
      if (library === null) {
        throw new ProbeError(
          `the client library could not be loaded (${(unloadable as Error)?.message ?? unloadable})`,
          'NO_LIBRARY',
        );
      }
      await kind.run({ target, clock, cancel, result, lookup, onClose }, library);
    },
    { wait: `while logging in and running ${kind.ping}`, download: 'while logging in and running' },
    'connect',
    {
      describe: (error) => kind.describe(error),
      // A server or library may quote what it was sent; the password never leaves this function.
      // Masked first, then cut: a server's message can be as long as it likes.
      redact(message) {
        const masked = password ? redactText(message, [password]) : message;
        return masked.length > MAX_ERROR ? `${masked.slice(0, MAX_ERROR)}…` : masked;
      },
    },
  );
  result.finalUrl = redactUrl(request.url, password ? [password] : []);
  return result;
}
