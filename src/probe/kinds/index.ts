/**
 * The kinds of check, in one table (after blackbox_exporter's `Probers` map): the scheme of an
 * endpoint's `url` picks the kind, and the kind says which endpoint keys apply, which phases
 * it measures, what its body is, and how to load its prober. Config validation, the JSON schema
 * and docs/check-kinds.md read this table; the checks call `probeKind`, and nothing else needs
 * to know the kind.
 *
 * A prober is `(request, options) => Promise<ProbeResult>` (`Prober`, types.ts), HTTP's too. Every
 * kind but HTTP is imported only when an endpoint of that kind is checked, so a run that checks
 * only HTTP loads none of their libraries (docs/BENCHMARKS.md has the start-up figures).
 */
import type { Phase } from '../phases.js';
import { probeHttp } from './http.js';
import type { ProbeOptions, ProbeRequest, ProbeResult, Prober } from '../types.js';
import { DNS_TYPES, dnsQueryName, dnsQueryType, type DnsType } from './dns-query.js';

/** What config validation reads of a `dns:` URL (through config/kinds.ts). */
export { dnsQueryName, dnsQueryType };

export type { Prober };

export const KIND_NAMES = [
  'http',
  'tcp',
  'tls',
  'dns',
  'ws',
  'grpc',
  'smtp',
  'postgres',
  'mysql',
  'redis',
  'telegram-bot',
  'workflow',
  'heartbeat',
] as const;
export type KindName = (typeof KIND_NAMES)[number];

/** Keys every kind takes: what identifies an endpoint, its timing, retries and tracking. */
export const COMMON_KEYS = [
  'url',
  'name',
  'id',
  'timeout',
  'retries',
  'retry-delay',
  'max-response-time',
  'uptime-target',
  'failure-threshold',
  'success-threshold',
] as const;
/** Keys of a kind that speaks TLS (always, or when the server offers it). */
export const TLS_KEYS = ['cert-expiry-days', 'insecure'] as const;
/** Keys that judge a body (for the kinds that have one). */
export const BODY_KEYS = ['body-contains', 'body-not-contains', 'body-matches'] as const;

export interface SchemeSpec {
  kind: KindName;
  /** The connection is TLS from its first byte. */
  tls: boolean;
  /** The port when the URL names none; null when the URL must name it. */
  defaultPort: number | null;
}

export const SCHEMES: Readonly<Record<string, SchemeSpec>> = {
  http: { kind: 'http', tls: false, defaultPort: 80 },
  https: { kind: 'http', tls: true, defaultPort: 443 },
  tcp: { kind: 'tcp', tls: false, defaultPort: null },
  tls: { kind: 'tls', tls: true, defaultPort: null },
  dns: { kind: 'dns', tls: false, defaultPort: 53 },
  ws: { kind: 'ws', tls: false, defaultPort: 80 },
  wss: { kind: 'ws', tls: true, defaultPort: 443 },
  grpc: { kind: 'grpc', tls: false, defaultPort: null },
  grpcs: { kind: 'grpc', tls: true, defaultPort: 443 },
  smtp: { kind: 'smtp', tls: false, defaultPort: 25 },
  smtps: { kind: 'smtp', tls: true, defaultPort: 465 },
  postgres: { kind: 'postgres', tls: false, defaultPort: 5432 },
  postgresql: { kind: 'postgres', tls: false, defaultPort: 5432 },
  mysql: { kind: 'mysql', tls: false, defaultPort: 3306 },
  redis: { kind: 'redis', tls: false, defaultPort: 6379 },
  rediss: { kind: 'redis', tls: true, defaultPort: 6379 },
  // Written as its own key (`telegram-bot: TOKEN`), never as a `url`: see KindSpec.key.
  'telegram-bot': { kind: 'telegram-bot', tls: true, defaultPort: 443 },
  workflow: { kind: 'workflow', tls: false, defaultPort: null },
  heartbeat: { kind: 'heartbeat', tls: false, defaultPort: null },
};

export interface KindSpec {
  kind: KindName;
  /** The schemes a `url` of this kind is written with, as users read them (`ws://`, `wss://`). */
  written: string;
  /** What one attempt does, for people. */
  checks: string;
  /** When it is up, for people. */
  upWhen: string;
  /** The phases it measures; the others are 0. */
  phases: readonly Phase[];
  /** What `body-contains` / `body-matches` / `body-not-contains` read, or null when it has no body. */
  body: string | null;
  /** Keys beyond COMMON_KEYS that apply to every URL of this kind. */
  keys: readonly string[];
  /** TLS_KEYS apply also to the schemes of this kind without TLS (STARTTLS, `sslmode`). */
  tlsOptional: boolean;
  /** The key written in place of `url` for a kind that has no URL (`telegram-bot`). */
  key?: string;
  /** What a URL of this scheme lacks, in words, or null when it has all it needs. */
  problem(url: URL, scheme: SchemeSpec): string | null;
  load(): Promise<Prober>;
}

const needsHost = (url: URL) => (url.hostname === '' ? `${url.protocol}// needs a host` : null);
const needsHostAndPort = (url: URL, scheme: SchemeSpec) => {
  const name = url.protocol.replace(/:$/, '');
  if (url.hostname === '') return `${name}:// needs a host and a port (${name}://host:port)`;
  if (url.port === '' && scheme.defaultPort === null)
    return `${name}://${url.hostname} needs a port (${name}://${url.hostname}:PORT)`;
  return null;
};

/** A database URL must name its user: without one, a client library logs in as the user running
 * Vigil, a check of something other than what was meant. */
const needsUserAndHost = (url: URL) => {
  const name = url.protocol.replace(/:$/, '');
  const missing = [...(url.username === '' ? ['a user'] : []), ...(url.hostname === '' ? ['a host'] : [])];
  return missing.length === 0 ? null : `${name}:// needs ${missing.join(' and ')} (${name}://USER:PASSWORD@HOST:PORT/DATABASE)`;
};

export const KINDS: Readonly<Record<KindName, KindSpec>> = {
  http: {
    kind: 'http',
    written: '`http://`, `https://`',
    checks: 'an HTTP request, redirects followed',
    upWhen: 'the status is in `expected-status` and every content check passes',
    phases: ['dns', 'connect', 'tls', 'wait', 'download'],
    body: 'the response body',
    keys: [],
    tlsOptional: false,
    problem: needsHost,
    load: async () => probeHttp,
  },
  tcp: {
    kind: 'tcp',
    written: '`tcp://host:port`',
    checks: 'a TCP connection',
    upWhen: 'it connects',
    phases: ['dns', 'connect'],
    body: null,
    keys: [],
    tlsOptional: false,
    problem: needsHostAndPort,
    load: async () => (await import('./tcp.js')).probeTcp,
  },
  tls: {
    kind: 'tls',
    written: '`tls://host:port`',
    checks: 'a TCP connection and a TLS handshake (SNI = host)',
    upWhen: 'the chain verifies (or `insecure`) and has not expired',
    phases: ['dns', 'connect', 'tls'],
    body: null,
    keys: [],
    tlsOptional: false,
    problem: needsHostAndPort,
    load: async () => (await import('./tls.js')).probeTls,
  },
  dns: {
    kind: 'dns',
    written: '`dns://[resolver[:port]]/name?type=T`',
    checks: 'one query (UDP, then TCP when the answer is truncated)',
    upWhen: 'NOERROR with at least one answer',
    phases: ['dns'],
    body: 'the answers, one a line, as `dig +short` prints them',
    keys: [...BODY_KEYS],
    tlsOptional: false,
    problem: (url) => {
      // Parsed here only for what is missing; dns.ts reads the query the same way.
      const name = dnsQueryName(url);
      if (name === '') return 'a dns URL needs a name to look up (dns://[resolver[:port]]/example.com?type=A)';
      const type = dnsQueryType(url);
      if (!DNS_TYPES.includes(type as DnsType)) return `type "${type}" is not one of ${DNS_TYPES.join(', ')}`;
      const unknown = [...url.searchParams.keys()].find((key) => !['type', 'class'].includes(key.toLowerCase()));
      if (unknown !== undefined) return `"${unknown}" is not a dns URL parameter (use type)`;
      const dnsClass = [...url.searchParams].find(([key]) => key.toLowerCase() === 'class')?.[1];
      if (dnsClass !== undefined && dnsClass.toUpperCase() !== 'IN') return `class "${dnsClass}" is not supported (only IN)`;
      return null;
    },
    load: async () => (await import('./dns.js')).probeDns,
  },
  ws: {
    kind: 'ws',
    written: '`ws://`, `wss://`',
    checks: 'the WebSocket opening handshake; with `send`, that message, then the first message back',
    upWhen: '101 (and a first message within `timeout` when `send` or a body check is given)',
    phases: ['dns', 'connect', 'tls', 'wait', 'download'],
    body: 'the first message',
    keys: ['headers', 'send', ...BODY_KEYS, 'json'],
    tlsOptional: false,
    problem: needsHost,
    load: async () => (await import('./ws.js')).probeWs,
  },
  grpc: {
    kind: 'grpc',
    written: '`grpc://host:port[/SERVICE]`, `grpcs://`',
    checks: '`grpc.health.v1.Health/Check` for SERVICE (default "")',
    upWhen: '`SERVING`',
    phases: ['dns', 'connect', 'tls', 'wait'],
    body: null,
    keys: [],
    tlsOptional: false,
    problem: needsHostAndPort,
    load: async () => (await import('./grpc.js')).probeGrpc,
  },
  smtp: {
    kind: 'smtp',
    written: '`smtp://host:port`, `smtps://`',
    checks: 'the greeting, `EHLO`, `STARTTLS` when offered (required with `starttls: true`), `QUIT`',
    upWhen: 'a 220 greeting and a 250 EHLO (and a verified TLS where used)',
    phases: ['dns', 'connect', 'tls', 'wait'],
    body: 'the greeting and the lines of the last EHLO',
    keys: ['starttls', ...BODY_KEYS],
    tlsOptional: true,
    problem: needsHost,
    load: async () => (await import('./smtp.js')).probeSmtp,
  },
  postgres: {
    kind: 'postgres',
    written: '`postgres://user:pass@host:port/db`, `postgresql://`',
    checks: 'log in and run `SELECT 1`',
    upWhen: 'the query is answered',
    phases: ['dns', 'connect', 'tls', 'wait'],
    body: null,
    keys: [],
    tlsOptional: true,
    problem: needsUserAndHost,
    load: async () => (await import('./postgres.js')).probePostgres,
  },
  mysql: {
    kind: 'mysql',
    written: '`mysql://user:pass@host:port/db`',
    checks: 'log in and run `SELECT 1`',
    upWhen: 'the query is answered',
    phases: ['dns', 'connect', 'tls', 'wait'],
    body: null,
    keys: [],
    tlsOptional: true,
    problem: needsUserAndHost,
    load: async () => (await import('./mysql.js')).probeMysql,
  },
  redis: {
    kind: 'redis',
    written: '`redis://[:pass@]host:port`, `rediss://`',
    checks: 'log in and send `PING`',
    upWhen: 'the `PING` is answered',
    phases: ['dns', 'connect', 'tls', 'wait'],
    body: null,
    keys: [],
    tlsOptional: false,
    problem: needsHost,
    load: async () => (await import('./redis.js')).probeRedis,
  },
  'telegram-bot': {
    kind: 'telegram-bot',
    written: '`telegram-bot: TOKEN` (in place of `url`)',
    checks: '`getMe`, then `getWebhookInfo`',
    upWhen: '`getMe` succeeds, at most `max-pending` updates wait and no webhook error in the last 10 minutes',
    phases: ['dns', 'connect', 'tls', 'wait', 'download'],
    body: null,
    keys: ['telegram-bot', 'api-url', 'max-pending'],
    tlsOptional: false,
    key: 'telegram-bot',
    problem: () => null,
    load: async () => (await import('./telegram-bot.js')).probeTelegramBot,
  },
  workflow: {
    kind: 'workflow',
    written: '`workflow: backup.yml` or `workflow: OWNER/REPO/.github/workflows/backup.yml` (in place of `url`)',
    checks:
      "the latest completed run of that workflow (on `branch` when given), through GitHub's API with `github-token` (`actions: read`); cancelled and skipped runs are passed over",
    upWhen: 'that run concluded `success` and started within `max-age` (default 25h)',
    phases: ['dns', 'connect', 'tls', 'wait', 'download'],
    body: null,
    keys: ['workflow', 'max-age', 'branch'],
    tlsOptional: false,
    key: 'workflow',
    problem: () => null,
    load: async () => (await import('./workflow.js')).probeWorkflow,
  },
  heartbeat: {
    kind: 'heartbeat',
    written: '`heartbeat: ID` (in place of `url`)',
    checks:
      'the last report a job sent for ID with `repository_dispatch` (`event_type: vigil-heartbeat`), as the monitor recorded it on the data branch',
    upWhen: 'the last report says `ok` and came within `max-age` (required)',
    phases: [],
    body: null,
    keys: ['heartbeat', 'max-age'],
    tlsOptional: false,
    key: 'heartbeat',
    problem: () => null,
    load: async () => (await import('./heartbeat.js')).probeHeartbeat,
  },
};

export const schemeOf = (url: string) => /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? '';

/** The scheme, or null for one no kind has. */
export function schemeSpec(url: string): SchemeSpec | null {
  return Object.prototype.hasOwnProperty.call(SCHEMES, schemeOf(url)) ? SCHEMES[schemeOf(url)] : null;
}

/** The kind of an endpoint's URL; HTTP for anything unknown (config validation refuses those). */
export function kindOf(url: string): KindName {
  return schemeSpec(url)?.kind ?? 'http';
}

/** Whether the endpoint is a push heartbeat: judged from the reports it was sent, not checked. */
export const isHeartbeat = (endpoint: { url: string }): boolean => kindOf(endpoint.url) === 'heartbeat';

/** Every endpoint key that applies to a URL of this scheme (null: every key, for HTTP). */
export function keysFor(scheme: SchemeSpec): readonly string[] | null {
  const kind = KINDS[scheme.kind];
  if (kind.kind === 'http') return null;
  return [...COMMON_KEYS, ...kind.keys, ...(scheme.tls || kind.tlsOptional ? TLS_KEYS : [])];
}

/** The schemes users may write in `url`, for the message about an unknown one. */
export const URL_SCHEMES = Object.keys(SCHEMES).filter((scheme) => KINDS[SCHEMES[scheme].kind].key === undefined);

const loaded = new Map<KindName, Promise<Prober>>();

/** The prober of a kind, loaded (once) on first use. */
export function proberFor(kind: KindName): Promise<Prober> {
  let prober = loaded.get(kind);
  if (!prober) {
    prober = KINDS[kind].load();
    // A module that cannot be loaded is tried again next time, not remembered as broken.
    prober.catch(() => loaded.delete(kind));
    loaded.set(kind, prober);
  }
  return prober;
}

/** One attempt at an endpoint of any kind: the prober its URL's scheme names. */
export async function probeKind(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  const kind = kindOf(request.url);
  // HTTP, the common case, without a detour through a promise.
  if (kind === 'http') return probeHttp(request, options);
  const prober = await proberFor(kind);
  return prober(request, options);
}

/** The table of kinds in docs/check-kinds.md, made from this registry (`npm run schema` writes it;
 * a test holds the committed page to it). */
export function kindsMarkdownTable(): string {
  const rows = Object.values(KINDS).map((kind) => {
    const tls = Object.values(SCHEMES).some((scheme) => scheme.kind === kind.kind && scheme.tls) || kind.tlsOptional;
    const keys = [...kind.keys, ...(tls && kind.kind !== 'http' ? TLS_KEYS : [])];
    const cells = [
      kind.written,
      kind.checks,
      kind.upWhen,
      kind.phases.join(', ') || '—',
      kind.body ?? '—',
      kind.kind === 'http' ? 'all' : keys.length > 0 ? keys.map((key) => `\`${key}\``).join(', ') : '—',
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '| `url` | what is checked | up when | phases | body (for `body-contains`, `body-matches`, `body-not-contains`) | keys beyond the common ones |',
    '| :-- | :-- | :-- | :-- | :-- | :-- |',
    ...rows,
  ].join('\n');
}
