/** What the sinks make of a check of another kind than HTTP: the kind named, the URL without a
 * method or credentials, no HTTP status where there is none. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import net from 'node:net';
import type { ReportedEndpoint, Report } from '../../../src/check/types.js';
import { issueBody, recoveryComment } from '../../../src/incidents/text.js';
import { summaryMarkdown } from '../../../src/report/summary.js';
import { terminalTable } from '../../../src/report/terminal.js';
import { check, closedPort, endpointsOf, listen } from '../../support/kinds.js';

const PASSWORD = 'Pg-Pa55word-Secret';
let down: ReportedEndpoint;
let up: ReportedEndpoint;
let server: { port: number; close(): Promise<void> };
beforeAll(async () => {
  server = await listen(net.createServer((socket) => socket.end()));
  const refused = await closedPort();
  const [bad, good] = endpointsOf(
    [`- url: tcp://vigil:${PASSWORD}@127.0.0.1:${refused}\n  name: Database`, `- tcp://127.0.0.1:${server.port}`].join('\n'),
    { retries: '0' },
  );
  [down, up] = [await check(bad), await check(good)];
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
