import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { checkAll } from '../src/check/run.js';
import type { Report } from '../src/check/types.js';
import { loadConfig } from '../src/config/inputs.js';
import { codeBlock, codeSpan, escapeText } from '../src/report/markdown.js';
import { outputsOf } from '../src/report/outputs.js';
import { redactText, redactUrl, secretsOfUrl } from '../src/report/redact.js';
import { summaryMarkdown } from '../src/report/summary.js';
import { terminalTable } from '../src/report/terminal.js';
import { behaviours, startServer, type Service } from './support/servers.js';

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
    expect(md).toContain('```mermaid\nxychart-beta');
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

  test('outputs hold exactly the SPEC fields, redacted', () => {
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

  test("a huge report stays under GitHub's 1 MiB summary limit", () => {
    const [down] = report.endpoints.filter((e) => e.status === 'down');
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...down,
      id: `e${i}`,
      name: `Endpoint ${i}`,
      bodyExcerpt: 'x'.repeat(2000),
    }));
    const md = summaryMarkdown({ ...report, endpoints: many, counts: { up: 0, degraded: 0, down: 3000 } });
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
    expect(md).toMatch(/cut to fit GitHub's size limit|and \d+ more down endpoints/);
    expect(md.split('\n')[0]).toBe('## 🔴 Vigil: 3000 of 3000 endpoints down');
  });

  test('terminal table lists each endpoint without colour when asked', () => {
    const table = terminalTable(report, false);
    expect(table).not.toContain('\u001b[');
    expect(table.split('\n')).toHaveLength(3 + 4);
    expect(table).toContain('$.database is "down", expected "ok"');
  });
});
