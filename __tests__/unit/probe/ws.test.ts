/** ws:// and wss:// against real WebSocket servers (the `ws` package) on loopback. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { WebSocketServer } from 'ws';
import { makeCerts, type TestCerts } from '../../support/certs.js';
import { check, endpointsOf, listen, phasesAddUp } from '../../support/kinds.js';

let certs: TestCerts;
const closers: Array<() => Promise<void>> = [];
beforeAll(() => {
  certs = makeCerts();
});
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

/** A WebSocket server that answers each message with `pong:` and the message; `silent` answers nothing. */
async function wsServer(
  options: { tls?: boolean; silent?: boolean; greet?: string } = {},
): Promise<{ port: number; headers: http.IncomingHttpHeaders[] }> {
  const server = options.tls ? https.createServer({ key: certs.key, cert: certs.selfSigned }) : http.createServer();
  const wss = new WebSocketServer({ server });
  const headers: http.IncomingHttpHeaders[] = [];
  wss.on('connection', (socket, req) => {
    headers.push(req.headers);
    if (options.greet) socket.send(options.greet);
    socket.on('message', (data) => {
      if (!options.silent) socket.send(`pong:${String(data)}`);
    });
  });
  const listening = await listen(server as unknown as net.Server);
  closers.push(async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    await listening.close();
  });
  return { port: listening.port, headers };
}

describe('ws://', () => {
  test('up at the 101; without send or a body check there is no download phase', async () => {
    const { port } = await wsServer();
    const result = await check(endpointsOf(`- ws://127.0.0.1:${port}/socket`)[0]);
    expect(result).toMatchObject({ status: 'up', error: null, name: `ws 127.0.0.1:${port}/socket` });
    phasesAddUp(result, ['dns', 'tls', 'download']);
  });

  test('send: the first message back is the body, judged by the content checks', async () => {
    const { port, headers } = await wsServer();
    const [good, bad, json] = endpointsOf(
      [
        `- url: ws://127.0.0.1:${port}/`,
        '  send: ping',
        '  body-contains: pong:ping',
        `- url: ws://127.0.0.1:${port}/b`,
        '  send: ping',
        '  body-matches: ^pong:pang$',
        '  retries: 1',
        `- url: ws://127.0.0.1:${port}/c`,
        '  send: { "op": "status" }',
        '  body-contains: op',
        '  headers: { X-Api-Key: k-3a9f0c7e }',
      ].join('\n'),
    );
    const up = await check(good);
    expect(up).toMatchObject({ status: 'up', failures: [] });
    phasesAddUp(up, ['dns', 'tls']);
    const down = await check(bad);
    expect(down).toMatchObject({
      status: 'down',
      attempts: 2,
      failures: ['body does not match /^pong:pang$/'],
      bodyExcerpt: 'pong:ping',
    });
    const sentJson = await check(json);
    expect(sentJson.status).toBe('up');
    expect(headers.at(-1)?.['x-api-key']).toBe('k-3a9f0c7e');
  });

  test('a body check without send waits for the first message the server sends', async () => {
    const { port } = await wsServer({ greet: '{"status":"ready","clients":3}' });
    const result = await check(endpointsOf(`- url: ws://127.0.0.1:${port}/\n  json: { status: ready, clients: "> 0" }`)[0]);
    expect(result).toMatchObject({ status: 'up', failures: [] });
  });

  test('no message within the timeout is down, naming what it waited for', async () => {
    const { port } = await wsServer({ silent: true });
    const result = await check(endpointsOf(`- url: ws://127.0.0.1:${port}/\n  send: ping\n  timeout: 300ms\n  retries: 0`)[0]);
    expect(result).toMatchObject({ status: 'down', error: 'timed out after 300 ms waiting for the first message' });
    phasesAddUp(result, ['dns', 'tls']);
  });

  test('a server that does not switch protocols is down with its status; credentials never shown', async () => {
    const server = http.createServer((_, res) => res.writeHead(404).end('no sockets here'));
    const listening = await listen(server);
    closers.push(() => listening.close());
    const result = await check(endpointsOf(`- url: ws://bot:Tr1cky-Secret@127.0.0.1:${listening.port}/\n  retries: 0`)[0]);
    expect(result).toMatchObject({ status: 'down', error: 'the server answered 404 Not Found, not 101 Switching Protocols' });
    expect(result.url).toBe(`ws://***:***@127.0.0.1:${listening.port}/`);
    expect(JSON.stringify(result)).not.toContain('Tr1cky-Secret');
  });
});

describe('wss://', () => {
  test('verifies the chain unless insecure, and reports the certificate expiry', async () => {
    const { port } = await wsServer({ tls: true });
    const [strict, relaxed] = endpointsOf(
      [
        `- url: wss://localhost:${port}/\n  retries: 0`,
        `- url: wss://localhost:${port}/relaxed`,
        '  insecure: true',
        '  send: hi',
      ].join('\n'),
    );
    const refused = await check(strict);
    expect(refused).toMatchObject({ status: 'down', error: 'self-signed certificate' });
    const up = await check(relaxed);
    expect(up).toMatchObject({ status: 'up', error: null });
    expect(up.certExpiresInDays).toBeGreaterThan(80);
    expect(up.timings.tls).toBeGreaterThan(0);
    phasesAddUp(up, []);
  });
});
