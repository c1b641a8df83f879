import { describe, expect, test } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { judge } from '../src/history/index.js';
import type { CheckedEndpoint, EndpointView } from '../src/history/types.js';
import { historyMarkdown } from '../src/report/history-summary.js';
import { outputsOf, rememberedOf } from '../src/report/outputs.js';
import type { Report } from '../src/check/types.js';

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
    const api = markdown.split('\n').find((line) => line.startsWith('| API'));
    expect(api).toContain('down — 2 of 3 before it counts');
    // Not counted as down yet, but every down check counts against the uptime, below the target.
    expect(api).toContain('**0 %** ⚠️');
    expect(api).toContain('99.9 %');
    expect([...(api ?? '').matchAll(/🟥|🟩|🟨|🟦|⬜/gu)]).toHaveLength(24);
    const web = markdown.split('\n').find((line) => line.startsWith('| Web'));
    expect(web).toContain('🟢 up');
    expect(web).toContain('| 100 % |');
  });

  test('a hostile endpoint name stays text: no link, mention, image or broken table', () => {
    const hostile = '@everyone | [click](https://evil.example) ![x](https://evil.example/x.png) <b>bold</b>';
    const markdown = historyMarkdown({ views: views(hostile), maintenance: new Map(), badges: null });
    const html = new MarkdownIt({ linkify: true }).render(markdown);
    expect(html).not.toMatch(/<a |<img |<b>/);
    expect(html).not.toContain('@everyone');
    // Every row still has the same number of cells as the head.
    const rows = markdown.split('\n').filter((line) => line.startsWith('|'));
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (const row of rows) expect(cells(row)).toBe(cells(rows[0]));
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
