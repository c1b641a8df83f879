/** grpc:// and grpcs:// against @grpc/grpc-js servers with the official health service. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import http2 from 'node:http2';
import type net from 'node:net';
import { makeCerts, type TestCerts } from '../../support/certs.js';
import { check, closedPort, endpointsOf, phasesAddUp } from '../../support/kinds.js';

let certs: TestCerts;
const servers: grpc.Server[] = [];
beforeAll(() => {
  certs = makeCerts();
});
afterAll(() => {
  for (const server of servers) server.forceShutdown();
});

/** A gRPC server whose health service knows "" (the server) and "payments". */
async function healthServer(options: { tls?: boolean; health?: boolean } = {}): Promise<number> {
  const server = new grpc.Server();
  if (options.health !== false) {
    new HealthImplementation({ '': 'SERVING', payments: 'NOT_SERVING', search: 'SERVING' }).addToServer(server);
  }
  const credentials = options.tls
    ? grpc.ServerCredentials.createSsl(null, [{ private_key: Buffer.from(certs.key), cert_chain: Buffer.from(certs.selfSigned) }])
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  servers.push(server);
  return port;
}

describe('grpc://', () => {
  test('SERVING is up; dns, connect and wait are its phases', async () => {
    const port = await healthServer();
    const [whole, search] = endpointsOf(`- grpc://127.0.0.1:${port}\n- grpc://127.0.0.1:${port}/search`);
    const up = await check(whole);
    expect(up).toMatchObject({ status: 'up', error: null, httpStatus: null });
    phasesAddUp(up, ['dns', 'tls', 'download']);
    expect(await check(search)).toMatchObject({ status: 'up', name: `grpc 127.0.0.1:${port}/search` });
  });

  test('NOT_SERVING, an unknown service and a server without health are down in words', async () => {
    const port = await healthServer();
    const bare = await healthServer({ health: false });
    const [payments, unknown, none] = endpointsOf(
      [`- grpc://127.0.0.1:${port}/payments`, `- grpc://127.0.0.1:${port}/ledger`, `- grpc://127.0.0.1:${bare}`].join('\n'),
      { retries: '1' },
    );
    expect(await check(payments)).toMatchObject({ status: 'down', attempts: 2, error: 'service "payments" is NOT_SERVING' });
    const notFound = await check(unknown);
    expect(notFound.status).toBe('down');
    expect(notFound.error).toMatch(/^the health service does not know the service "ledger" \(NOT_FOUND\)/);
    const unimplemented = await check(none);
    expect(unimplemented.error).toMatch(/^the server has no health service \(UNIMPLEMENTED\)/);
  });

  test('an HTTP/2 server that is not gRPC is down, saying so', async () => {
    const server = http2.createServer((_, res) => res.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const result = await check(endpointsOf(`- url: grpc://127.0.0.1:${port}\n  retries: 0`)[0]);
      expect(result).toMatchObject({ status: 'down', error: 'the server did not answer as gRPC (no grpc-status)' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('nothing listening is "connection refused"', async () => {
    const port = await closedPort();
    const result = await check(endpointsOf(`- url: grpc://127.0.0.1:${port}\n  retries: 0`)[0]);
    expect(result).toMatchObject({ status: 'down', error: 'connection refused' });
  });
});

describe('grpcs://', () => {
  test('TLS with h2: verified unless insecure, expiry reported', async () => {
    const port = await healthServer({ tls: true });
    const [strict, relaxed] = endpointsOf(
      [`- url: grpcs://localhost:${port}\n  retries: 0`, `- url: grpcs://localhost:${port}/search`, '  insecure: true'].join(
        '\n',
      ),
    );
    expect(await check(strict)).toMatchObject({ status: 'down', error: 'self-signed certificate' });
    const up = await check(relaxed);
    expect(up).toMatchObject({ status: 'up', error: null });
    expect(up.certExpiresInDays).toBeGreaterThan(80);
    phasesAddUp(up, ['download']);
  });
});
