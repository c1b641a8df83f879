/** smtp:// and smtps:// against a real SMTP server (the smtp-server package) on loopback. */
import { afterAll, describe, expect, test } from '@jest/globals';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { startSmtp } from '../../support/channels.js';
import { check, endpointsOf, listen, phasesAddUp } from '../../support/kinds.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

async function smtp(options: { implicitTls: boolean; offerStartTls?: boolean }) {
  const service = await startSmtp({ ...options, user: 'u', password: 'p' });
  closers.push(() => service.close());
  return service;
}

describe('smtp://', () => {
  test('STARTTLS when offered: tls is measured, the chain verified unless insecure, nothing is sent', async () => {
    const { port, mails, logins } = await smtp({ implicitTls: false });
    const [strict, relaxed] = endpointsOf(
      [
        `- url: smtp://localhost:${port}\n  retries: 0`,
        `- url: smtp://localhost:${port}/relaxed`,
        '  insecure: true',
        '  body-contains: STARTTLS',
      ].join('\n'),
    );
    const refused = await check(strict);
    expect(refused.status).toBe('down');
    expect(refused.error).toMatch(/unable to verify the certificate chain|certificate issuer is not trusted/);
    const up = await check(relaxed);
    // Over TLS the server no longer offers STARTTLS: the body is the last EHLO's.
    expect(up).toMatchObject({ status: 'down', failures: ['body does not contain "STARTTLS"'] });
    expect(up.certExpiresInDays).toBeGreaterThan(190);
    expect(up.timings.tls).toBeGreaterThan(0);
    phasesAddUp(up, ['download']);
    expect(mails).toEqual([]);
    expect(logins).toEqual([]);
  });

  test('without STARTTLS offered it is up in plain text, unless starttls: true requires it', async () => {
    const { port } = await smtp({ implicitTls: false, offerStartTls: false });
    const [plain, required] = endpointsOf(
      [
        `- url: smtp://127.0.0.1:${port}`,
        '  body-matches: "ESMTP|Nice to meet you"',
        `- url: smtp://127.0.0.1:${port}/tls`,
        '  starttls: true',
        '  retries: 1',
      ].join('\n'),
    );
    const up = await check(plain);
    expect(up).toMatchObject({ status: 'up', error: null });
    phasesAddUp(up, ['dns', 'tls', 'download']);
    const down = await check(required);
    expect(down).toMatchObject({
      status: 'down',
      attempts: 2,
      error: 'the server does not offer STARTTLS (required by starttls: true)',
    });
  });

  test('a server that refuses with 554 is down, quoting its reply', async () => {
    const server = new SMTPServer({
      logger: false,
      disableReverseLookup: true,
      onConnect: (_session, callback) => callback(Object.assign(new Error('No SMTP service here'), { responseCode: 554 })),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.server.address() as net.AddressInfo;
    const result = await check(endpointsOf(`- url: smtp://mailer:Hunter2-Secret@127.0.0.1:${port}\n  retries: 0`)[0]);
    expect(result).toMatchObject({ status: 'down', error: 'the greeting was 554 No SMTP service here, not 220' });
    expect(result.url).toBe(`smtp://***:***@127.0.0.1:${port}`);
    expect(JSON.stringify(result)).not.toContain('Hunter2-Secret');
  });
});

describe('a silent server', () => {
  test('a server that never greets ends at the deadline, naming what it waited for', async () => {
    const silent = await listen(net.createServer(() => undefined));
    closers.push(() => silent.close());
    const result = await check(endpointsOf(`- url: smtp://127.0.0.1:${silent.port}\n  timeout: 300ms\n  retries: 0`)[0]);
    expect(result).toMatchObject({ status: 'down', error: 'timed out after 300 ms waiting for the SMTP server' });
    phasesAddUp(result, ['dns', 'tls', 'download']);
  });
});

describe('smtps://', () => {
  test('implicit TLS from the first byte', async () => {
    const { port } = await smtp({ implicitTls: true });
    const result = await check(endpointsOf(`- url: smtps://localhost:${port}\n  insecure: true`)[0]);
    expect(result).toMatchObject({ status: 'up', error: null, name: `smtps localhost:${port}` });
    expect(result.certExpiresInDays).toBeGreaterThan(190);
    phasesAddUp(result, ['download']);
  });
});
