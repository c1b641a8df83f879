/**
 * The status page as text: what it says, what it hides, and that nothing in it can fetch,
 * run or mark up anything it was not written to.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import type { DailyRow } from '../../../src/history/types.js';
import { dayBars, dayUptime, hourlySeries, lastDays, niceCeiling } from '../../../src/page/charts.js';
import { formatSeconds } from '../../../src/text/duration.js';
import { formatUptime } from '../../../src/page/format.js';
import { escapeHtml } from '../../../src/text/escape.js';
import { markup } from '../../../src/page/html.js';
import { COMPACT_FROM, renderEndpointPages, renderPage } from '../../../src/page/page.js';
import { pageFixture } from '../../support/page-fixture.js';

const KB = 1024;

/** Every attribute that could make a browser fetch something, except links people click. */
function fetchingReferences(page: string): string[] {
  const found: string[] = [];
  for (const match of page.matchAll(/<(\w+)\b[^>]*?\b(src|href|srcset|action|poster|data)\s*=\s*"([^"]*)"/g)) {
    const [, tag, , value] = match;
    if (tag === 'a') continue;
    if (tag === 'use' && value.startsWith('#')) continue;
    if (tag === 'link' && value === 'data:,') continue;
    found.push(match[0]);
  }
  if (/url\(|@import/i.test(page)) found.push('CSS url() or @import');
  return found;
}

function row(date: string, counts: Partial<DailyRow> = {}): DailyRow {
  return { date, id: 'x', checks: 288, up: 288, degraded: 0, down: 0, maintenance: 0, p50: 100, p95: 200, p99: 300, ...counts };
}

describe('escaping', () => {
  test('markup`` escapes every value, nested arrays too, and keeps its own markup', () => {
    const name = `<script>alert("x")</script>&'`;
    expect(markup`<b title="${name}">${[name, [name]]}</b>`.text).toBe(
      `<b title="${escapeHtml(name)}">${escapeHtml(name).repeat(2)}</b>`,
    );
    expect(escapeHtml(name)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });

  test('hostile names, titles and links become text; a javascript: issue link is not a link', () => {
    const evil = '<img src=x onerror=alert(1)><a href="https://evil.example">@everyone</a>';
    const input = pageFixture({
      endpoints: 2,
      overrides: [{ name: evil }, { name: 'API', incident: { number: 3, url: 'javascript:alert(1)' } }],
    });
    input.title = `</title><script>alert(1)</script>`;
    input.outages = [{ id: input.status.endpoints[0].id, start: '2026-11-26T09:00:00Z', end: null, seconds: 10 }];
    const page = renderPage(input);
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    // The one script is Vigil's own (the page's age), not the title.
    expect(page.match(/<script/gi)).toHaveLength(1);
    expect(page).not.toContain('javascript:');
    expect(page).toContain(escapeHtml(evil));
    expect(page).toContain('<span>Issue #3</span>');
    expect(fetchingReferences(page)).toEqual([]);
  });

  test('the page refers to nothing outside itself, and tells the browser so', () => {
    const page = renderPage(pageFixture({ endpoints: 5 }));
    expect(fetchingReferences(page)).toEqual([]);
    // The one inline script is allowed by its hash, and no other script is.
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
    expect(scripts).toHaveLength(1);
    expect(page.match(/<script/gi)).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]).digest('base64');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'">`,
    );
    expect(page).toContain('<link rel="icon" href="data:,">');
  });
});

describe('what the page shows', () => {
  test('URLs are hidden unless page-show-urls, then shown as given (redacted)', () => {
    const input = pageFixture({ endpoints: 2 });
    expect(renderPage(input)).not.toContain('example.com/health');
    input.showUrls = true;
    expect(renderPage(input)).toContain('<p class="url">https://home-page.example.com/health?token=***</p>');
  });

  test('the banner names the overall state in words', () => {
    const input = pageFixture({ endpoints: 3 });
    expect(renderPage(input)).toContain('<p class="big">Partial outage</p><p class="meta">1 of 3 endpoints down, 1 degraded</p>');
    for (const endpoint of input.status.endpoints) endpoint.status = 'down';
    expect(renderPage(input)).toContain('Major outage');
    for (const endpoint of input.status.endpoints) endpoint.status = 'up';
    input.status.status = 'up';
    expect(renderPage(input)).toContain('<p class="big">All systems operational</p><p class="meta">All 3 endpoints up</p>');
  });

  test('each status is an icon and a word, and says since when', () => {
    const page = renderPage(pageFixture({ endpoints: 2 }));
    expect(page).toContain(
      '<span class="st down"><svg aria-hidden="true" focusable="false"><use href="#i-down"/></svg>Down</span>',
    );
    expect(page).toContain('Down since <time datetime="2026-11-26T09:55:02.917Z">26 Nov 2026, 09:55 UTC</time> (10 min)');
  });

  test('the last check of a kind without an HTTP status says it answered, not "no response"', () => {
    const input = pageFixture({
      endpoints: 2,
      overrides: [
        { name: 'tcp db.internal:5432', last: { time: '2026-11-26T10:05:00Z', status: 'up', http: null, total: 12 } },
        { name: 'Queue', last: { time: '2026-11-26T10:05:00Z', status: 'down', http: null, total: 30 } },
      ],
    });
    const page = renderPage(input);
    expect(page).toContain('last check 10:05 UTC: answered in 12 ms');
    expect(page).toContain('last check 10:05 UTC: no response');
  });

  test('open incidents link to their issues', () => {
    const page = renderPage(pageFixture({ endpoints: 2 }));
    expect(page).toContain('<h2 id="h-incidents">Open incidents</h2>');
    expect(page).toContain('<a href="https://github.com/acme/status/issues/12">Issue #12</a>');
  });

  test('recent outages: newest first, with their length; an ongoing one says so', () => {
    const input = pageFixture({ endpoints: 1 });
    const id = input.status.endpoints[0].id;
    input.outages = [
      { id, start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T10:07:00.000Z', seconds: 420 },
      { id, start: '2026-11-26T09:05:04.101Z', end: null, seconds: 0 },
      { id: 'gone', start: '2026-11-22T10:00:00.000Z', end: '2026-11-22T13:05:00.000Z', seconds: 11100 },
    ];
    const items = [...renderPage(input).matchAll(/<ul class="plain outages">(.*?)<\/ul>/gs)][0][1].split('<li>').slice(1);
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('ongoing</span><span>so far 1 h</span>');
    expect(items[1]).toContain('<strong>gone</strong>');
    expect(items[1]).toContain('lasted 3 h 5 min');
    expect(items[2]).toContain('lasted 7 min');
  });

  test('a new data branch (no figures, no history yet) still makes a whole page', () => {
    const page = renderPage({
      title: 'acme/status',
      updatedAt: '2026-11-26T10:05:04.101Z',
      status: { version: 1, updatedAt: '2026-11-26T10:05:04.101Z', status: 'up', endpoints: [] },
      daily: [],
      hourly: {},
      outages: [],
      showUrls: false,
    });
    expect(page).toContain('<p class="meta">No endpoints yet</p>');
    expect(page).toContain('No outages recorded.');
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  test('an endpoint in maintenance says so in the banner and on its card', () => {
    const input = pageFixture({ endpoints: 1, overrides: [{ status: 'maintenance' }] });
    input.status.status = 'maintenance';
    const page = renderPage(input);
    expect(page).toContain('<p class="big">Under maintenance</p><p class="meta">1 in maintenance</p>');
    expect(page).toContain('<use href="#i-maintenance"/></svg>Maintenance</span>');
  });

  test('the last update is shown', () => {
    // The absolute time, as a page without JavaScript shows it; the script makes it relative.
    expect(renderPage(pageFixture())).toContain(
      'Updated <time id="updated" datetime="2026-11-26T10:05:04.101Z" data-stale-after="1800">26 Nov 2026, 10:05 UTC</time>',
    );
  });

  test('says how regularly the monitor ran, and when its page counts as stale', () => {
    const input = pageFixture();
    input.status.monitor = { every: 900, lastRun: input.updatedAt, runs24h: 90, coverage24h: 93, longestGap24h: 47 * 60 + 20 };
    const page = renderPage(input);
    expect(page).toContain('UTC</time> · checks ran on time 93 % of the last 24 h; longest gap 47 min</p>');
    // Three intervals of 15 min: 45 min. An interval of 5 min still waits the least, 30 min.
    expect(page).toContain('data-stale-after="2700"');
    input.status.monitor = { ...input.status.monitor, every: 300 };
    expect(renderPage(input)).toContain('data-stale-after="1800"');
    // The banner's place is there but hidden: without JavaScript nothing can tell the page's age.
    expect(page).toContain('<p id="stale" class="stale" role="alert" hidden></p>');
  });

  test('an uptime below target is marked in words too, not only in red', () => {
    const page = renderPage(pageFixture({ endpoints: 3 }));
    expect(page).toContain('<dd class="below">99.87%<span class="vh"> (below the 99.9% target)</span></dd>');
  });
});

describe('90-day bars', () => {
  const now = new Date('2026-11-26T10:05:00Z');

  test('one bar per UTC day, oldest first, ending today; days without rows say "no data"', () => {
    const rows = new Map([['2026-11-26', row('2026-11-26')]]);
    const days = lastDays(rows, now, 99);
    expect(days).toHaveLength(90);
    expect(days[89].text).toBe('26 Nov: 100%');
    expect(days[0].date.toISOString().slice(0, 10)).toBe('2026-08-29');
    expect(days[0]).toMatchObject({ level: 'none', text: '29 Aug: no data' });
    const markup = dayBars(days, 'Uptime by day').text;
    expect(markup.match(/<li/g)).toHaveLength(90);
    expect(markup).toContain('<li class=none><i>29 Aug: no data</i>');
  });

  test('a bar is coloured and sized by the day`s uptime against the target, and its text says why', () => {
    const days = new Map(
      [
        row('2026-11-22', { down: 1, up: 287 }),
        row('2026-11-23', { down: 10, up: 278 }),
        row('2026-11-24', { down: 100, up: 188 }),
        row('2026-11-25', { checks: 0, up: 0, maintenance: 288 }),
        row('2026-11-26', { degraded: 3, up: 285 }),
      ].map((r) => [r.date, r]),
    );
    const last = lastDays(days, now, 99).slice(-5);
    expect(last.map((d) => d.level)).toEqual(['minor', 'major', 'bad', 'maint', 'ok']);
    expect(last.map((d) => d.text)).toEqual([
      '22 Nov: 99.65%, 1 of 288 checks down',
      '23 Nov: 96.52%, 10 of 288 checks down',
      '24 Nov: 65.27%, 100 of 288 checks down',
      '25 Nov: maintenance',
      '26 Nov: 100%, 3 slow',
    ]);
  });

  test('day uptime leaves maintenance out and is floored, so one bad check in 10,000 is not 100%', () => {
    expect(dayUptime(row('d', { checks: 10000, down: 1, maintenance: 50 }))).toBe(99.99);
    expect(formatUptime(99.9999)).toBe('99.99%');
    expect(formatUptime(100)).toBe('100%');
    expect(formatUptime(null)).toBe('no data');
  });
});

describe('24-hour response-time chart', () => {
  const now = new Date('2026-11-26T10:05:00Z');

  test('places points by their hour; missing hours are gaps; the description says what it shows', () => {
    const series = hourlySeries(
      [
        { hour: '2026-11-26T10:00:00.000Z', p50: 100, p95: 300 },
        { hour: '2026-11-26T08:00:00.000Z', p50: 200, p95: 880 },
        { hour: '2026-11-25T11:00:00.000Z', p50: 150, p95: 400 },
        { hour: '2026-11-25T10:00:00.000Z', p50: 1, p95: 1 }, // 24 hours before the last hour: outside
      ],
      now,
    );
    expect(series.hours[23].toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(series.p95[23]).toBe(300);
    expect(series.p95[21]).toBe(880);
    expect(series.p95[0]).toBe(400);
    expect(series.p95.filter((v) => v !== null)).toHaveLength(3);
    const input = pageFixture({ endpoints: 1 });
    input.hourly = { [input.status.endpoints[0].id]: [{ hour: '2026-11-26T08:00:00.000Z', p50: 200, p95: 880 }] };
    const page = renderPage(input);
    expect(page).toContain(
      'By hour over the last 24 hours: p50 from 200 ms to 200 ms, p95 from 880 ms to 880 ms; the slowest hour was 08:00 UTC (p95 880 ms). No data for 23 hours.',
    );
    expect(page).toContain('<title id="rt-home-paget">Response time of Home page, last 24 hours</title>');
  });

  test('the axis tops at a round figure', () => {
    expect([1, 88, 880, 1234, 4100].map(niceCeiling)).toEqual([1, 100, 1000, 2000, 5000]);
  });
});

describe('size', () => {
  test('50 endpoints with 90 days of history make a page under 300 KB', () => {
    const page = renderPage(pageFixture({ endpoints: 50 }));
    expect(page.match(/<article /g)).toHaveLength(50);
    expect(Buffer.byteLength(page)).toBeLessThan(300 * KB);
  });

  test('300 endpoints with 90 days each: index.html stays within 2 MiB for 1,500, and every card is one link away', () => {
    const count = 300;
    const hostile = '<img src="https://evil.example/x.png">Evil & co';
    const input = { ...pageFixture({ endpoints: count, overrides: [{ name: hostile }] }), endpointPages: true };
    const page = renderPage(input);
    // 2 MiB at 1,500 endpoints is about 1.4 KB an endpoint, whatever the number of days kept.
    expect(Buffer.byteLength(page)).toBeLessThan((count * 2 * 1024 * KB) / 1500);
    expect(page.match(/<article /g)).toBeNull();
    const pages = renderEndpointPages(input);
    expect([...pages.keys()]).toEqual([1, 2, 3, 4, 5, 6].map((n) => `endpoints/${n}.html`));
    const links = [...page.matchAll(/<h3><a href="([^"#]+)#([^"]+)">([^<]+)<\/a><\/h3>/g)];
    expect(links).toHaveLength(count);
    // What a card says in words is on the row too: status, since, uptime over each window.
    const down = input.status.endpoints[1];
    expect(page).toContain(`<a href="endpoints/1.html#ep-${down.id}">${down.name}</a>`);
    expect(page).toMatch(
      /Down since <time[^>]*>26 Nov 2026, 09:55 UTC<\/time> \(10 min\) · <a href="https:\/\/github.com\/acme\/status\/issues\/12">issue #12<\/a> · uptime \(target 99%\) 24 h <b class="below">96.52%<span class="vh"> \(below the target\)<\/span><\/b> · 7 d 99.95% · 30 d 99.98% · 90 d 99.96%/,
    );
    // Every link opens a page that has that endpoint's card, at the card.
    for (const [, file, anchor, name] of links) {
      expect(pages.get(file)).toContain(`<h3 id="${anchor}">${name}</h3>`);
    }
    // The cards are whole: 90 day bars and the 24-hour chart each, and the page leads back.
    const last = pages.get('endpoints/6.html')!;
    expect(last).toContain('<h1>acme/status: endpoints 251–300 of 300</h1>');
    expect(last.match(/<article /g)).toHaveLength(50);
    for (const bars of last.match(/<ol class="bars"[\s\S]*?<\/ol>/g)!) expect(bars.match(/<li/g)).toHaveLength(90);
    expect(last.match(/<svg class="rt"/g)).toHaveLength(50);
    expect(last).toContain('<a href="../index.html">← acme/status</a>');
    for (const own of pages.values()) expect(fetchingReferences(own)).toEqual([]);
    // A name is text on the rows and on the cards alike.
    expect(page).toContain(`>${escapeHtml(hostile)}</a></h3>`);
    expect(pages.get('endpoints/1.html')).toContain(`>${escapeHtml(hostile)}</h3>`);
    expect(fetchingReferences(page)).toEqual([]);
  });

  test(`up to ${COMPACT_FROM} endpoints, or when endpoint pages are not written, index.html has every card`, () => {
    const few = { ...pageFixture({ endpoints: COMPACT_FROM }), endpointPages: true };
    expect(renderPage(few).match(/<article /g)).toHaveLength(COMPACT_FROM);
    expect(renderEndpointPages(few).size).toBe(0);
    const many = pageFixture({ endpoints: COMPACT_FROM + 1 });
    expect(renderPage(many).match(/<article /g)).toHaveLength(COMPACT_FROM + 1);
    expect(renderEndpointPages(many).size).toBe(0);
  });

  test('lengths read as people say them', () => {
    expect([45, 600, 3600, 11100, 90000, 86400 * 3].map(formatSeconds)).toEqual([
      '45 s',
      '10 min',
      '1 h',
      '3 h 5 min',
      '1 d 1 h',
      '3 d',
    ]);
  });
});
