import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { checkAll } from '../../../src/check/run.js';
import type { Report, ReportedEndpoint } from '../../../src/check/types.js';
import { loadConfig } from '../../../src/config/inputs.js';
import { codeBlock, codeSpan, escapeText } from '../../../src/text/markdown.js';
import { outputsOf } from '../../../src/report/outputs.js';
import { redactText, redactUrl, secretsOfUrl } from '../../../src/text/redact.js';
import { summaryMarkdown } from '../../../src/report/summary.js';
import { terminalTable } from '../../../src/report/terminal.js';
import { behaviours, startServer, type Service } from '../../support/servers.js';

// GitHub-flavoured rendering: tables, and bare URLs turned into links.
const markdown = new MarkdownIt({ html: true, linkify: true });

/** The HTML outside <code> and <pre> elements: what could render as markup. */
function outsideCode(html: string): string {
  return html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
}

describe('markdown escaping', () => {
  const nasty = 'a ``` b ~~~~ c `` d | e @octocat <img src=x> https://evil.example';

  test('a code span is fenced longer than any run of backticks inside', () => {
    const span = codeSpan(nasty);
    expect(span.startsWith('```')).toBe(true);
    const html = markdown.renderInline(span);
    expect(html).toBe(`<code>${markdown.utils.escapeHtml(nasty)}</code>`);
  });

  test('a fenced block is fenced longer than any run of backticks or tildes', () => {
    const block = codeBlock(`${nasty}\n\`\`\`\`\`\nend`);
    expect(block.split('\n')[0]).toBe('``````text');
    const html = markdown.render(block);
    expect(outsideCode(html).trim()).toBe('');
    expect(html).toContain('end');
  });

  test('in a table cell a pipe cannot split the cell', () => {
    const table = `| a | b |\n| - | - |\n| ${codeSpan('x | y', { inTable: true })} | z |`;
    const html = markdown.render(table);
    expect(html).toContain('<code>x | y</code>');
    expect(html.match(/<td>/g)).toHaveLength(2);
  });

  test('user text is escaped and cannot mention', () => {
    const html = markdown.renderInline(escapeText('**bold** [x](y) @team <b>'));
    expect(html).not.toMatch(/<strong>|<a |<b>/);
    expect(html).toContain('@\u200bteam');
  });
});

describe('redaction', () => {
  test('credentials and secret-looking query values are masked', () => {
    expect(redactUrl('https://user:pa55@api.example/h?token=abc&page=2&api_key=k1')).toBe(
      'https://***:***@api.example/h?token=***&page=2&api_key=***',
    );
    expect(secretsOfUrl('https://user:pa%2055@x.example/?sig=zz')).toEqual(expect.arrayContaining(['pa%2055', 'pa 55', 'zz']));
    expect(redactUrl('https://hc.example/ping/uuid-secret-1', ['uuid-secret-1'])).toBe('https://hc.example/ping/***');
    expect(redactText('Bearer abc.def and abc.def', ['abc.def'])).toBe('Bearer *** and ***');
  });
});

describe('summary', () => {
  let service: Service;
  let report: Report;
  beforeAll(async () => {
    service = await startServer(behaviours);
    const yaml = [
      `- { name: Home, url: "${service.url}/ok" }`,
      `- { name: "Hostile <b>API</b> @admins", url: "${service.url}/hostile?token=tok-SECRET-1", headers: { Authorization: "Bearer hdr-SECRET-2" } }`,
      `- { name: Slow, url: "${service.url}/delay-headers/40", max-response-time: 10ms }`,
      `- { name: Health, url: "${service.url}/json/broken", json: { database: ok } }`,
    ].join('\n');
    const config = loadConfig((name) => (name === 'endpoints' ? yaml : name === 'retries' ? '0' : ''), {
      env: {},
      workspace: '.',
    });
    report = await checkAll(config.endpoints, { concurrency: 4 });
  });
  afterAll(() => service.close());

  test('heading, worst first, thresholds, chart and phases', () => {
    const md = summaryMarkdown(report, { runUrl: 'https://github.example/acme/shop/actions/runs/1' });
    expect(md.split('\n')[0]).toBe('## 🔴 Vigil: 2 of 4 endpoints down, 1 degraded');
    const rows = md.split('\n').filter((line) => /^\| (🔴|🟡|🟢)/.test(line));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| 🔴 down', '| 🔴 down', '| 🟡 degraded', '| 🟢 up']);
    expect(md).toContain('/ 10 ms');
    expect(md).toContain('```mermaid\nxychart-beta horizontal');
    expect(md).toMatch(/\| Home \| 0 \| \d+ \| 0 \| \d+ \| \d+ \| \*\*\d+\*\* \|/);
    expect(md).toContain('`$.database is "down", expected "ok"`');
  });

  test('response text never renders as markup, and secrets never appear', () => {
    const md = summaryMarkdown(report);
    expect(md).not.toContain('tok-SECRET-1');
    expect(md).not.toContain('hdr-SECRET-2');
    expect(md).toContain('token=***');
    const html = outsideCode(markdown.render(md));
    expect(html).not.toMatch(/<img|<script|<b>|<\/details><script/);
    expect(html).not.toContain('evil.example');
    expect(html).not.toMatch(/@octocat|@github|@admins/);
  });

  test('outputs hold exactly the documented fields, redacted', () => {
    const outputs = outputsOf(report);
    expect(outputs.status).toBe('down');
    expect([outputs['up-count'], outputs['degraded-count'], outputs['down-count']]).toEqual(['1', '1', '2']);
    expect(JSON.parse(outputs['down-endpoints'])).toEqual(['Hostile <b>API</b> @admins', 'Health']);
    const results = JSON.parse(outputs.results) as Array<Record<string, unknown>>;
    expect(Object.keys(results[0])).toEqual([
      'id',
      'name',
      'url',
      'status',
      'httpStatus',
      'responseTime',
      'attempts',
      'timings',
      'error',
      'failures',
      'certExpiresInDays',
      'redirects',
      'checkedAt',
    ]);
    expect(outputs.results).not.toContain('SECRET');
  });

  test("a report too big for GitHub's 1 MiB limit is cut at whole rows, worst first, and says so", () => {
    const [down] = report.endpoints.filter((e) => e.status === 'down');
    const [up] = report.endpoints.filter((e) => e.status === 'up');
    const many = Array.from({ length: 6000 }, (_, i) => ({
      ...(i % 2 ? up : down),
      id: `e${i}`,
      name: `Endpoint ${i} of the shop, with a long and descriptive name`,
      failures: i % 2 ? [] : [`$.database is "${'d'.repeat(150)}", expected "ok"`],
      bodyExcerpt: 'x'.repeat(2000),
    }));
    const big: Report = { ...report, status: 'down', endpoints: many, counts: { up: 3000, degraded: 0, down: 3000 } };
    // The fixture really is over the limit when nothing is cut.
    expect(Buffer.byteLength(summaryMarkdown(big, { limitBytes: Infinity }))).toBeGreaterThan(1024 * 1024);

    const md = summaryMarkdown(big);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1024 * 1024);
    expect(md.split('\n')[0]).toBe('## 🔴 Vigil: 3000 of 6000 endpoints down');
    const left = Number(/(\d+) more endpoints are not in the table/.exec(md)?.[1]);
    const rows = md.split('\n').filter((line) => /^\| (🔴|🟡|🟢)/.test(line));
    expect(rows.length + left).toBe(6000);
    // Worst first: every down endpoint comes before any up one.
    expect(rows[0]).toMatch(/^\| 🔴 down/);
    expect(md).toContain('Every result is in the `results` output.');
    // Nothing is cut open: the rendered page has no stray fence or table fragment.
    const html = markdown.render(md);
    expect(html.match(/<tr>/g)?.length).toBe(rows.length + 1);
    expect(outsideCode(html)).not.toContain('```');
  });

  test('terminal table lists each endpoint without colour when asked', () => {
    const table = terminalTable(report, false);
    expect(table).not.toContain('\u001b[');
    expect(table.split('\n')).toHaveLength(3 + 4);
    expect(table).toContain('$.database is "down", expected "ok"');
  });
});

describe('response-time chart', () => {
  const base: ReportedEndpoint = {
    id: 'x',
    name: 'x',
    url: 'http://127.0.0.1/',
    status: 'up',
    httpStatus: 200,
    responseTime: 100,
    attempts: 1,
    timings: { dns: 0, connect: 1, tls: 0, wait: 98, download: 1, total: 100 },
    error: null,
    failures: [],
    certExpiresInDays: null,
    redirects: 0,
    checkedAt: '2026-11-26T10:00:00.000Z',
    method: 'GET',
    maxResponseTime: 3000,
    statusText: 'OK',
    note: null,
    bodyExcerpt: null,
  };
  const endpoint = (name: string, fields: Partial<ReportedEndpoint> = {}): ReportedEndpoint => ({
    ...base,
    id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    name,
    ...fields,
  });
  const reportOf = (endpoints: ReportedEndpoint[]): Report => ({
    status: endpoints.some((e) => e.status === 'down') ? 'down' : 'up',
    endpoints,
    counts: {
      up: endpoints.filter((e) => e.status === 'up').length,
      degraded: endpoints.filter((e) => e.status === 'degraded').length,
      down: endpoints.filter((e) => e.status === 'down').length,
    },
    notChecked: [],
    startedAt: new Date('2026-11-26T10:00:00Z'),
    durationMs: 500,
  });
  const chartOf = (md: string) => /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1] ?? null;
  const labels = (chart: string) => [...(/x-axis \[(.*)\]/.exec(chart)?.[1] ?? '').matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  const bars = (chart: string) => (/bar \[(.*)\]/.exec(chart)?.[1] ?? '').split(', ').map(Number);

  test('only endpoints that answered, in the order of the table, by name', () => {
    const md = summaryMarkdown(
      reportOf([
        endpoint('Home', { responseTime: 120 }),
        endpoint('Payments API', { status: 'down', httpStatus: null, responseTime: 1, error: 'connection refused' }),
        endpoint('Search', { status: 'down', httpStatus: 503, responseTime: 800, failures: ['status 503 is not in 200-299'] }),
        endpoint('Admin', { status: 'degraded', responseTime: 3500 }),
      ]),
    );
    const chart = chartOf(md)!;
    // A refused endpoint's 1 ms is not a response time: it is left out, and the caption says so.
    expect(labels(chart)).toEqual(['Search', 'Admin', 'Home']);
    expect(bars(chart)).toEqual([800, 3500, 120]);
    expect(md).toContain('1 endpoint without a response is left out.');
    // The table reads in the same order.
    const rows = md.split('\n').filter((line) => /^\| (🔴|🟡|🟢)/.test(line));
    expect(rows.map((row) => /\[([^\]]+)\]/.exec(row)?.[1])).toEqual(['Payments API', 'Search', 'Admin', 'Home']);
  });

  test('one threshold line only when every endpoint shares it; otherwise the limits are in the table', () => {
    const shared = chartOf(summaryMarkdown(reportOf([endpoint('A'), endpoint('B', { responseTime: 400 })])))!;
    expect(shared).toContain('line [3000, 3000]');
    const mixedMd = summaryMarkdown(reportOf([endpoint('A'), endpoint('B', { maxResponseTime: 500 })]));
    expect(chartOf(mixedMd)).not.toContain('line');
    expect(mixedMd).toContain('Their limits differ: each is in the table.');
  });

  test('beyond 15 endpoints the 15 slowest are drawn, and the caption says so', () => {
    const md = summaryMarkdown(
      reportOf(Array.from({ length: 25 }, (_, i) => endpoint(`Service ${i}`, { responseTime: 100 + i }))),
    );
    const drawn = bars(chartOf(md)!);
    expect(drawn).toHaveLength(15);
    expect(Math.min(...drawn)).toBe(110);
    expect(md).toContain('The 15 slowest of the 25 endpoints that answered.');
  });

  test('no chart when nothing answered', () => {
    const md = summaryMarkdown(
      reportOf([endpoint('A', { status: 'down', httpStatus: null, responseTime: 2, error: 'timed out' })]),
    );
    expect(md).not.toContain('mermaid');
  });

  test('a name cannot break out of its label, the chart or the fence', () => {
    const md = summaryMarkdown(reportOf([endpoint('Shop "quoted" ```] [x] #1; 100%'), endpoint('B')]));
    const chart = chartOf(md)!;
    expect(labels(chart)).toEqual(['Shop quoted x 1 100', 'B']);
    expect(chart.split('\n')).toHaveLength(6);
    // Rendered, the chart is one code block holding all of it.
    const block = /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/.exec(markdown.render(md))?.[1];
    expect(block).toContain('bar [100, 100]');
  });
});
