/**
 * `dns://[resolver[:port]]/name?type=T` (RFC 4501): one query, up when the answer is NOERROR
 * with at least one record. The body is the answers, one a line, as `dig +short` prints them.
 *
 * The query goes through Node's own resolver (c-ares, `dns.promises.Resolver`) rather than a
 * packet library: it sends the query over UDP and asks again over TCP when the answer comes back
 * truncated, takes a chosen `resolver:port` (`setServers`), or the system's resolvers when the
 * URL names none, and can be cancelled — all without a dependency. Its one query a try is what a
 * monitor wants (`tries: 1`): a retry is Vigil's to make, with its own delay, not a hidden resend.
 */
import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import { ProbeError } from '../errors.js';
import type { ProbeOptions, ProbeRequest, ProbeResult } from '../types.js';
import { hostOf, runAttempt } from './common.js';
import { dnsQueryName, dnsQueryType, type DnsType } from './dns-query.js';

/** A name as dig prints it: fully qualified, with its final dot. */
const fqdn = (name: string) => (name.endsWith('.') ? name : `${name}.`);

/** A TXT or CAA string in dig's quotes, with quotes and backslashes escaped. */
const quoted = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

type Answer = Awaited<ReturnType<Resolver['resolve']>>;

/** The answers, one a line, as `dig +short` prints them. */
export function digShort(type: DnsType, answers: Answer): string[] {
  const records = answers as unknown[];
  switch (type) {
    case 'A':
    case 'AAAA':
      return records.map(String);
    case 'CNAME':
    case 'NS':
      return records.map((name) => fqdn(String(name)));
    case 'MX':
      return (records as Array<{ priority: number; exchange: string }>).map((mx) => `${mx.priority} ${fqdn(mx.exchange)}`);
    case 'TXT':
      return (records as string[][]).map((chunks) => chunks.map(quoted).join(' '));
    case 'SOA': {
      const soa = answers as unknown as {
        nsname: string;
        hostmaster: string;
        serial: number;
        refresh: number;
        retry: number;
        expire: number;
        minttl: number;
      };
      return [
        `${fqdn(soa.nsname)} ${fqdn(soa.hostmaster)} ${soa.serial} ${soa.refresh} ${soa.retry} ${soa.expire} ${soa.minttl}`,
      ];
    }
    case 'CAA':
      return (records as Array<Record<string, string | number>>).map((caa) => {
        const tag = Object.keys(caa).find((key) => key !== 'critical') ?? 'issue';
        return `${caa.critical ?? 0} ${tag} ${quoted(String(caa[tag]))}`;
      });
  }
}

/** c-ares' error codes, in the words of DNS people. */
function dnsError(code: string, name: string, type: DnsType, resolver: string): ProbeError {
  switch (code) {
    case 'ENOTFOUND':
      return new ProbeError(`NXDOMAIN: ${name} does not exist (asked ${resolver})`, 'NXDOMAIN');
    case 'ENODATA':
      return new ProbeError(`no ${type} record for ${name} (NOERROR, no answers; asked ${resolver})`, 'NODATA');
    case 'ESERVFAIL':
      return new ProbeError(`SERVFAIL from ${resolver} for ${name}`, 'SERVFAIL');
    case 'EREFUSED':
      return new ProbeError(`REFUSED: ${resolver} refused to answer for ${name}`, 'REFUSED');
    case 'ENOTIMP':
      return new ProbeError(`NOTIMP: ${resolver} does not answer ${type} queries`, 'NOTIMP');
    case 'EFORMERR':
      return new ProbeError(`FORMERR: ${resolver} could not read the query`, 'FORMERR');
    case 'EBADRESP':
      return new ProbeError(`${resolver} sent a malformed answer`, 'EBADRESP');
    case 'ECONNREFUSED':
      return new ProbeError(`connection refused by ${resolver}`, 'ECONNREFUSED');
    case 'ETIMEOUT':
      return new ProbeError(`no answer from ${resolver}`, 'TIMEOUT');
    default:
      return new ProbeError(`the query failed (${code})`, code);
  }
}

export function probeDns(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return runAttempt(
    request,
    options,
    async (attempt) => {
      const { url, result, signal } = attempt;
      const name = dnsQueryName(url);
      const type = dnsQueryType(url) as DnsType;
      // c-ares retries a try after `timeout`; one try within the whole deadline, which also stops it.
      const resolver = new Resolver({ timeout: request.timeout, tries: 1 });
      signal.addEventListener('abort', () => resolver.cancel(), { once: true });
      let shown = 'the system resolver';
      if (url.hostname !== '') {
        const host = hostOf(url);
        // A resolver given by name is found with the system's lookup first (part of the dns
        // phase); each of its addresses is a server to ask, in turn, should one not answer.
        const addresses = net.isIP(host) !== 0 ? [host] : (await attempt.lookup(host)).map((found) => found.address);
        const port = url.port ? Number(url.port) : 53;
        resolver.setServers(addresses.map((address) => (net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`)));
        shown = url.port ? `${host}:${port}` : host;
      }
      let answers: Answer;
      try {
        answers = await resolver.resolve(name, type);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw dnsError(String((error as NodeJS.ErrnoException).code ?? ''), name, type, shown);
      }
      const lines = digShort(type, answers);
      if (lines.length === 0) throw dnsError('ENODATA', name, type, shown);
      result.body = Buffer.from(lines.join('\n'), 'utf8');
    },
    { dns: 'waiting for the DNS answer' },
    // The whole attempt is the query: nothing is connected first.
    'dns',
  );
}
