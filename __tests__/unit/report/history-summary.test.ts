import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import type { Browser } from 'playwright-core';
import { browserMissing, launch, openPage } from '../../support/browser.js';
import { judge } from '../../../src/history/index.js';
import type { CheckedEndpoint, EndpointView } from '../../../src/history/types.js';
import { historyMarkdown } from '../../../src/report/history-summary.js';
import { outputsOf, rememberedOf } from '../../../src/report/outputs.js';
import type { Report } from '../../../src/check/types.js';

const NOW = new Date('2026-11-26T10:05:00.000Z');

function check(id: string, name: string, status: CheckedEndpoint['status'], at: Date): CheckedEndpoint {
  return {
    id,
    name,
    url: `https://example.com/${id}`,
    status,
    inMaintenance: false,
    httpStatus: status === 'down' ? 503 : 200,
    timings: { dns: 1, connect: 2, tls: 3, wait: 40, download: 4, total: 50 },
    attempts: 1,
    error: status === 'down' ? 'status 503 is not in 200-299' : null,
    failures: [],
    checkedAt: at.toISOString(),
  };
}

/** Two runs five minutes apart: `api` down in both (threshold 3, so pending), `web` up. */
function views(name = 'API'): EndpointView[] {
  const endpoints = [
    { id: 'api', name, url: 'https://example.com/api', target: 99.9, failureThreshold: 3, successThreshold: 1 },
    { id: 'web', name: 'Web', url: 'https://example.com/web', target: 99, failureThreshold: 1, successThreshold: 1 },
  ];
  const base = { endpoints, workflow: null, configuredIds: ['api', 'web'], historyDays: 30 };
  const earlier = new Date(NOW.getTime() - 5 * 60_000);
  const first = judge({
    ...base,
    files: new Map(),
    checks: [check('api', name, 'down', earlier), check('web', 'Web', 'up', earlier)],
    now: earlier,
  });
  const files = new Map<string, string>();
  for (const [path, text] of first.changes) if (text !== null) files.set(path, text);
  return judge({ ...base, files, checks: [check('api', name, 'down', NOW), check('web', 'Web', 'up', NOW)], now: NOW }).endpoints;
}

describe('the summary of the history', () => {
  test('shows the counted state with what is pending, uptime against the target and 24 hourly squares', () => {
    const markdown = historyMarkdown({ views: views(), maintenance: new Map(), badges: null });
    const [api, apiHours] = markdown.split('\n').filter((line) => line.startsWith('| API'));
    expect(api).toContain('🟢 up ⏳');
    expect(markdown).toContain('⏳ API: down — 2 of 3 before it counts.');
    // Not counted as down yet, but every down check counts against the uptime, below the target.
    expect(api).toContain('**0\u00a0%** ⚠️');
    expect(api).toContain('99.9\u00a0%');
    // The hourly squares have a table of their own, so neither table is too wide for the summary.
    expect([...api.matchAll(/🟥|🟩|🟨|🟦|⬜/gu)]).toHaveLength(0);
    expect([...apiHours.matchAll(/🟥|🟩|🟨|🟦|⬜/gu)]).toHaveLength(24);
    const web = markdown.split('\n').find((line) => line.startsWith('| Web'));
    expect(web).toContain('🟢 up');
    expect(web).toContain('| 100\u00a0% |');
  });

  test('a hostile endpoint name stays text: no link, mention, image or broken table', () => {
    const hostile = '@everyone | [click](https://evil.example) ![x](https://evil.example/x.png) <b>bold</b>';
    const markdown = historyMarkdown({ views: views(hostile), maintenance: new Map(), badges: null });
    const html = new MarkdownIt({ linkify: true }).render(markdown);
    expect(html).not.toMatch(/<a |<img |<b>/);
    expect(html).not.toContain('@everyone');
    // Every row of each table still has the same number of cells as its head.
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (const table of markdown.split('\n\n').filter((part) => part.startsWith('|'))) {
      const rows = table.split('\n').filter((line) => line.startsWith('|'));
      expect(rows.length).toBeGreaterThan(2);
      for (const row of rows) expect(cells(row)).toBe(cells(rows[0]));
    }
  });

  test('maintenance is said in words, and badge Markdown is shown as code to copy', () => {
    const markdown = historyMarkdown({
      views: views(),
      maintenance: new Map([['api', '🔧 maintenance until 03:30 (Europe/Moscow)']]),
      badges: '[![API status](https://acme.github.io/shop/badges/api/status.svg)](https://acme.github.io/shop/)',
    });
    expect(markdown).toContain('🔧 maintenance until 03:30 \\(Europe/Moscow\\)');
    const html = new MarkdownIt().render(markdown);
    expect(html).toContain('<code class="language-markdown">[![API status]');
    expect(html).not.toMatch(/<img /);
  });
});

describe('the error budget', () => {
  test('is time the target still allows, never a percentage beside a contradicting uptime', () => {
    const markdown = historyMarkdown({ views: views(), maintenance: new Map(), badges: null });
    const [head] = markdown.split('\n').filter((line) => line.startsWith('| Endpoint'));
    expect(head).toContain('Downtime left');
    expect(head).not.toContain('Error budget');
    const api = markdown.split('\n').find((line) => line.startsWith('| API'))!;
    // 99.9 % of 30 days allows 43 minutes; the 5 minutes of the outage so far are spent.
    expect(api.split('|').at(-2)?.trim()).toBe('38 of 43\u00a0min');
    const web = markdown.split('\n').find((line) => line.startsWith('| Web'))!;
    expect(web.split('|').at(-2)?.trim()).toBe('7.2 of 7.2\u00a0h');
  });
});

const missing = browserMissing();
describe("the summary in a browser at the width of GitHub's summary", () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!missing) browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('no cell of the History tables wraps at 1000 px', async () => {
    if (missing) throw new Error(missing);
    const long = 'Payments API (EU, primary)';
    const markdown = historyMarkdown({
      views: views(long),
      maintenance: new Map(),
      badges: null,
    });
    // GitHub's Markdown look, as far as widths go: its font stack, 14 px, cells padded 6 × 13 px.
    const style = `body { margin: 0; } .markdown-body { width: 1000px; box-sizing: border-box; padding: 0 16px;
      font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
      table { border-collapse: collapse; display: block; max-width: 100%; overflow: auto; }
      th, td { padding: 6px 13px; border: 1px solid #d0d7de; }`;
    const html = `<!doctype html><meta charset="utf-8"><style>${style}</style><div class="markdown-body">${new MarkdownIt().render(markdown)}</div>`;
    const opened = await openPage(browser, html, { width: 1000, colorScheme: 'light' });
    try {
      const measured = await opened.page.evaluate(() => {
        // A row is as tall as its tallest cell, so count each cell's own lines of text: the
        // distinct heights its text boxes sit at.
        const line = parseFloat(getComputedStyle(document.querySelector('td')!).lineHeight);
        const cells = [...document.querySelectorAll('th, td')].map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          const tops = [...range.getClientRects()].map((rect) => rect.top).sort((a, b) => a - b);
          const lines = tops.filter((top, index) => index === 0 || top - tops[index - 1] > line / 2).length;
          return { text: cell.textContent ?? '', lines };
        });
        const tables = [...document.querySelectorAll('table')].map((table) => table.scrollWidth);
        return { cells, tables };
      });
      expect(measured.cells.filter((cell) => cell.lines > 1)).toEqual([]);
      for (const width of measured.tables) expect(width).toBeLessThanOrEqual(1000 - 32);
    } finally {
      await opened.close();
    }
  });
});

describe('results with history', () => {
  test('each result carries its counted state, since, uptime and p95; history-commit names the push', () => {
    const judged = views();
    const report = {
      status: 'down',
      counts: { up: 1, degraded: 0, down: 1 },
      startedAt: NOW,
      durationMs: 10,
      endpoints: judged.map((view) => ({ ...check(view.id, view.figures.name, view.id === 'api' ? 'down' : 'up', NOW) })),
    } as unknown as Report;
    const remembered = new Map(judged.map((view) => [view.id, rememberedOf(view)]));
    const outputs = outputsOf(report, { opened: [], closed: [] }, { commit: 'abc123', remembered });
    const results = JSON.parse(outputs.results);
    expect(results[0]).toMatchObject({ id: 'api', status: 'down', state: 'up', since: null, p95: null });
    expect(results[0].uptime).toEqual({ '24h': 0, '7d': 0, '30d': 0 });
    expect(results[1]).toMatchObject({ id: 'web', state: 'up', p95: 50, uptime: { '24h': 100, '7d': 100, '30d': 100 } });
    expect(outputs['history-commit']).toBe('abc123');
    expect(outputsOf(report)['history-commit']).toBe('');
    expect(JSON.parse(outputsOf(report).results)[0]).not.toHaveProperty('state');
  });
});

describe('the summary says how regularly the monitor ran', () => {
  test('"checks ran on time 93 % of the last 24 h; longest gap 47 min", in the page\'s words for lengths', () => {
    const monitor = { every: 300, lastRun: NOW.toISOString(), runs24h: 270, coverage24h: 93, longestGap24h: 47 * 60 + 20 };
    const markdown = historyMarkdown({ views: views(), maintenance: new Map(), badges: null, monitor });
    expect(markdown).toContain('🕒 Monitor: checks ran on time 93 % of the last 24 h; longest gap 47 min.');
    // Said once, right under the heading, before the tables.
    expect(markdown.indexOf('🕒 Monitor')).toBeLessThan(markdown.indexOf('| Endpoint'));
  });

  test('with one run there is nothing to be on time against, and it says so', () => {
    const monitor = { every: null, lastRun: NOW.toISOString(), runs24h: 1, coverage24h: null, longestGap24h: 0 };
    const markdown = historyMarkdown({ views: views(), maintenance: new Map(), badges: null, monitor });
    expect(markdown).toContain('🕒 Monitor: checks ran once in the last 24 h, too few to tell how regularly; longest gap 0 s.');
  });

  test('without monitor figures (no history) the line is left out', () => {
    expect(historyMarkdown({ views: views(), maintenance: new Map(), badges: null })).not.toContain('Monitor');
  });
});
