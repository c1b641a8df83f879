/** tcp:// and tls:// against real loopback servers. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import net from 'node:net';
import tls from 'node:tls';
import { makeCerts, type TestCerts } from '../../support/certs.js';
import { check, closedPort, endpointsOf, listen, phasesAddUp } from '../../support/kinds.js';

let certs: TestCerts;
const servers: Array<{ close(): Promise<void> }> = [];
beforeAll(() => {
  certs = makeCerts();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(server: net.Server): Promise<number> {
  const listening = await listen(server);
  servers.push(listening);
  return listening.port;
}

const tlsServer = (cert: string) => tls.createServer({ key: certs.key, cert }, (socket) => socket.end());

describe('tcp://', () => {
  test('up when it connects; dns and connect are its phases', async () => {
    let accepted = 0;
    const port = await serve(
      net.createServer((socket) => {
        accepted += 1;
        socket.end();
      }),
    );
    const [endpoint] = endpointsOf(`- tcp://127.0.0.1:${port}`);
    const result = await check(endpoint);
    expect(result).toMatchObject({ status: 'up', httpStatus: null, error: null, attempts: 1, name: `tcp 127.0.0.1:${port}` });
    expect(accepted).toBe(1);
    expect(result.timings.dns).toBe(0);
    phasesAddUp(result, ['tls', 'download']);
  });

  test('a name is looked up: the dns phase is measured', async () => {
    const port = await serve(net.createServer((socket) => socket.end()));
    const result = await check(endpointsOf(`- tcp://localhost:${port}`)[0]);
    // localhost may resolve to ::1 first; the next address is tried when one refuses.
    expect(result.status).toBe('up');
    phasesAddUp(result, ['tls', 'download']);
  });

  test('down with "connection refused", retried like HTTP, credentials never shown', async () => {
    const port = await closedPort();
    const [endpoint] = endpointsOf(`- tcp://admin:Sup3r-Secret-Pw@127.0.0.1:${port}`, { retries: '2' });
    const result = await check(endpoint);
    expect(result).toMatchObject({ status: 'down', error: 'connection refused', attempts: 3, note: 'down on all 3 attempts' });
    expect(result.url).toBe(`tcp://***:***@127.0.0.1:${port}`);
    expect(JSON.stringify(result)).not.toContain('Sup3r-Secret-Pw');
  });
});

describe('tls://', () => {
  test('a chain that does not verify is down, in words, with its expiry still known', async () => {
    const port = await serve(tlsServer(certs.selfSigned));
    const result = await check(endpointsOf(`- tls://localhost:${port}`)[0]);
    expect(result).toMatchObject({ status: 'down', error: 'self-signed certificate' });
    expect(result.certExpiresInDays).toBeGreaterThan(80);
  });

  test('a chain from an unknown issuer is down', async () => {
    const port = await serve(tlsServer(certs.valid));
    const result = await check(endpointsOf(`- tls://localhost:${port}`)[0]);
    expect(result.status).toBe('down');
    expect(result.error).toMatch(/unable to verify the certificate chain|certificate issuer is not trusted/);
  });

  test('insecure skips verification: up, with tls measured and the expiry reported', async () => {
    const port = await serve(tlsServer(certs.valid));
    const result = await check(endpointsOf(`- url: tls://localhost:${port}\n  insecure: true`)[0]);
    expect(result).toMatchObject({ status: 'up', error: null });
    expect(result.certExpiresInDays).toBeGreaterThanOrEqual(198);
    expect(result.timings.tls).toBeGreaterThan(0);
    phasesAddUp(result, ['download']);
  });

  test('cert-expiry-days applies: a certificate expiring soon is degraded, an expired one down', async () => {
    const soon = await serve(tlsServer(certs.soon));
    const expired = await serve(tlsServer(certs.expired));
    const [nearly, gone] = endpointsOf(
      [`- url: tls://localhost:${soon}`, '  insecure: true', `- url: tls://localhost:${expired}`, '  insecure: true'].join('\n'),
    );
    const degraded = await check(nearly);
    expect(degraded.status).toBe('degraded');
    expect(degraded.failures).toEqual([`certificate expires in ${degraded.certExpiresInDays} days (under 14)`]);
    const down = await check(gone);
    expect(down).toMatchObject({ status: 'down', error: 'certificate has expired' });
  });

  test('a server that never answers the handshake ends at the deadline, naming the phase', async () => {
    const port = await serve(net.createServer(() => undefined));
    const result = await check(endpointsOf(`- url: tls://127.0.0.1:${port}\n  timeout: 300ms\n  retries: 0`)[0]);
    expect(result).toMatchObject({ status: 'down', error: 'timed out after 300 ms during the TLS handshake' });
    expect(result.timings.total).toBeGreaterThanOrEqual(299);
    phasesAddUp(result, ['download']);
  });
});
