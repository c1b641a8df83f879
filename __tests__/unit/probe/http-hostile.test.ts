/**
 * Servers that misbehave at the TCP level: garbage instead of HTTP, a close in the middle of
 * the headers, a broken chunked body, plain text to a TLS client. Every attempt must come back
 * as a result with an error in words — never an exception, never a hang past the deadline.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import net from 'node:net';
import { probeHttp as probe } from '../../../src/probe/kinds/http.js';

const replies: Record<string, (socket: net.Socket) => void> = {
  garbage: (s) => s.end('this is not HTTP at all\r\n\r\n'),
  'close-in-headers': (s) => s.end('HTTP/1.1 200 OK\r\nContent-Ty'),
  'broken-chunked': (s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nnot hex\r\n'),
  'short-body': (s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this'),
  'reset-mid-headers': (s) => {
    s.write('HTTP/1.1 200 OK\r\nX-A: 1\r\n');
    setTimeout(() => s.resetAndDestroy(), 5);
  },
  'huge-header': (s) => s.end(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(200_000)}\r\n\r\n`),
  silence: () => undefined,
  'bad-gzip': (s) => s.end('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnotgzipped'),
  'headers-byte-by-byte': (s) => trickle(s, 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok'),
  'only-100-continue': (s) => s.write('HTTP/1.1 100 Continue\r\n\r\n'),
  'only-102-processing': (s) => {
    s.write('HTTP/1.1 102 Processing\r\n\r\n');
    setTimeout(() => s.writable && s.write('HTTP/1.1 102 Processing\r\n\r\n'), 100);
  },
  'unrequested-101': (s) => s.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'),
};

/** Writes `text` one byte every 50 ms, as a server that is stuck in the middle of its headers. */
function trickle(socket: net.Socket, text: string) {
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= text.length || !socket.writable) return clearInterval(timer);
    socket.write(text[sent++]);
  }, 50);
  socket.once('close', () => clearInterval(timer));
}

let server: net.Server;
let port = 0;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', (data) => {
      const path = /^\S+ \/(\S*)/.exec(data.toString('latin1'))?.[1] ?? '';
      (replies[path] ?? replies.garbage)(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const attempt = (url: string) =>
  probe({ url, method: 'GET', headers: {}, body: null, timeout: 500, followRedirects: 5, insecure: false });

const expected: Record<string, string | RegExp> = {
  garbage: /^invalid HTTP response \(/,
  'close-in-headers': 'connection closed before a complete response',
  'broken-chunked': 'invalid HTTP response (Invalid character in chunk size)',
  'short-body': 'connection closed before the end of the body',
  'reset-mid-headers': /^connection (reset|closed before a complete response)$/,
  'huge-header': 'invalid HTTP response (Header overflow)',
  silence: 'timed out after 500 ms waiting for response headers',
  'headers-byte-by-byte': 'timed out after 500 ms waiting for response headers',
  'only-100-continue': 'timed out after 500 ms waiting for the final response (the server sent only 100 Continue)',
  'only-102-processing': 'timed out after 500 ms waiting for the final response (the server sent only 102 Processing)',
  'unrequested-101': 'the server switched protocols (101 Switching Protocols) without being asked to; no final response',
};

test.each(Object.keys(replies))('%s: a result with an error, within the deadline', async (path) => {
  const result = await attempt(`http://127.0.0.1:${port}/${path}`);
  if (path === 'bad-gzip') {
    // The response itself was whole; only its body cannot be decoded.
    expect(result.httpStatus).toBe(200);
    expect(result.bodyError).toMatch(/^could not decode the gzip body/);
  } else if (typeof expected[path] === 'string') {
    expect(result.error).toBe(expected[path]);
  } else {
    expect(result.error).toMatch(expected[path]);
  }
  expect(result.timings.total).toBeLessThan(1000);
});

test('plain text to a TLS client is a TLS error, not a crash', async () => {
  const result = await attempt(`https://127.0.0.1:${port}/garbage`);
  expect(result.error).toMatch(/during the TLS handshake|^TLS handshake failed/);
  expect(result.httpStatus).toBeNull();
});

test('many hostile attempts at once all resolve', async () => {
  const paths = Object.keys(replies);
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) => attempt(`http://127.0.0.1:${port}/${paths[i % paths.length]}`)),
  );
  expect(results).toHaveLength(200);
  expect(results.every((r) => r.error !== null || r.bodyError !== null)).toBe(true);
});
