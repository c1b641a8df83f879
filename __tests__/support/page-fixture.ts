/**
 * Seeded figures for the status page: N endpoints with 90 days of daily rows, 24 hours of
 * hourly response times, incidents and outages. Deterministic (a seeded generator), so a test or
 * a screenshot shows the same page every time.
 */
import type { CountedStatus, DailyRow, EndpointFigures, StatusFile } from '../../src/history/types.js';
import type { HourPoint, OutageRecord, PageInput } from '../../src/page/types.js';

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'Home page',
  'API health',
  'Payments',
  'Search API',
  'Docs',
  'Login',
  'Webhooks',
  'CDN assets',
  'Admin API',
  'Status feed',
];

export interface FixtureOptions {
  endpoints?: number;
  now?: string;
  seed?: number;
  /** Overrides for the first endpoints (name, status, …). */
  overrides?: Array<Partial<EndpointFigures>>;
}

export function pageFixture(options: FixtureOptions = {}): PageInput {
  const count = options.endpoints ?? 4;
  const now = new Date(options.now ?? '2026-11-26T10:05:04.101Z');
  const rand = random(options.seed ?? 7);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daily: DailyRow[] = [];
  const hourly: Record<string, HourPoint[]> = {};
  const outages: OutageRecord[] = [];
  const endpoints: EndpointFigures[] = [];

  for (let e = 0; e < count; e++) {
    const name = count <= NAMES.length ? NAMES[e] : `${NAMES[e % NAMES.length]} ${Math.floor(e / NAMES.length) + 1}`;
    const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const base = 120 + Math.floor(rand() * 500);
    // A newer endpoint has fewer days of history.
    const age = e === 3 ? 40 : 90;
    for (let d = age - 1; d >= 0; d--) {
      const date = new Date(today - d * 86_400_000).toISOString().slice(0, 10);
      const checks = d === 0 ? 121 : 288;
      const roll = rand();
      // The endpoint that is down now has today's down checks in its row too.
      const down = e === 1 && d === 0 ? 2 : roll < 0.04 ? Math.floor(rand() * 60) + 1 : roll < 0.12 ? 1 : 0;
      const maintenance = d === 20 && e === 0 ? 288 : 0;
      const slow = rand() < 0.1 ? Math.floor(rand() * 5) + 1 : 0;
      daily.push({
        date,
        id,
        checks: maintenance > 0 ? 0 : checks,
        up: maintenance > 0 ? 0 : checks - down - slow,
        degraded: maintenance > 0 ? 0 : slow,
        down: maintenance > 0 ? 0 : down,
        maintenance,
        p50: base,
        p95: base * 2,
        p99: base * 3,
      });
    }
    const last = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
    hourly[id] = Array.from({ length: 24 }, (_, i) => {
      const hour = new Date(last - (23 - i) * 3_600_000).toISOString();
      if (e === 1 && (i === 20 || i === 21)) return { hour, p50: null, p95: null };
      const wave = 1 + 0.35 * Math.sin((i / 24) * Math.PI * 2) + rand() * 0.2;
      return { hour, p50: Math.round(base * wave), p95: Math.round(base * wave * (1.6 + rand() * 0.8)) };
    });
    const status: CountedStatus = e === 1 ? 'down' : e === 2 ? 'degraded' : 'up';
    const start = new Date(now.getTime() - (e + 1) * 86_400_000 * 3.3);
    outages.push({
      id,
      start: start.toISOString(),
      end: new Date(start.getTime() + 420_000 * (e + 1)).toISOString(),
      seconds: 420 * (e + 1),
    });
    if (status === 'down') outages.push({ id, start: '2026-11-26T09:55:02.917Z', end: null, seconds: 602 });
    endpoints.push({
      id,
      name,
      url: `https://${id}.example.com/health?token=***`,
      status,
      since: status === 'down' ? '2026-11-26T09:55:02.917Z' : new Date(now.getTime() - (e + 2) * 3_700_000 * 9).toISOString(),
      incident: status === 'down' ? { number: 12, url: 'https://github.com/acme/status/issues/12' } : null,
      last: {
        time: now.toISOString(),
        status: status === 'up' ? 'up' : status,
        http: status === 'down' ? 503 : 200,
        total: base,
      },
      target: e === 2 ? 99.9 : 99,
      checks: { '24h': 288, '7d': 2016, '30d': 8640, '90d': age * 288 },
      uptime: {
        '24h': status === 'down' ? 96.527 : 100,
        '7d': 99.95,
        '30d': e === 2 ? 99.871 : 99.988,
        '90d': e === 3 ? 99.5 : 99.961,
      },
      responseTime: { '24h': { p50: base, p95: base * 2, p99: base * 3 }, '7d': { p50: base, p95: base * 2, p99: base * 3 } },
      downtime: { '24h': status === 'down' ? 602 : 0, '7d': 602, '30d': 1200, '90d': 3000 },
      errorBudget: { allowed: 25920, used: 1200, left: 0.953 },
      ...options.overrides?.[e],
    });
  }
  const worst: CountedStatus = endpoints.some((e) => e.status === 'down')
    ? 'down'
    : endpoints.some((e) => e.status === 'degraded')
      ? 'degraded'
      : 'up';
  const status: StatusFile = { version: 1, updatedAt: now.toISOString(), status: worst, endpoints };
  return {
    title: 'acme/status',
    updatedAt: now.toISOString(),
    status,
    daily,
    hourly,
    outages,
    showUrls: false,
    links: { repository: 'https://github.com/acme/status', run: 'https://github.com/acme/status/actions/runs/1' },
  };
}
