/**
 * Real loopback services for the tests: every behaviour a monitored endpoint can show, on
 * port 0 of 127.0.0.1, over HTTP or HTTPS.
 */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type tls from 'node:tls';
import type dns from 'node:dns';
import zlib from 'node:zlib';

export interface Service {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43210 */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
  /** URLs of the responses the server sent completely (every byte handed to the socket). */
  finished: string[];
  /** One entry per TLS handshake the server completed (https only), in order. */
  handshakes: Array<{ sessionReused: boolean }>;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export async function startServer(handler: Handler, tls?: { key: string; cert: string }): Promise<Service> {
  const requests: Service['requests'] = [];
  const finished: string[] = [];
  const handshakes: Service['handshakes'] = [];
  const sockets = new Set<net.Socket>();
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.on('finish', () => finished.push(req.url ?? ''));
      handler(req, res, body);
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: tls.TLSSocket) => {
    handshakes.push({ sessionReused: socket.isSessionReused() });
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    finished,
    handshakes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Runs `fn` after `ms`, unless the client has gone by then (so no timer outlives a test). */
function later(res: http.ServerResponse, ms: number, fn: () => void) {
  const timer = setTimeout(fn, ms);
  res.on('close', () => clearTimeout(timer));
}

const HOSTILE =
  '# Pwned\n@octocat @github/security please look ![x](https://evil.example/x.png) <img src=x onerror=alert(1)> ' +
  '[click](https://evil.example) https://evil.example/bare ``` ~~~ | table | break |\n</details><script>alert(1)</script>';

/** A service with one route per behaviour. Paths take numbers as parameters, e.g.
 * /delay-headers/150 or /redirect/3. */
export const behaviours: Handler = (req, res, body) => {
  const url = new URL(req.url ?? '/', 'http://local');
  const [, route, param] = url.pathname.split('/');
  const n = Number(param ?? 0);
  switch (route) {
    case '':
    case 'ok':
      res.setHeader('content-type', 'text/plain');
      res.end('ok: all good');
      return;
    case 'status':
      res.statusCode = n;
      res.end(`status ${n}`);
      return;
    case 'delay-headers':
      later(res, n, () => res.end('late but fine'));
      return;
    case 'delay-body':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part, ');
      later(res, n, () => res.end('last part'));
      return;
    case 'hang':
      return; // never answers
    case 'trickle': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'reset-before':
      req.socket.destroy();
      return;
    case 'reset-during':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100000' });
      res.write('partial');
      later(res, 20, () => req.socket.destroy());
      return;
    case 'redirect':
      res.writeHead(302, { location: n <= 1 ? '/ok' : `/redirect/${n - 1}` });
      res.end();
      return;
    case 'relative-redirect':
      res.writeHead(301, { location: '../ok' });
      res.end();
      return;
    case 'loop':
      res.writeHead(302, { location: '/loop' });
      res.end();
      return;
    case 'to': {
      res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('url') ?? '/ok' });
      res.end();
      return;
    }
    case 'echo':
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      return;
    case 'gzip':
    case 'deflate':
    case 'br': {
      const text = 'compressed hello '.repeat(1000) + 'THE END';
      const encoded =
        route === 'gzip' ? zlib.gzipSync(text) : route === 'deflate' ? zlib.deflateSync(text) : zlib.brotliCompressSync(text);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': route });
      res.end(encoded);
      return;
    }
    case 'huge': {
      // n MiB of text, streamed; "needle" is at the very start, "tail" at the very end.
      const total = n * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 'a');
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(total) });
      res.write('needle');
      let sent = 6;
      const pump = () => {
        while (sent < total - 4) {
          const size = Math.min(chunk.length, total - 4 - sent);
          sent += size;
          if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void res.once('drain', pump);
        }
        res.end('tail');
      };
      pump();
      return;
    }
    case 'gzip-random': {
      // n MiB of random bytes (which gzip cannot shrink), gzipped.
      const raw = randomBody(n);
      const encoded = zlib.gzipSync(raw, { level: 1 });
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-encoding': 'gzip',
        'content-length': encoded.length,
      });
      res.end(encoded);
      return;
    }
    case 'huge-cut': {
      // Promises n MiB, sends 3 MiB, then drops the connection.
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(n * 1024 * 1024) });
      res.write(Buffer.alloc(3 * 1024 * 1024, 'a'), () => later(res, 20, () => req.socket.destroy()));
      return;
    }
    case 'json':
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          status: 'ok',
          database: param === 'broken' ? 'down' : 'ok',
          checks: { db: { status: param === 'broken' ? 'fail' : 'pass', latency: 3 } },
          items: [{ id: 7 }, { id: 8 }],
          version: '1.2.3',
        }),
      );
      return;
    case 'not-json':
      res.setHeader('content-type', 'text/html');
      res.end('<!DOCTYPE html><p>maintenance</p>');
      return;
    case 'hostile':
      res.writeHead(n || 500, 'Broken @octocat <b>bold</b>', { 'content-type': 'text/plain' });
      res.end(HOSTILE + (url.searchParams.get('echo') ? ` echoed: ${req.headers.authorization}` : ''));
      return;
    default:
      res.statusCode = 404;
      res.end('no such route');
  }
};

export const HOSTILE_TEXT = HOSTILE;

/** The same n MiB of pseudo-random bytes every time (so a test can compare what it kept). */
export function randomBody(n: number): Buffer {
  const bytes = Buffer.alloc(n * 1024 * 1024);
  let state = 42;
  for (let i = 0; i < bytes.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** A port on which nothing listens (bound, closed, and so refused). */
export async function closedPort(): Promise<number> {
  const service = await startServer(() => undefined);
  await service.close();
  return service.port;
}

/**
 * A resolver that knows only `hosts` (name → IP address), for the probe's `lookup` option: a
 * test can use a host name without asking the machine's DNS server. An unknown name fails the
 * way the system resolver fails, with ENOTFOUND; `delayMs` makes the lookup take that long.
 */
export function hostsLookup(hosts: Record<string, string>, delayMs = 0) {
  return async (hostname: string): Promise<dns.LookupAddress[]> => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const address = hosts[hostname];
    if (address === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
    }
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
}
