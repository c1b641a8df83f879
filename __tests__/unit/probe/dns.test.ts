/** dns:// against a real DNS server on loopback (dnsmasq). */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { BIG_TXT, startDnsmasq, type Dnsmasq } from '../../support/dnsmasq.js';
import { check, closedPort, endpointsOf, phasesAddUp } from '../../support/kinds.js';

let server: Dnsmasq;
beforeAll(async () => {
  server = await startDnsmasq();
});
afterAll(async () => {
  await server?.close();
});

const at = (query: string, extra = '') => endpointsOf(`- url: dns://127.0.0.1:${server.port}/${query}\n${extra}`)[0];

describe('dns://', () => {
  test('up on NOERROR with answers; the body is what dig +short prints; only the dns phase', async () => {
    const a = await check(at('vigil.test'));
    expect(a).toMatchObject({ status: 'up', name: 'dns vigil.test A', error: null, httpStatus: null });
    phasesAddUp(a, ['connect', 'tls', 'wait', 'download']);
    const mx = await check(at('vigil.test?type=MX', '  body-contains: "10 mail.vigil.test."'));
    expect(mx.status).toBe('up');
    const txt = await check(at('vigil.test?type=TXT', '  body-matches: ^"v=spf1 -all"$'));
    expect(txt.status).toBe('up');
    const cname = await check(at('www.vigil.test?type=CNAME', '  body-contains: vigil.test.'));
    expect(cname.status).toBe('up');
    const aaaa = await check(at('vigil.test?type=AAAA', '  body-contains: "::1"'));
    expect(aaaa.status).toBe('up');
  });

  test('a resolver given by name is looked up first, each of its addresses asked in turn', async () => {
    // localhost may be ::1 first, where this server does not listen; 127.0.0.1 then answers.
    const [endpoint] = endpointsOf(`- url: dns://localhost:${server.port}/vigil.test?type=MX\n  body-contains: mail.vigil.test.`);
    expect(await check(endpoint)).toMatchObject({ status: 'up', error: null });
  });

  test('an answer too long for UDP comes whole, over TCP', async () => {
    const result = await check(
      at('big.vigil.test?type=TXT', `  body-contains: '${BIG_TXT.map((part) => `"${part}"`).join(' ')}'`),
    );
    expect(result).toMatchObject({ status: 'up', failures: [] });
  });

  test('a body check that fails quotes what came back', async () => {
    const result = await check(at('vigil.test?type=MX', '  body-contains: "20 backup.vigil.test."'));
    expect(result.status).toBe('down');
    expect(result.failures).toEqual(['body does not contain "20 backup.vigil.test."']);
    expect(result.bodyExcerpt).toBe('10 mail.vigil.test.');
  });

  test('NXDOMAIN and REFUSED are down in their own words', async () => {
    const nx = await check(at('gone.nx.test', '  retries: 1'));
    expect(nx).toMatchObject({ status: 'down', attempts: 2 });
    expect(nx.error).toBe(`NXDOMAIN: gone.nx.test does not exist (asked 127.0.0.1:${server.port})`);
    const refused = await check(at('elsewhere.test', '  retries: 0'));
    expect(refused.error).toBe(`REFUSED: 127.0.0.1:${server.port} refused to answer for elsewhere.test`);
  });

  test('a resolver that does not answer is down at the deadline', async () => {
    const port = await closedPort();
    const [endpoint] = endpointsOf(`- url: dns://127.0.0.1:${port}/vigil.test\n  timeout: 400ms\n  retries: 0`);
    const result = await check(endpoint);
    expect(result.status).toBe('down');
    // Nothing listens: the kernel's "port unreachable" may come back (refused), or nothing at all.
    expect(result.error).toMatch(
      /^(connection refused by 127\.0\.0\.1:\d+|no answer from 127\.0\.0\.1:\d+|timed out after 400 ms waiting for the DNS answer)$/,
    );
    phasesAddUp(result, ['connect', 'tls', 'wait', 'download']);
  });
});
