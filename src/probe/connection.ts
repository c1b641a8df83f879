/**
 * Opens one fresh connection for one hop — DNS, TCP, an optional proxy tunnel, TLS — and marks
 * each phase on the attempt's clock as it ends. Nothing is pooled or reused: every check pays
 * what a first visitor pays.
 */
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import { ProbeError, tlsVerificationMessage } from './errors.js';
import type { PhaseClock } from './phases.js';

export interface Target {
  url: URL;
  insecure: boolean;
  /** The proxy to go through, if any (from HTTPS_PROXY / HTTP_PROXY / NO_PROXY). */
  proxy: URL | null;
}

export interface Connection {
  socket: net.Socket;
  /** True when the request must name the absolute URL (plain HTTP through a proxy). */
  viaHttpProxy: boolean;
  /** The earliest expiry in the certificate chain the server presented (https only). */
  certValidTo: Date | null;
  /** From now on the bytes read are thrown away: they need not be copied out of the read buffer. */
  discardReads(): void;
}

/** Lets the attempt's deadline destroy whatever socket is open right now. */
export interface Cancellable {
  track(socket: net.Socket): void;
}

const RETRY_NEXT_ADDRESS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/** Resolves a host name to its addresses (the system resolver by default; tests inject one). */
export type Lookup = (hostname: string) => Promise<dns.LookupAddress[]>;

export const systemLookup: Lookup = (hostname) => dns.promises.lookup(hostname, { all: true });

/** The addresses of a host; an IP address is its own, with no lookup and no waiting. */
function addressesOf(hostname: string, lookup: Lookup): dns.LookupAddress[] | Promise<dns.LookupAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const family = net.isIP(bare);
  if (family !== 0) return [{ address: bare, family }];
  return lookup(bare);
}

/**
 * Every plain TCP socket reads into this one buffer (`onread`), instead of a new buffer for
 * each read: a body that is drained and thrown away then costs no memory at all. Without it,
 * Node 24 let the read buffers of a drained 200 MiB body pile up to over 130 MiB of RSS before
 * collecting them. One buffer serves every socket because each read is handed on, and done
 * with, before the next one is made.
 */
const READ_BUFFER = Buffer.alloc(64 * 1024);

/** Whether the bytes a socket reads are still wanted (copied out of the shared buffer). */
export interface ReadMode {
  keep: boolean;
}

function tcpConnect(address: dns.LookupAddress, port: number, cancel: Cancellable, mode: ReadMode): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: address.address,
      port,
      family: address.family,
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (size: number, buffer: Uint8Array) => {
          // Listeners (the HTTP parser, the CONNECT reader) see the bytes as they always do;
          // only bytes that are still wanted are copied out of the shared buffer.
          const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, size);
          socket.emit('data', mode.keep ? Buffer.from(bytes) : bytes);
          return true;
        },
      },
    });
    cancel.track(socket);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      // From here the layers above (TLS, HTTP) report errors; this keeps a late error on the
      // raw socket, once they have let go of it, from becoming an uncaught exception.
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** DNS and TCP to host:port, trying each address in turn when one refuses. */
export async function openTcp(
  hostname: string,
  port: number,
  clock: PhaseClock,
  cancel: Cancellable,
  lookup: Lookup,
  mode: ReadMode,
): Promise<net.Socket> {
  const found = addressesOf(hostname, lookup);
  let addresses: dns.LookupAddress[];
  if (Array.isArray(found)) {
    addresses = found;
  } else {
    clock.enter('dns');
    addresses = await found;
    clock.enter('connect');
  }
  let lastError: unknown;
  for (const address of addresses) {
    try {
      return await tcpConnect(address, port, cancel, mode);
    } catch (error) {
      lastError = error;
      if (!RETRY_NEXT_ADDRESS.has((error as NodeJS.ErrnoException).code ?? '')) break;
    }
  }
  throw lastError;
}

function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * The bytes of a percent-encoded URL component, decoded once. A `%` that does not start an
 * escape (`50%off`) is kept as it is, where decodeURIComponent would throw.
 */
function percentDecoded(component: string): Buffer {
  const bytes: Buffer[] = [];
  let plain = '';
  for (let i = 0; i < component.length; i++) {
    const escape = component.slice(i + 1, i + 3);
    if (component[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(escape)) {
      bytes.push(Buffer.from(plain, 'utf8'), Buffer.from([parseInt(escape, 16)]));
      plain = '';
      i += 2;
    } else plain += component[i];
  }
  bytes.push(Buffer.from(plain, 'utf8'));
  return Buffer.concat(bytes);
}

/** `Basic …` for the user and password of a URL (as `URL` keeps them: percent-encoded), or null. */
export function basicCredentials(url: URL): string | null {
  if (!url.username && !url.password) return null;
  const credentials = Buffer.concat([percentDecoded(url.username), Buffer.from(':'), percentDecoded(url.password)]);
  return `Basic ${credentials.toString('base64')}`;
}

/** Asks an HTTP proxy for a tunnel with CONNECT and waits for its 2xx answer. */
function tunnel(socket: net.Socket, target: URL, proxy: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const authority = `${target.hostname}:${portOf(target)}`;
    const auth = basicCredentials(proxy);
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth ? `Proxy-Authorization: ${auth}\r\n` : ''}\r\n`);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > 16_384) finish(new ProbeError('proxy sent an oversized CONNECT response'));
        return;
      }
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'));
      if (!status) return finish(new ProbeError('proxy sent an invalid CONNECT response'));
      if (!status[1].startsWith('2')) return finish(new ProbeError(`proxy refused the tunnel (status ${status[1]})`));
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      finish(null);
    };
    const onClose = () => finish(new ProbeError('proxy closed the connection during CONNECT'));
    const finish = (error: Error | null) => {
      socket.removeListener('data', onData);
      socket.removeListener('error', finish);
      socket.removeListener('close', onClose);
      socket.pause();
      if (error) reject(error);
      else resolve();
    };
    socket.on('data', onData);
    socket.once('error', finish);
    socket.once('close', onClose);
  });
}

/** The earliest `valid_to` in the chain the server presented. */
export function earliestExpiry(socket: tls.TLSSocket): Date | null {
  let certificate: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  let earliest: Date | null = null;
  const seen = new Set<tls.DetailedPeerCertificate>();
  while (certificate && certificate.valid_to && !seen.has(certificate)) {
    seen.add(certificate);
    const validTo = new Date(certificate.valid_to);
    if (earliest === null || validTo < earliest) earliest = validTo;
    certificate = certificate.issuerCertificate;
  }
  return earliest;
}

function handshake(
  socket: net.Socket,
  hostname: string,
  cancel: Cancellable,
  alpn: string[] = ['http/1.1'],
): Promise<tls.TLSSocket> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket,
      // Verification is judged below, after the handshake, so that the certificate's expiry
      // is known even when it fails (or when `insecure` skips it).
      rejectUnauthorized: false,
      servername: net.isIP(bare) ? undefined : bare,
      checkServerIdentity: (_host, certificate) => tls.checkServerIdentity(bare, certificate),
      ALPNProtocols: alpn,
    });
    cancel.track(secure);
    secure.once('secureConnect', () => {
      secure.removeListener('error', reject);
      resolve(secure);
    });
    secure.once('error', reject);
  });
}

export async function connect(
  target: Target,
  clock: PhaseClock,
  cancel: Cancellable,
  lookup: Lookup = systemLookup,
): Promise<Connection> {
  const { url, proxy } = target;
  const https = url.protocol === 'https:';
  const hop = proxy ?? url;
  const mode: ReadMode = { keep: true };
  // Once the rest of a plain body is only drained, its bytes need not be copied anywhere. (Over
  // TLS, the TLS layer reads the socket itself and decrypts into buffers of its own.)
  const discardReads = () => void (mode.keep = false);
  const socket = await openTcp(hop.hostname, portOf(hop), clock, cancel, lookup, mode);
  if (proxy && https) await tunnel(socket, url, proxy);
  if (!https) {
    clock.enter('wait');
    return { socket, viaHttpProxy: proxy !== null, certValidTo: null, discardReads };
  }
  clock.enter('tls');
  const secured = await secureSocket(socket, url.hostname, target.insecure, cancel);
  clock.enter('wait');
  return { socket: secured.socket, viaHttpProxy: false, certValidTo: secured.certValidTo, discardReads: () => undefined };
}

/**
 * The TLS handshake on an open socket (SNI = the host name), verified unless `insecure`. The
 * chain's earliest expiry is known either way: a refused chain throws a ProbeError that carries
 * it as `certValidTo`. Every kind that speaks TLS (https, tls, wss, grpcs, smtps, STARTTLS) comes
 * through here, so they verify and word failures alike.
 */
export async function secureSocket(
  socket: net.Socket,
  hostname: string,
  insecure: boolean,
  cancel: Cancellable,
  alpn?: string[],
): Promise<{ socket: tls.TLSSocket; certValidTo: Date | null }> {
  const secure = await handshake(socket, hostname, cancel, alpn);
  const certValidTo = earliestExpiry(secure);
  if (!secure.authorized && !insecure) {
    // A certificate that has expired is named as such even when OpenSSL first objects to
    // something else (a self-signed one, say): the expiry is what someone has to fix first.
    const expired = certValidTo !== null && certValidTo.getTime() <= Date.now();
    const code = expired ? 'CERT_HAS_EXPIRED' : String(secure.authorizationError ?? 'UNKNOWN');
    secure.destroy();
    const error = new ProbeError(tlsVerificationMessage(code), code) as ProbeError & { certValidTo?: Date | null };
    error.certValidTo = certValidTo;
    throw error;
  }
  return { socket: secure, certValidTo };
}
