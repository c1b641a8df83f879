/**
 * The database checks against real servers: Redis, PostgreSQL and MariaDB from the Debian
 * packages, each started for these tests on a free loopback port (see support/db-servers.ts).
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { ProbeRequest, ProbeResult } from '../../../src/probe/types.js';
import { probeMysql } from '../../../src/probe/kinds/mysql.js';
import { probePostgres } from '../../../src/probe/kinds/postgres.js';
import { probeRedis } from '../../../src/probe/kinds/redis.js';
import { makeCerts } from '../../support/certs.js';
import {
  DB_NAME,
  DB_PASSWORD,
  DB_USER,
  certFiles,
  describeWithServer,
  mariadbBinary,
  postgresBinary,
  redisServerBinary,
  startMariadb,
  startPostgres,
  startRedis,
  startSilentServer,
  type DbServer,
} from '../../support/db-servers.js';
import { closedPort, hostsLookup } from '../../support/servers.js';

const request = (url: string, extra: Partial<ProbeRequest> = {}): ProbeRequest => ({
  url,
  method: 'GET',
  headers: {},
  body: null,
  timeout: 10_000,
  followRedirects: 0,
  insecure: false,
  ...extra,
});

const password = encodeURIComponent(DB_PASSWORD);

/** The result holds no credential anywhere: not the password, not its first characters. */
function expectNoCredentials(result: ProbeResult): void {
  const text = JSON.stringify({ ...result, body: result.body.toString('utf8') });
  for (const secret of [DB_PASSWORD, password, DB_PASSWORD.slice(0, 6), 'wrong-Pa55', 'wrong-Pa55word']) {
    expect(text).not.toContain(secret);
  }
}

function expectPhasesAddUp(result: ProbeResult): void {
  const t = result.timings;
  expect(t.dns + t.connect + t.tls + t.wait + t.download).toBe(t.total);
  expect(t.download).toBe(0);
}

function expectNoHttpParts(result: ProbeResult): void {
  expect(result.httpStatus).toBeNull();
  expect(result.statusText).toBeNull();
  expect(result.headers).toEqual({});
  expect(result.body.length).toBe(0);
  expect(result.redirects).toBe(0);
}

/** Down with a clear error when the port is closed, when another protocol answers, and when
 * the server accepts TCP and never answers: the deadline ends the attempt. */
async function expectRefusedAndSilent(
  probeKind: (request: ProbeRequest, options: object) => Promise<ProbeResult>,
  url: (port: number) => string,
  ping: string,
  strangerError: string,
): Promise<void> {
  const refused = await probeKind(request(url(await closedPort())), {});
  expect(refused.error).toBe('connection refused');
  expect(refused.errorCode).toBe('ECONNREFUSED');
  expectPhasesAddUp(refused);
  expectNoCredentials(refused);

  // A server of another protocol: the library's complaint is told, without the credentials.
  const stranger = await startSilentServer('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  try {
    const result = await probeKind(request(url(stranger.port), { timeout: 3000 }), {});
    expect(result.error).toBe(strangerError);
    expectPhasesAddUp(result);
    expectNoCredentials(result);
  } finally {
    await stranger.close();
  }

  const silent = await startSilentServer();
  try {
    const started = Date.now();
    const result = await probeKind(request(url(silent.port), { timeout: 700 }), {});
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.error).toBe(`timed out after 700 ms while logging in and running ${ping}`);
    expect(result.errorCode).toBe('TIMEOUT');
    expect(silent.accepted()).toBe(1);
    expectPhasesAddUp(result);
    expectNoCredentials(result);
  } finally {
    await silent.close();
  }
}

// ---------------------------------------------------------------------------------- Redis

describeWithServer(redisServerBinary, 'redis-server')('redis', () => {
  let redis: DbServer;
  let redisTls: DbServer;
  const certs = makeCerts();

  beforeAll(async () => {
    // One after the other, so that a failure to start the second still stops the first.
    redis = await startRedis();
    redisTls = await startRedis({ tls: { ...certFiles(certs, 'valid'), ca: certs.caFile } });
  });
  afterAll(async () => {
    await Promise.all([redis?.stop(), redisTls?.stop()]);
  });

  test('up: logs in with the password and PING is answered', async () => {
    const url = `redis://:${password}@127.0.0.1:${redis.port}`;
    const result = await probeRedis(request(url), {});
    expect(result.error).toBeNull();
    expect(result.errorCode).toBeNull();
    expectNoHttpParts(result);
    expectPhasesAddUp(result);
    expect(result.timings.dns).toBe(0);
    expect(result.timings.tls).toBe(0);
    expect(result.certValidTo).toBeNull();
    expect(result.finalUrl).toBe(`redis://:***@127.0.0.1:${redis.port}`);
    expectNoCredentials(result);
  });

  test('up with a user name and a database number, through a looked-up host name', async () => {
    const url = `redis://default:${password}@cache.internal:${redis.port}/3`;
    const result = await probeRedis(request(url), { lookup: hostsLookup({ 'cache.internal': '127.0.0.1' }, 30) });
    expect(result.error).toBeNull();
    expect(result.timings.dns).toBeGreaterThanOrEqual(25);
    expectPhasesAddUp(result);
  });

  test('down: a wrong password is WRONGPASS, without the password', async () => {
    const url = `redis://:wrong-Pa55word@127.0.0.1:${redis.port}`;
    const result = await probeRedis(request(url), {});
    expect(result.error).toMatch(/^WRONGPASS /);
    expect(result.errorCode).toBe('WRONGPASS');
    expectPhasesAddUp(result);
    expectNoCredentials(result);
  });

  test('down: no password where one is required is NOAUTH', async () => {
    const result = await probeRedis(request(`redis://127.0.0.1:${redis.port}`), {});
    expect(result.error).toMatch(/^NOAUTH /);
    expect(result.errorCode).toBe('NOAUTH');
  });

  test('down: refused port, and a silent server past the deadline', async () => {
    await expectRefusedAndSilent(
      probeRedis,
      (port) => `redis://:${password}@127.0.0.1:${port}`,
      'PING',
      'the server did not answer in the Redis protocol',
    );
  });

  test('rediss: verified TLS, the certificate expiry reported, and the TLS phase measured', async () => {
    const url = `rediss://:${password}@localhost:${redisTls.tlsPort}`;
    const lookup = hostsLookup({ localhost: '127.0.0.1' });
    const untrusted = await probeRedis(request(url), { lookup });
    // The test CA is not trusted by Node (Redis sends it along): verification fails, and says why.
    expect(untrusted.error).toBe('self-signed certificate in the chain');
    expect(untrusted.errorCode).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(untrusted.certValidTo).not.toBeNull();
    expectNoCredentials(untrusted);

    const insecure = await probeRedis(request(url, { insecure: true }), { lookup });
    expect(insecure.error).toBeNull();
    expect(insecure.timings.tls).toBeGreaterThan(0);
    const days = (insecure.certValidTo!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(195);
    expect(days).toBeLessThan(201);
    expectPhasesAddUp(insecure);
    expectNoCredentials(insecure);
  });

  test('rediss: an expired certificate is down even when the rest is fine, and says when it expired', async () => {
    const expired = await startRedis({ tls: { ...certFiles(certs, 'expired'), ca: certs.caFile } });
    try {
      const url = `rediss://:${password}@localhost:${expired.tlsPort}`;
      const result = await probeRedis(request(url), { lookup: hostsLookup({ localhost: '127.0.0.1' }) });
      expect(result.error).toBe('certificate has expired');
      expect(result.errorCode).toBe('CERT_HAS_EXPIRED');
      expect(result.certValidTo!.getTime()).toBeLessThan(Date.now());
      expectNoCredentials(result);
      // `insecure` skips the verification, not the report of the expiry.
      const insecure = await probeRedis(request(url, { insecure: true }), { lookup: hostsLookup({ localhost: '127.0.0.1' }) });
      expect(insecure.error).toBeNull();
      expect(insecure.certValidTo!.getTime()).toBeLessThan(Date.now());
    } finally {
      await expired.stop();
    }
  });

  test('rediss: a server that accepts TCP and never completes the handshake times out in the TLS phase', async () => {
    const silent = await startSilentServer();
    try {
      const result = await probeRedis(request(`rediss://:${password}@127.0.0.1:${silent.port}`, { timeout: 500 }), {});
      expect(result.error).toBe('timed out after 500 ms during the TLS handshake');
      expect(result.timings.tls).toBeGreaterThan(0);
      expectPhasesAddUp(result);
    } finally {
      await silent.close();
    }
  });

  test('a database that is not a number is named, with the password masked even there', async () => {
    const result = await probeRedis(request(`redis://:${password}@127.0.0.1:${redis.port}/${password}`), {});
    expect(result.errorCode).toBe('BAD_URL');
    expectNoCredentials(result);
  });
});

// ----------------------------------------------------------------------------- PostgreSQL

describeWithServer(postgresBinary, 'postgresql')('postgres', () => {
  let pg: DbServer;
  let pgTls: DbServer;
  const certs = makeCerts();

  beforeAll(async () => {
    pg = await startPostgres();
    pgTls = await startPostgres({ tls: certFiles(certs, 'valid') });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([pg?.stop(), pgTls?.stop()]);
  });

  const url = (port: number, pass = password, query = '') => `postgres://${DB_USER}:${pass}@127.0.0.1:${port}/${DB_NAME}${query}`;

  test('up: logs in with scram and SELECT 1 is answered', async () => {
    const result = await probePostgres(request(url(pg.port)), {});
    expect(result.error).toBeNull();
    expect(result.errorCode).toBeNull();
    expectNoHttpParts(result);
    expectPhasesAddUp(result);
    expect(result.timings.dns).toBe(0);
    expect(result.timings.tls).toBe(0);
    // A scram login hashes the password 4096 times: the wait phase is never 0 ms.
    expect(result.timings.wait).toBeGreaterThan(0);
    expect(result.finalUrl).toBe(`postgres://***:***@127.0.0.1:${pg.port}/${DB_NAME}`);
    expectNoCredentials(result);
  });

  test('up through postgresql:// and a looked-up host name', async () => {
    const href = `postgresql://${DB_USER}:${password}@db.internal:${pg.port}/${DB_NAME}`;
    const result = await probePostgres(request(href), { lookup: hostsLookup({ 'db.internal': '127.0.0.1' }, 30) });
    expect(result.error).toBeNull();
    expect(result.timings.dns).toBeGreaterThanOrEqual(25);
    expectPhasesAddUp(result);
  });

  test("down: a wrong password is PostgreSQL's own message, without the password", async () => {
    const result = await probePostgres(request(url(pg.port, 'wrong-Pa55word')), {});
    expect(result.error).toBe(`password authentication failed for user "${DB_USER}"`);
    expect(result.errorCode).toBe('28P01');
    expectPhasesAddUp(result);
    expectNoCredentials(result);
  });

  test('down: a database that does not exist', async () => {
    const href = `postgres://${DB_USER}:${password}@127.0.0.1:${pg.port}/nowhere`;
    const result = await probePostgres(request(href), {});
    expect(result.error).toBe('database "nowhere" does not exist');
    expect(result.errorCode).toBe('3D000');
    expectNoCredentials(result);
  });

  test('down: refused port, and a silent server past the deadline', async () => {
    await expectRefusedAndSilent(
      probePostgres,
      (port) => url(port),
      'SELECT 1',
      'the server closed the connection before SELECT 1 was answered',
    );
  });

  test('sslmode=require on a server without TLS is down; prefer goes on in plain text', async () => {
    const required = await probePostgres(request(url(pg.port, password, '?sslmode=require')), {});
    expect(required.error).toBe('the server does not accept TLS connections');
    const preferred = await probePostgres(request(url(pg.port, password, '?sslmode=prefer')), {});
    expect(preferred.error).toBeNull();
    expect(preferred.certValidTo).toBeNull();
  });

  test('TLS: verified unless insecure, the certificate expiry reported, the TLS phase measured', async () => {
    const href = `postgres://${DB_USER}:${password}@localhost:${pgTls.port}/${DB_NAME}?sslmode=verify-full`;
    const lookup = hostsLookup({ localhost: '127.0.0.1' });
    const untrusted = await probePostgres(request(href), { lookup });
    // The test CA is not trusted by Node: verification fails, and says why.
    expect(untrusted.error).toMatch(/^unable to verify the certificate chain/);
    expect(untrusted.certValidTo).not.toBeNull();
    expectNoCredentials(untrusted);

    const insecure = await probePostgres(request(href, { insecure: true }), { lookup });
    expect(insecure.error).toBeNull();
    expect(insecure.timings.tls).toBeGreaterThan(0);
    const days = (insecure.certValidTo!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(195);
    expect(days).toBeLessThan(201);
    expectPhasesAddUp(insecure);
    expectNoCredentials(insecure);

    // Without sslmode the connection stays in plain text (and needs no certificate).
    const plain = await probePostgres(request(url(pgTls.port)), {});
    expect(plain.error).toBeNull();
    expect(plain.certValidTo).toBeNull();
    expect(plain.timings.tls).toBe(0);
  });

  test('a URL without a user is named before connecting', async () => {
    const result = await probePostgres(request(`postgres://127.0.0.1:${pg.port}/${DB_NAME}`), {});
    expect(result.error).toBe('the URL names no user (postgres://USER:PASSWORD@host/…)');
    expect(result.errorCode).toBe('BAD_URL');
  });

  test('sslmode=require on a server that accepts TCP and never answers times out in the TLS phase', async () => {
    const silent = await startSilentServer();
    try {
      const result = await probePostgres(request(url(silent.port, password, '?sslmode=require'), { timeout: 500 }), {});
      expect(result.error).toBe('timed out after 500 ms during the TLS handshake');
      expect(result.timings.tls).toBeGreaterThan(0);
      expectPhasesAddUp(result);
    } finally {
      await silent.close();
    }
  });

  test('an unknown sslmode is named', async () => {
    const result = await probePostgres(request(url(pg.port, password, '?sslmode=always')), {});
    expect(result.error).toBe('unknown sslmode "always" (expected disable, allow, prefer, require, verify-ca or verify-full)');
    expect(result.errorCode).toBe('BAD_URL');
  });
});

// -------------------------------------------------------------------------------- MariaDB

describeWithServer(mariadbBinary, 'mariadb-server')('mysql (MariaDB)', () => {
  let maria: DbServer;
  const certs = makeCerts();

  beforeAll(async () => {
    // One server with TLS configured serves the plain-text tests too.
    maria = await startMariadb({ tls: certFiles(certs, 'valid') });
  }, 120_000);
  afterAll(async () => {
    await maria?.stop();
  });

  const url = (port: number, pass = password, query = '') => `mysql://${DB_USER}:${pass}@127.0.0.1:${port}/${DB_NAME}${query}`;

  test('up: logs in and SELECT 1 is answered', async () => {
    const result = await probeMysql(request(url(maria.port)), {});
    expect(result.error).toBeNull();
    expect(result.errorCode).toBeNull();
    expectNoHttpParts(result);
    expectPhasesAddUp(result);
    expect(result.timings.dns).toBe(0);
    expect(result.timings.tls).toBe(0);
    expect(result.certValidTo).toBeNull();
    expect(result.finalUrl).toBe(`mysql://***:***@127.0.0.1:${maria.port}/${DB_NAME}`);
    expectNoCredentials(result);
  });

  test('up through a looked-up host name', async () => {
    const href = `mysql://${DB_USER}:${password}@db.internal:${maria.port}/${DB_NAME}`;
    const result = await probeMysql(request(href), { lookup: hostsLookup({ 'db.internal': '127.0.0.1' }, 30) });
    expect(result.error).toBeNull();
    expect(result.timings.dns).toBeGreaterThanOrEqual(25);
    expectPhasesAddUp(result);
  });

  test("down: a wrong password is the server's own message, without the password", async () => {
    const result = await probeMysql(request(url(maria.port, 'wrong-Pa55word')), {});
    expect(result.error).toMatch(
      new RegExp(`^Access denied for user '${DB_USER}'@'(localhost|127\\.0\\.0\\.1)' \\(using password: YES\\)$`),
    );
    expect(result.errorCode).toBe('ER_ACCESS_DENIED_ERROR');
    expectPhasesAddUp(result);
    expectNoCredentials(result);
  });

  test('down: a database the user may not use', async () => {
    const href = `mysql://${DB_USER}:${password}@127.0.0.1:${maria.port}/nowhere`;
    const result = await probeMysql(request(href), {});
    expect(result.error).toMatch(/^Access denied for user 'app'@'[^']+' to database 'nowhere'$/);
    expectNoCredentials(result);
  });

  test('down: refused port, and a silent server past the deadline', async () => {
    await expectRefusedAndSilent(
      probeMysql,
      (port) => url(port),
      'SELECT 1',
      'the server closed the connection before SELECT 1 was answered',
    );
  });

  test('TLS: verified before logging in unless insecure, the certificate expiry reported, the TLS phase measured', async () => {
    const href = `mysql://${DB_USER}:${password}@localhost:${maria.port}/${DB_NAME}?ssl-mode=VERIFY_IDENTITY`;
    const lookup = hostsLookup({ localhost: '127.0.0.1' });
    const untrusted = await probeMysql(request(href), { lookup });
    // The test CA is not trusted by Node: verification fails, and says why.
    expect(untrusted.error).toMatch(/^unable to verify the certificate chain/);
    expect(untrusted.certValidTo).not.toBeNull();
    expect(untrusted.timings.tls).toBeGreaterThan(0);
    expectNoCredentials(untrusted);

    // The certificate is judged before logging in: a wrong password is never tried on it.
    const wrongPassword = href.replace(password, 'wrong-Pa55word');
    const refusedFirst = await probeMysql(request(wrongPassword), { lookup });
    expect(refusedFirst.error).toBe(untrusted.error);

    const insecure = await probeMysql(request(href, { insecure: true }), { lookup });
    expect(insecure.error).toBeNull();
    expect(insecure.timings.tls).toBeGreaterThan(0);
    const days = (insecure.certValidTo!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(195);
    expect(days).toBeLessThan(201);
    expectPhasesAddUp(insecure);
    expectNoCredentials(insecure);
  });

  test('an unknown ssl-mode is named', async () => {
    const result = await probeMysql(request(url(maria.port, password, '?ssl-mode=SOMETIMES')), {});
    expect(result.error).toBe('unknown ssl-mode "SOMETIMES" (expected DISABLED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY)');
  });
});
