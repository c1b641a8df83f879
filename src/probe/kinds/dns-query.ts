/** What a `dns:` URL asks (RFC 4501): the name and the record type, read the same way by config
 * validation and by the DNS prober. */

/** The record types a `dns:` URL may ask for. */
export const DNS_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SOA', 'CAA'] as const;
export type DnsType = (typeof DNS_TYPES)[number];

/** The name a `dns:` URL asks about (RFC 4501: `dns://resolver/name` or `dns:name`), decoded. */
export function dnsQueryName(url: URL): string {
  const raw = url.pathname.replace(/^\//, '').replace(/\.$/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The record type a `dns:` URL asks for (default A), upper case. */
export function dnsQueryType(url: URL): string {
  const written = [...url.searchParams].find(([key]) => key.toLowerCase() === 'type')?.[1];
  return (written ?? 'A').toUpperCase();
}
