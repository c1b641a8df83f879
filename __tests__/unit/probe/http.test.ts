import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import net from 'node:net';
import { probeHttp as probe } from '../../../src/probe/kinds/http.js';
import { type ProbeRequest } from '../../../src/probe/types.js';
import { makeCerts } from '../../support/certs.js';
import { startProxy, type Proxy } from '../../support/proxy.js';
import { behaviours, closedPort, hostsLookup, randomBody, startServer, type Service } from '../../support/servers.js';

let plain: Service;
let other: Service;
let secure: Service;
let selfSigned: Service;
let expired: Service;

const request = (url: string, extra: Partial<ProbeRequest> = {}): ProbeRequest => ({
  url,
  method: 'GET',
  headers: {},
  body: null,
  timeout: 5000,
  followRedirects: 5,
  insecure: false,
  ...extra,
});

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

const phasesSum = (t: Record<string, number>) => t.dns + t.connect + t.tls + t.wait + t.download;

beforeAll(async () => {
  const certs = makeCerts();
  plain = await startServer(behaviours);
  other = await startServer(behaviours);
  secure = await startServer(behaviours, { key: certs.key, cert: certs.valid });
  selfSigned = await startServer(behaviours, { key: certs.key, cert: certs.selfSigned });
  expired = await startServer(behaviours, { key: certs.key, cert: certs.expired });
});

afterAll(async () => {
  await Promise.all([plain, other, secure, selfSigned, expired].map((service) => service.close()));
});

describe('timing', () => {
  test('phases are contiguous and add up to the total; dns is 0 for an IP address', async () => {
    const result = await probe(request(`${plain.url}/delay-headers/120`));
    expect(result.error).toBeNull();
    expect(result.httpStatus).toBe(200);
    expect(result.timings.dns).toBe(0);
    expect(result.timings.tls).toBe(0);
    expect(result.timings.wait).toBeGreaterThanOrEqual(115);
    expect(phasesSum(result.timings)).toBe(result.timings.total);
    expect(Object.keys(result.timings)).toEqual(['dns', 'connect', 'tls', 'wait', 'download', 'total']);
  });

  test('a name is looked up (dns phase) and a slow body counts as download', async () => {
    const lookup = hostsLookup({ 'service.test': '127.0.0.1' }, 40);
    const result = await probe(request(`http://service.test:${plain.port}/delay-body/150`), { lookup });
    expect(result.error).toBeNull();
    expect(result.timings.dns).toBeGreaterThanOrEqual(35);
    expect(result.body.toString()).toBe('first part, last part');
    expect(result.timings.download).toBeGreaterThanOrEqual(140);
    expect(result.timings.wait).toBeLessThan(100);
    expect(phasesSum(result.timings)).toBe(result.timings.total);
  });

  test('https has a TLS phase, a fresh handshake each attempt', async () => {
    const before = secure.handshakes.length;
    const first = await probe(request(`${secure.url}/ok`, { insecure: true }));
    const second = await probe(request(`${secure.url}/ok`, { insecure: true }));
    for (const result of [first, second]) {
      expect(result.error).toBeNull();
      expect(result.timings.tls).toBeGreaterThan(0);
      expect(phasesSum(result.timings)).toBe(result.timings.total);
    }
    // Two attempts, two full TLS handshakes: no connection is pooled and no session resumed.
    expect(secure.handshakes.slice(before)).toEqual([{ sessionReused: false }, { sessionReused: false }]);
  });

  test('phases are summed over redirect hops', async () => {
    const result = await probe(request(`${plain.url}/to?url=${encodeURIComponent(`${other.url}/delay-headers/60`)}`));
    expect(result.redirects).toBe(1);
    expect(result.httpStatus).toBe(200);
    expect(result.timings.wait).toBeGreaterThanOrEqual(55);
    expect(phasesSum(result.timings)).toBe(result.timings.total);
  });
});

describe('deadline and network errors', () => {
  test('refused', async () => {
    const result = await probe(request(`http://127.0.0.1:${await closedPort()}/`));
    expect(result.error).toBe('connection refused');
    expect(result.httpStatus).toBeNull();
  });

  test('a hanging server times out waiting for response headers, within the deadline', async () => {
    const started = Date.now();
    const result = await probe(request(`${plain.url}/hang`, { timeout: 300 }));
    expect(result.error).toBe('timed out after 300 ms waiting for response headers');
    expect(result.httpStatus).toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.timings.total).toBeGreaterThanOrEqual(295);
  });

  test('a slow lookup times out during the DNS lookup', async () => {
    const lookup = hostsLookup({ 'service.test': '127.0.0.1' }, 1000);
    const result = await probe(request(`http://service.test:${plain.port}/ok`, { timeout: 200 }), { lookup });
    expect(result.error).toBe('timed out after 200 ms during the DNS lookup');
  });

  test('a server that never answers the TLS hello times out during the TLS handshake', async () => {
    const accepted = new Set<net.Socket>();
    const mute = net.createServer((socket) => void accepted.add(socket)); // accepts, then says nothing
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    try {
      const result = await probe(request(`https://127.0.0.1:${(mute.address() as net.AddressInfo).port}/`, { timeout: 300 }));
      expect(result.error).toBe('timed out after 300 ms during the TLS handshake');
      expect(result.timings.tls).toBeGreaterThanOrEqual(250);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => mute.close(resolve));
    }
  });

  test('a trickling body cannot outlive the deadline', async () => {
    const result = await probe(request(`${plain.url}/trickle`, { timeout: 300 }));
    expect(result.error).toBe('timed out after 300 ms while reading the body');
    expect(result.httpStatus).toBe(200);
    expect(result.timings.total).toBeLessThan(1000);
  });

  test('a slow body past the deadline times out while reading the body', async () => {
    const result = await probe(request(`${plain.url}/delay-body/1000`, { timeout: 200 }));
    expect(result.error).toBe('timed out after 200 ms while reading the body');
  });

  test('reset before the response', async () => {
    const result = await probe(request(`${plain.url}/reset-before`));
    expect(result.httpStatus).toBeNull();
    expect(result.error).toMatch(/^connection (reset|closed before a complete response)$/);
  });

  test('reset during the body', async () => {
    const result = await probe(request(`${plain.url}/reset-during`));
    expect(result.httpStatus).toBe(200);
    expect(result.error).toMatch(/connection (reset while reading the body|closed before the end of the body)/);
  });

  test('an unknown host', async () => {
    const result = await probe(request('http://no-such-host.invalid/'), { lookup: hostsLookup({}) });
    expect(result.error).toBe('host not found: no-such-host.invalid');
    expect(result.httpStatus).toBeNull();
  });
});

describe('redirects', () => {
  test('a chain is followed to the final response', async () => {
    const result = await probe(request(`${plain.url}/redirect/3`));
    expect(result.httpStatus).toBe(200);
    expect(result.redirects).toBe(3);
    expect(result.finalUrl).toBe(`${plain.url}/ok`);
  });

  test('a relative Location resolves against the current URL', async () => {
    const result = await probe(request(`${plain.url}/relative-redirect/x`));
    expect(result.httpStatus).toBe(200);
    expect(result.body.toString()).toBe('ok: all good');
  });

  test('a loop stops at the hop limit: too many redirects (6)', async () => {
    const result = await probe(request(`${plain.url}/loop`, { followRedirects: 5 }));
    expect(result.error).toBe('too many redirects (6)');
    expect(result.redirects).toBe(5);
  });

  test('follow-redirects 0 makes the 3xx the final response', async () => {
    const result = await probe(request(`${plain.url}/redirect/1`, { followRedirects: 0 }));
    expect(result.error).toBeNull();
    expect(result.httpStatus).toBe(302);
    expect(result.redirects).toBe(0);
  });

  test('credentials are dropped when the origin changes, kept when it does not', async () => {
    const headers = { Authorization: 'Bearer s3cret-token', Cookie: 'session=abc', 'X-Keep': 'yes' };
    const cross = await probe(
      request(`http://user:pw@127.0.0.1:${plain.port}/to?url=${encodeURIComponent(`${other.url}/echo`)}`, { headers }),
    );
    const echoed = JSON.parse(cross.body.toString()) as { headers: Record<string, string> };
    expect(echoed.headers.authorization).toBeUndefined();
    expect(echoed.headers.cookie).toBeUndefined();
    expect(echoed.headers['x-keep']).toBe('yes');

    const same = await probe(request(`${plain.url}/to?url=/echo`, { headers }));
    const kept = JSON.parse(same.body.toString()) as { headers: Record<string, string> };
    expect(kept.headers.authorization).toBe('Bearer s3cret-token');
    expect(kept.headers.cookie).toBe('session=abc');
  });

  test('a 303 turns a POST into a GET without a body', async () => {
    const result = await probe(
      request(`${plain.url}/to?status=303&url=/echo`, {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const echoed = JSON.parse(result.body.toString()) as { method: string; body: string };
    expect(echoed.method).toBe('GET');
    expect(echoed.body).toBe('');
  });
});

describe('body', () => {
  test.each(['gzip', 'deflate', 'br'])('%s is decoded', async (encoding) => {
    const result = await probe(request(`${plain.url}/${encoding}`));
    const text = result.body.toString();
    expect(text.startsWith('compressed hello')).toBe(true);
    expect(text.endsWith('THE END')).toBe(true);
  });

  test('a 200 MiB body is read to the end within the deadline, keeping only 1 MiB', async () => {
    const result = await probe(request(`${plain.url}/huge/200`, { timeout: 20000 }));
    expect(result.error).toBeNull();
    expect(result.body.length).toBe(1024 * 1024);
    expect(result.bodyTruncated).toBe(true);
    expect(result.body.subarray(0, 6).toString()).toBe('needle');
    // Read to the end: the server got to send every byte. (Peak memory is the benchmark's to
    // measure, on the whole process: docs/BENCHMARKS.md.) The server's 'finish' event can come a
    // moment after the client read the last byte, on a loaded machine: wait a little for it.
    for (let waited = 0; !plain.finished.includes('/huge/200') && waited < 5000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(plain.finished).toContain('/huge/200');
  });

  test('a long compressed body: the first MiB decoded and kept, the rest read to the end', async () => {
    const result = await probe(request(`${plain.url}/gzip-random/6`));
    expect(result.error).toBeNull();
    expect(result.bodyError).toBeNull();
    expect(result.bodyTruncated).toBe(true);
    expect(result.body.equals(randomBody(6).subarray(0, 1024 * 1024))).toBe(true);
    expect(plain.finished).toContain('/gzip-random/6');
  });

  test('a long body cut short past the first MiB is an error, not a success', async () => {
    for (const url of [`${plain.url}/huge-cut/50`, `${secure.url}/huge-cut/50`]) {
      const result = await probe(request(url, { insecure: true }));
      expect(result.httpStatus).toBe(200);
      expect(result.error).toMatch(/^connection (closed before the end of the body|reset while reading the body)$/);
    }
  });

  test('the request method, headers and body are sent', async () => {
    const result = await probe(request(`${plain.url}/echo`, { method: 'PUT', body: 'payload', headers: { 'X-Api-Key': 'k' } }));
    const echoed = JSON.parse(result.body.toString()) as { method: string; body: string; headers: Record<string, string> };
    expect(echoed.method).toBe('PUT');
    expect(echoed.body).toBe('payload');
    expect(echoed.headers['x-api-key']).toBe('k');
    expect(echoed.headers['user-agent']).toMatch(/^Vigil\//);
    expect(echoed.headers.connection).toBe('close');
  });
});

describe('TLS', () => {
  test('a self-signed certificate fails verification', async () => {
    const result = await probe(request(`${selfSigned.url}/ok`));
    expect(result.error).toBe('self-signed certificate');
    expect(result.certValidTo).not.toBeNull();
  });

  test('an expired self-signed certificate is reported as expired, the more urgent of the two', async () => {
    const certs = makeCerts();
    const both = await startServer(behaviours, { key: certs.key, cert: certs.expiredSelfSigned });
    try {
      expect((await probe(request(`${both.url}/ok`))).error).toBe('certificate has expired');
    } finally {
      await both.close();
    }
  });

  test('a certificate from an unknown issuer fails verification', async () => {
    const result = await probe(request(`${secure.url}/ok`));
    expect(result.error).toMatch(/^unable to verify the certificate chain/);
  });

  test('insecure skips verification and still measures expiry', async () => {
    const result = await probe(request(`${selfSigned.url}/ok`, { insecure: true }));
    expect(result.error).toBeNull();
    const days = (result.certValidTo!.getTime() - Date.now()) / 86_400_000;
    // The chain's earliest expiry: the self-signed leaf, 90 days.
    expect(Math.round(days)).toBe(90);
  });

  test('an expired certificate is reported in words, with its expiry', async () => {
    const result = await probe(request(`${expired.url}/ok`));
    expect(result.error).toBe('certificate has expired');
    expect(result.certValidTo!.getTime()).toBeLessThan(Date.now());
    const insecure = await probe(request(`${expired.url}/ok`, { insecure: true }));
    expect(insecure.error).toBeNull();
    expect(insecure.certValidTo!.getTime()).toBeLessThan(Date.now());
  });
});

describe('proxy', () => {
  test('https goes through a CONNECT tunnel, http through absolute-URI forwarding', async () => {
    const proxy = await startProxy({ 'service.test': '127.0.0.1' });
    try {
      const proxyFor = () => new URL(proxy.url);
      const viaTunnel = await probe(request(`https://service.test:${selfSigned.port}/ok`, { insecure: true }), { proxyFor });
      expect(viaTunnel.error).toBeNull();
      expect(viaTunnel.body.toString()).toBe('ok: all good');
      const viaForward = await probe(request(`http://service.test:${plain.port}/ok`), { proxyFor });
      expect(viaForward.error).toBeNull();
      expect(viaForward.body.toString()).toBe('ok: all good');
      expect(proxy.seen).toEqual([`CONNECT service.test:${selfSigned.port}`, `http://service.test:${plain.port}/ok`]);
    } finally {
      await proxy.close();
    }
  });

  test('credentials in an http URL go in the Authorization header, never in the request line to the proxy', async () => {
    const proxy = await startProxy({ 'service.test': '127.0.0.1' });
    try {
      const result = await probe(request(`http://bob:pw@service.test:${plain.port}/echo`), {
        proxyFor: () => new URL(proxy.url),
      });
      expect(result.error).toBeNull();
      expect(proxy.seen).toEqual([`http://service.test:${plain.port}/echo`]);
      const echoed = JSON.parse(result.body.toString()) as { headers: Record<string, string> };
      expect(echoed.headers.authorization).toBe(basic('bob:pw'));
    } finally {
      await proxy.close();
    }
  });

  describe('credentials are decoded once, and a lone % is kept', () => {
    let proxy: Proxy;
    const saved = { ...process.env };
    beforeAll(async () => {
      proxy = await startProxy({ 'service.test': '127.0.0.1' });
      // The runner's proxy variables, with a password of `50%off` written as URLs spell it.
      process.env.HTTPS_PROXY = process.env.HTTP_PROXY = proxy.url.replace('//', '//user:50%25off@');
      delete process.env.https_proxy;
      delete process.env.http_proxy;
      delete process.env.NO_PROXY;
      delete process.env.no_proxy;
    });
    afterAll(async () => {
      process.env = saved;
      await proxy.close();
    });

    test('a proxy password with %25: https through the tunnel, and http forwarded', async () => {
      const viaTunnel = await probe(request(`https://service.test:${selfSigned.port}/ok`, { insecure: true }));
      expect(viaTunnel.error).toBeNull();
      const viaForward = await probe(request(`http://service.test:${plain.port}/ok`));
      expect(viaForward.error).toBeNull();
      expect(proxy.authorizations.slice(-2)).toEqual([basic('user:50%off'), basic('user:50%off')]);
    });

    test('a lone % in the endpoint URL credentials, with and without a proxy', async () => {
      for (const host of ['service.test', '127.0.0.1']) {
        const result = await probe(request(`http://user:50%off@${host}:${plain.port}/echo`));
        expect(result.error).toBeNull();
        const echoed = JSON.parse(result.body.toString()) as { headers: Record<string, string> };
        expect(echoed.headers.authorization).toBe(basic('user:50%off'));
      }
      const viaTunnel = await probe(request(`https://user:50%off@service.test:${selfSigned.port}/ok`, { insecure: true }));
      expect(viaTunnel.error).toBeNull();
    });
  });
});
