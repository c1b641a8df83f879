/**
 * Several kinds of check in one run of the built action (dist/index.js), as a runner starts it:
 * each kind's verdict in the outputs, the summary naming the kind, and no credential anywhere.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import http from 'node:http';
import net from 'node:net';
import { WebSocketServer } from 'ws';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { ROOT, results, runAction } from '../support/action.js';
import { startSmtp, type SmtpService } from '../support/channels.js';
import { startDnsmasq, type Dnsmasq } from '../support/dnsmasq.js';
import { closedPort, listen } from '../support/kinds.js';
import { startServer, type Service } from '../support/servers.js';

const PASSWORD = 'Xq7-Very-Secret-Pw';
let web: Service;
let tcp: { port: number; close(): Promise<void> };
let ws: { port: number; close(): Promise<void> };
let dns: Dnsmasq;
let smtp: SmtpService;
let grpcServer: grpc.Server;
let grpcPort: number;
let refused: number;

beforeAll(async () => {
  web = await startServer((_, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'ok', last_run: new Date(Date.now() - 60_000).toISOString() }));
  });
  tcp = await listen(net.createServer((socket) => socket.end()));
  const wsHttp = http.createServer();
  new WebSocketServer({ server: wsHttp }).on('connection', (socket) =>
    socket.on('message', (data) => socket.send(`pong:${String(data)}`)),
  );
  ws = await listen(wsHttp as unknown as net.Server);
  dns = await startDnsmasq();
  smtp = await startSmtp({ implicitTls: false, offerStartTls: false, user: 'u', password: 'p' });
  grpcServer = new grpc.Server();
  new HealthImplementation({ '': 'SERVING' }).addToServer(grpcServer);
  grpcPort = await new Promise<number>((resolve, reject) =>
    grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  refused = await closedPort();
});

afterAll(async () => {
  grpcServer?.forceShutdown();
  await Promise.all([web?.close(), tcp?.close(), ws?.close(), dns?.close(), smtp?.close()]);
});

describe('check kinds through the built action', () => {
  test('every kind is checked, judged and reported; credentials never appear', async () => {
    const endpoints = [
      `- name: Web\n  url: ${web.url}/health/\n  json: { status: ok, last_run: "age < 15m" }`,
      `- tcp://127.0.0.1:${tcp.port}`,
      `- url: dns://127.0.0.1:${dns.port}/vigil.test?type=MX\n  body-contains: mail.vigil.test.`,
      `- url: ws://127.0.0.1:${ws.port}/live\n  send: ping\n  body-contains: pong:ping`,
      `- smtp://127.0.0.1:${smtp.port}`,
      `- grpc://127.0.0.1:${grpcPort}`,
      `- name: Database\n  url: tcp://admin:${PASSWORD}@127.0.0.1:${refused}`,
    ].join('\n');
    const run = await runAction({ inputs: { endpoints, retries: '1', 'retry-delay': '10ms' } });
    const shown = results(run).map(({ name, status, error, httpStatus }) => ({ name, status, error, httpStatus }));
    expect(shown).toEqual(
      [
        { name: 'Web', status: 'up', error: null, httpStatus: 200 },
        { name: `tcp 127.0.0.1:${tcp.port}`, status: 'up', error: null, httpStatus: null },
        { name: 'dns vigil.test MX', status: 'up', error: null, httpStatus: null },
        { name: `ws 127.0.0.1:${ws.port}/live`, status: 'up', error: null, httpStatus: null },
        { name: `smtp 127.0.0.1:${smtp.port}`, status: 'up', error: null, httpStatus: null },
        { name: `grpc 127.0.0.1:${grpcPort}`, status: 'up', error: null, httpStatus: null },
        { name: 'Database', status: 'down', error: 'connection refused', httpStatus: null },
      ].map((expected, index) => (index === 5 ? { ...expected, status: 'up' } : expected)),
    );
    expect(run.outputs.status).toBe('down');
    expect(JSON.parse(run.outputs['down-endpoints'])).toEqual(['Database']);
    expect(run.summary).toContain(`tcp://***:***@127.0.0.1:${refused}`);
    expect(run.summary).toContain('- Check: tcp');
    // ::add-mask:: lines are where the runner is handed secrets to mask; they are never shown.
    const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(run.stdout).toContain(`::add-mask::${PASSWORD}`);
    for (const text of [log.join('\n'), run.stderr, run.summary, JSON.stringify(run.outputs)])
      expect(text).not.toContain(PASSWORD);
    expect(run.code).toBe(1);
  });

  test('the CLI checks other kinds too', async () => {
    const cli = (...args: string[]) =>
      new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(process.execPath, [path.join(ROOT, 'dist', 'cli', 'index.js'), ...args], (error, stdout) =>
          resolve({ code: error ? Number(error.code) : 0, stdout }),
        ),
      );
    const checked = await cli(
      'check',
      `tcp://127.0.0.1:${tcp.port}`,
      `dns://127.0.0.1:${dns.port}/vigil.test`,
      `grpc://127.0.0.1:${grpcPort}`,
    );
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(`tcp 127.0.0.1:${tcp.port}`);
    expect(checked.stdout).toContain('dns vigil.test A');
    const refusedRun = await cli('check', '--retries', '0', `tcp://user:${PASSWORD}@127.0.0.1:${refused}`);
    expect(refusedRun.code).toBe(1);
    expect(refusedRun.stdout).toContain('connection refused');
    expect(refusedRun.stdout).not.toContain(PASSWORD);
  });

  test('a key that does not apply to its kind fails the step before any check', async () => {
    let connections = 0;
    const watched = await listen(
      net.createServer((socket) => {
        connections += 1;
        socket.end();
      }),
    );
    try {
      const run = await runAction({
        inputs: { endpoints: `- url: tcp://127.0.0.1:${watched.port}\n  json: { status: ok }\n- gopher://example.com/` },
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('endpoints[0].json (input endpoints, line 2): "json" does not apply to a tcp check');
      expect(run.stdout).toContain(
        'endpoints[1] (input endpoints, line 3): scheme "gopher" is not supported (use http, https, tcp',
      );
      expect(connections).toBe(0);
    } finally {
      await watched.close();
    }
  });
});
