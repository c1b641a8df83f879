/** What the sinks make of a check of another kind than HTTP: the kind named, the URL without a
 * method or credentials, no HTTP status where there is none. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import net from 'node:net';
import type { ReportedEndpoint, Report } from '../../../src/check/types.js';
import { issueBody, recoveryComment } from '../../../src/incidents/text.js';
import { summaryMarkdown } from '../../../src/report/summary.js';
import { resultLine, terminalTable } from '../../../src/report/terminal.js';
import { escapeText } from '../../../src/text/markdown.js';
import { check, closedPort, endpointsOf, listen } from '../../support/kinds.js';

const PASSWORD = 'Pg-Pa55word-Secret';
let down: ReportedEndpoint;
let up: ReportedEndpoint;
let heartbeat: ReportedEndpoint;
let server: { port: number; close(): Promise<void> };
beforeAll(async () => {
  server = await listen(net.createServer((socket) => socket.end()));
  const refused = await closedPort();
  const [bad, good] = endpointsOf(
    [`- url: tcp://vigil:${PASSWORD}@127.0.0.1:${refused}\n  name: Database`, `- tcp://127.0.0.1:${server.port}`].join('\n'),
    { retries: '0' },
  );
  [down, up] = [await check(bad), await check(good)];
  // Judged with no reports read (no history here): down, and nothing was sent anywhere.
  heartbeat = await check(endpointsOf('- { heartbeat: nightly-backup, max-age: 25h }')[0]);
});
afterAll(() => server.close());

const report = (endpoints: ReportedEndpoint[]): Report => ({
  status: 'down',
  endpoints,
  counts: { up: 1, degraded: 0, down: 1 },
  notChecked: [],
  startedAt: new Date('2026-12-06T10:00:00Z'),
  durationMs: 12,
});

describe('sinks for other kinds', () => {
  test('the summary names the kind and shows the URL without method or credentials', () => {
    const summary = summaryMarkdown(report([down, up]));
    expect(summary).toContain(`- URL: \`tcp://***:***@127.0.0.1:${down.url.split(':').at(-1)}\``);
    expect(summary).toContain('- Check: tcp');
    expect(summary).not.toContain('HTTP status: no response');
    expect(summary).not.toContain(PASSWORD);
    // The answered tcp check is drawn in the response-time chart; the refused one is not.
    expect(summary).toContain(`"tcp 127.0.0.1:${server.port}"`);
  });

  test('the issue and the recovery comment say Check: tcp, never an HTTP status', () => {
    const body = issueBody(down, new Date('2026-12-06T10:00:00Z'), null);
    expect(body).toContain('| Check | tcp |');
    expect(body).not.toContain('HTTP status');
    expect(body).not.toContain(PASSWORD);
    const comment = recoveryComment(
      { ...up, name: 'Database' },
      new Date('2026-12-06T09:00:00Z'),
      new Date('2026-12-06T10:00:00Z'),
      null,
    );
    expect(comment).not.toContain('HTTP status');
    expect(comment).toContain('recovered');
  });

  test('the terminal table has no HTTP status and no credentials', () => {
    const table = terminalTable(report([down, up]), false);
    expect(table).toContain('connection refused');
    expect(table).not.toContain(PASSWORD);
  });
});

describe('phases a kind does not measure', () => {
  test('the summary shows them as "—"; a heartbeat, which sends no request, has no row and no bar', () => {
    expect(heartbeat.kind).toBe('heartbeat');
    expect(heartbeat.status).toBe('down');
    const summary = summaryMarkdown(report([up, heartbeat]));
    const table = summary.slice(summary.indexOf('| Endpoint | DNS |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    // TCP measures DNS and connect only.
    expect(rows).toEqual([
      `| ${escapeText(up.name)} | ${up.timings.dns} | ${up.timings.connect} | — | — | — | **${up.timings.total}** |`,
    ]);
    expect(summary).not.toContain('without a response');
    expect(summary).toContain(`"tcp 127.0.0.1:${server.port}"`);
    const axis = summary.split('\n').find((line) => line.includes('x-axis'));
    expect(axis).toContain(`"tcp 127.0.0.1:${server.port}"`);
    expect(axis).not.toContain('nightly-backup');
    // Its response time is no time either: "—" in the main table, where the TCP check has its own.
    const heartbeatRow = summary.split('\n').find((line) => line.startsWith('|') && line.includes('nightly-backup'))!;
    expect(heartbeatRow).toContain('| — |');
    expect(heartbeatRow).not.toMatch(/\b0 ms/);
    expect(summary).toContain(`${up.responseTime} ms / `);
    // Only a heartbeat: no phase table at all.
    expect(summaryMarkdown(report([heartbeat]))).not.toContain('| Endpoint | DNS |');
  });

  test("the issue shows the phases the check measured, and a heartbeat's none", () => {
    const tcp = issueBody(down, new Date('2026-12-06T10:00:00Z'), null);
    expect(tcp).toContain(`| Phases | DNS ${down.timings.dns} · connect ${down.timings.connect} ms |`);
    const body = issueBody(heartbeat, new Date('2026-12-06T10:00:00Z'), null);
    expect(body).toContain('| Check | heartbeat |');
    expect(body).not.toContain('| Phases |');
    expect(body).not.toContain('| Response time |');
    const comment = recoveryComment(
      { ...heartbeat, status: 'up', error: null },
      new Date('2026-12-06T09:00:00Z'),
      new Date('2026-12-06T10:00:00Z'),
      null,
    );
    expect(comment).toContain('recovered');
    expect(comment).not.toContain('Response time');
  });

  test('the terminal table shows "-" where the kind measures nothing', () => {
    const lines = terminalTable(report([up, heartbeat]), false).split('\n');
    const tcp = lines.find((line) => line.includes(up.name))!;
    expect(tcp.split(/\s{2,}/).slice(6, 11)).toEqual([String(up.timings.dns), String(up.timings.connect), '-', '-', '-']);
    const beat = lines.find((line) => line.includes('nightly-backup'))!;
    expect(beat.split(/\s{2,}/).slice(3, 11)).toEqual(['-', '-', '1', '-', '-', '-', '-', '-']);
    expect(resultLine(heartbeat, false)).not.toMatch(/\d ms/);
    expect(resultLine(up, false)).toContain(`${up.responseTime} ms`);
  });
});
