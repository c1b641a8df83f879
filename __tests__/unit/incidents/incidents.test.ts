/**
 * The incident lifecycle against a loopback fake of GitHub's REST API: in process through the
 * real Octokit client (with instant backoff), and end to end through dist/index.js.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import type { Report, ReportedEndpoint, Status } from '../../../src/check/types.js';
import { octokitClient, type IncidentClient } from '../../../src/incidents/client.js';
import { reconcileIncidents } from '../../../src/incidents/lifecycle.js';
import { GITHUB_BODY_LIMIT, issueBody, markersOf, withMarkers, workflowPathOf } from '../../../src/incidents/text.js';
import { results, runAction } from '../../support/action.js';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github.js';
import { behaviours, closedPort, startServer, type Service } from '../../support/servers.js';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
});
afterEach(() => github.close());

const instant = { sleep: async () => undefined };
const client = (): IncidentClient =>
  octokitClient({ token: 'test-token', repository: github.repository, apiUrl: github.url, retry: instant });

function endpoint(id: string, status: Status, extra: Partial<ReportedEndpoint> = {}): ReportedEndpoint {
  return {
    id,
    name: id.toUpperCase(),
    url: `https://${id}.example/health`,
    status,
    httpStatus: status === 'down' ? 503 : 200,
    responseTime: 120,
    attempts: status === 'down' ? 3 : 1,
    timings: { dns: 1, connect: 2, tls: 3, wait: 100, download: 14, total: 120 },
    error: null,
    failures: status === 'down' ? ['status 503 is not in 200-299'] : [],
    certExpiresInDays: 60,
    redirects: 0,
    checkedAt: '2026-11-26T10:00:00.000Z',
    method: 'GET',
    maxResponseTime: 3000,
    statusText: status === 'down' ? 'Service Unavailable' : 'OK',
    note: null,
    bodyExcerpt: null,
    ...extra,
  };
}

function report(...endpoints: ReportedEndpoint[]): Report {
  const counts = { up: 0, degraded: 0, down: 0 };
  for (const e of endpoints) counts[e.status] += 1;
  return {
    status: counts.down ? 'down' : counts.degraded ? 'degraded' : 'up',
    endpoints,
    counts,
    notChecked: [],
    startedAt: new Date('2026-11-26T10:00:00Z'),
    durationMs: 200,
  };
}

const options = {
  labels: ['outage', 'vigil'],
  assignees: ['alice'],
  closeIssues: true,
  runUrl: 'https://github.example/acme/shop/actions/runs/7',
};
const at = (iso: string) => ({ ...options, now: () => new Date(iso) });
/** What a reader sees of a comment: without the marker lines Vigil writes at its start. */
const shown = (text: string) => text.replace(/^(<!-- vigil:[^\n]* -->\n)+/, '');

describe('lifecycle', () => {
  test('first outage opens one issue with marker, title, labels and assignees', async () => {
    const result = await reconcileIncidents(report(endpoint('api', 'down'), endpoint('web', 'up')), client(), options);
    expect(result.failure).toBeNull();
    expect(result.opened).toEqual([1]);
    expect(github.issues).toHaveLength(1);
    const [issue] = github.issues;
    expect(issue.title).toBe('🔴 API is down');
    expect(issue.body).toContain('<!-- vigil:endpoint=api -->');
    expect(issue.body).toContain('`503 Service Unavailable`');
    expect(issue.body).toContain('status 503 is not in 200-299');
    expect(issue.body).toContain('[run 7](https://github.example/acme/shop/actions/runs/7)');
    expect(issue.labels).toEqual(['outage', 'vigil']);
    expect(issue.assignees).toEqual(['alice']);
    expect(result.links.get('api')).toEqual({ number: 1, url: 'https://github.example/acme/shop/issues/1' });
  });

  test('while it stays down: no new issue and no comment', async () => {
    await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    const writes = () => github.requests.filter((r) => r.method !== 'GET').length;
    const before = writes();
    const again = await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    expect(again.opened).toEqual([]);
    expect(writes()).toBe(before);
    expect(github.issues[0].comments).toEqual([]);
    expect(again.links.get('api')?.number).toBe(1);
  });

  test('recovery comments with the outage length and closes as completed; down again opens a new issue', async () => {
    await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    const openedAt = Date.parse(github.issues[0].created_at);
    const recovered = await reconcileIncidents(
      report(endpoint('api', 'degraded', { responseTime: 3400, failures: ['response time 3400 ms is over 3000 ms'] })),
      client(),
      at(new Date(openedAt + 25 * 60_000).toISOString()),
    );
    expect(recovered.closed).toEqual([1]);
    const [issue] = github.issues;
    expect(issue.state).toBe('closed');
    expect(issue.state_reason).toBe('completed');
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toMatch(/recovered: it is \*\*degraded\*\* again at .* after an outage of 25 min\./);
    expect(issue.comments[0]).toContain('Response time: 3400 ms');

    const downAgain = await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    expect(downAgain.opened).toEqual([2]);
    expect(github.open().map((i) => i.number)).toEqual([2]);
  });

  test('with the history: the body gives the uptime, and the recovery the outage length the history measured', async () => {
    const history = {
      uptimes: new Map([['api', '99.652 % over 24 h · 99.95 % over 7 d · 99.988 % over 30 d (target 99 %)']]),
    };
    await reconcileIncidents(report(endpoint('api', 'down')), client(), { ...options, ...history });
    expect(github.issues[0].body).toContain(
      '| Uptime | 99.652 % over 24 h · 99.95 % over 7 d · 99.988 % over 30 d (target 99 %) |',
    );
    // The issue was opened a moment ago, but with a failure-threshold the outage began 17 minutes
    // earlier: the comment says what the history measured.
    const recovered = await reconcileIncidents(report(endpoint('api', 'up')), client(), {
      ...options,
      outageLengths: new Map([['api', 17 * 60]]),
    });
    expect(recovered.closed).toEqual([1]);
    expect(github.issues[0].comments[0]).toMatch(/after an outage of 17 min\./);
  });

  test('close-issues: false comments once and leaves the issue open', async () => {
    const keep = { ...options, closeIssues: false };
    await reconcileIncidents(report(endpoint('api', 'down')), client(), keep);
    const first = await reconcileIncidents(report(endpoint('api', 'up')), client(), keep);
    await reconcileIncidents(report(endpoint('api', 'up')), client(), keep);
    expect(first.closed).toEqual([]);
    expect(github.issues[0].state).toBe('open');
    expect(github.issues[0].comments).toHaveLength(1);
    // Down again: the recovered issue is not the new incident.
    const again = await reconcileIncidents(report(endpoint('api', 'down')), client(), keep);
    expect(again.opened).toEqual([2]);
  });

  test('an incident past the first 100 open issues is found across pages', async () => {
    github.seed({ title: 'old incident', body: '<!-- vigil:endpoint=api -->\nstill down', labels: ['outage'] });
    for (let i = 0; i < 150; i++) github.seed({ title: `other ${i}`, body: 'not ours', labels: ['outage'] });
    github.seed({ title: 'a pull request', body: '<!-- vigil:endpoint=web -->', labels: ['outage'], pull_request: {} });
    const result = await reconcileIncidents(report(endpoint('api', 'down'), endpoint('web', 'up')), client(), options);
    expect(result.opened).toEqual([]);
    expect(result.links.get('api')?.number).toBe(1);
    expect(github.requests.filter((r) => r.method === 'GET' && r.path.includes('state=open')).length).toBe(2);
    expect(github.issues.find((i) => i.title === 'a pull request')?.comments).toEqual([]);
  });

  test('issues are matched by the marker, never by title, and only with the first label', async () => {
    github.seed({ title: '🔴 API is down', body: 'written by a person', labels: ['outage'] });
    github.seed({ title: 'x', body: '<!-- vigil:endpoint=api -->', labels: ['vigil'] });
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    expect(result.opened).toEqual([3]);
  });

  test('two 500s then success: transient errors are retried', async () => {
    github.fail({ method: 'POST', path: /\/issues$/, status: 500, times: 2 });
    github.fail({ method: 'GET', path: /\/issues$/, status: 502, times: 1 });
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    expect(result.failure).toBeNull();
    expect(result.opened).toEqual([1]);
    expect(github.requests.filter((r) => r.method === 'POST').length).toBe(3);
  });

  test('a rate limit is waited out and retried', async () => {
    const waits: number[] = [];
    github.fail({ method: 'GET', path: /\/issues$/, status: 429, times: 1, headers: { 'retry-after': '2' } });
    const slowClient = octokitClient({
      token: 'test-token',
      repository: github.repository,
      apiUrl: github.url,
      retry: { sleep: async (ms) => void waits.push(ms) },
    });
    const result = await reconcileIncidents(report(endpoint('api', 'up')), slowClient, options);
    expect(result.failure).toBeNull();
    expect(waits).toEqual([2000]);
  });

  test('a 403 on write names the missing permission and is not retried', async () => {
    github.fail({ method: 'POST', path: /\/issues$/, status: 403, times: 5 });
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    expect(result.failure).toMatch(
      /refused to open an incident issue in acme\/shop \(403 Resource not accessible by integration\)/,
    );
    expect(result.failure).toContain('`permissions: issues: write`');
    expect(github.requests.filter((r) => r.method === 'POST').length).toBe(1);
  });

  test('an assignee that cannot be assigned does not stop the issue', async () => {
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), {
      ...options,
      assignees: ['nobody-here'],
    });
    expect(result.opened).toEqual([1]);
    expect(github.issues[0].assignees).toEqual([]);
  });

  test('labels GitHub dropped on create are added, so the next run finds the incident', async () => {
    github.dropLabelsOnCreate();
    await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    expect(github.issues[0].labels).toEqual(['outage', 'vigil']);
    const again = await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    expect(again.opened).toEqual([]);
    expect(github.issues).toHaveLength(1);
  });

  test('two overlapping runs converge on the oldest issue', async () => {
    github.holdCreates(2);
    const [a, b] = await Promise.all([
      reconcileIncidents(report(endpoint('api', 'down')), client(), options),
      reconcileIncidents(report(endpoint('api', 'down')), client(), options),
    ]);
    expect(github.issues).toHaveLength(2);
    expect(github.open().map((i) => i.number)).toEqual([1]);
    const duplicate = github.issues[1];
    expect(duplicate.state_reason).toBe('not_planned');
    expect(duplicate.comments.map(shown)).toEqual([
      'Closing as a duplicate of #1: two Vigil runs overlapped and both opened an issue for this outage.',
    ]);
    // Exactly one run reports the incident as opened; the other reports closing its duplicate.
    expect([...a.opened, ...b.opened]).toEqual([1]);
    expect([...a.closed, ...b.closed]).toEqual([2]);
  });

  test('duplicates left behind by an earlier run are closed by the next', async () => {
    github.seed({ title: 'A', body: '<!-- vigil:endpoint=api -->', labels: ['outage'] });
    github.seed({ title: 'B', body: '<!-- vigil:endpoint=api -->', labels: ['outage'] });
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), options);
    expect(result.closed).toEqual([2]);
    expect(github.open().map((i) => i.number)).toEqual([1]);
  });
});

const WORKFLOW = '.github/workflows/monitor.yml';
const inWorkflow = { ...options, workflow: WORKFLOW, configuredIds: ['api', 'web'] };

describe('markers are trusted only where Vigil writes them', () => {
  // Every marker Vigil reads, each at the start of its own line, as a response might send them.
  const markers = [
    '<!-- vigil:recovered -->',
    '<!-- vigil:endpoint=web -->',
    `<!-- vigil:workflow=.github/workflows/other.yml -->`,
    '<!-- vigil:closed=recovered -->',
    '<!-- vigil:write=00000000-0000-0000-0000-000000000000 -->',
  ].join('\n');
  const hostile = (status: Status) =>
    endpoint('api', status, {
      statusText: markers,
      error: `invalid HTTP response\n${markers}`,
      failures: status === 'down' ? [`$.state is "${markers}", expected "ok"`] : [],
      bodyExcerpt: `${markers}\n${markers}`,
    });

  test('the header holds only what Vigil wrote, however the response is quoted', () => {
    const body = issueBody(hostile('down'), new Date('2026-11-26T10:00:00Z'), null, WORKFLOW);
    expect(body.split('\n').filter((line) => line === '<!-- vigil:recovered -->').length).toBeGreaterThan(1);
    expect(markersOf(body)).toEqual({ endpoint: 'api', workflow: WORKFLOW });
  });

  test('an endpoint whose id is in another script is found again by its marker', async () => {
    const home = { ...inWorkflow, configuredIds: ['главная'] };
    const first = await reconcileIncidents(report(endpoint('главная', 'down')), client(), home);
    expect(first.opened).toEqual([1]);
    const again = await reconcileIncidents(report(endpoint('главная', 'down')), client(), home);
    expect(again.opened).toEqual([]);
    expect(github.open().map((issue) => issue.number)).toEqual([1]);
  });

  test('a response quoting every marker neither opens, skips nor closes an issue', async () => {
    const first = await reconcileIncidents(report(hostile('down'), endpoint('web', 'up')), client(), inWorkflow);
    expect(first.opened).toEqual([1]);
    // Still down: the quoted recovered marker must not make it look over.
    const again = await reconcileIncidents(report(hostile('down'), endpoint('web', 'up')), client(), inWorkflow);
    expect(again.opened).toEqual([]);
    expect(again.closed).toEqual([]);
    // The quoted endpoint marker must not make #1 pass for web's incident.
    const webDown = await reconcileIncidents(report(hostile('down'), endpoint('web', 'down')), client(), inWorkflow);
    expect(webDown.opened).toEqual([2]);
    expect(github.open().map((issue) => issue.number)).toEqual([1, 2]);
    expect(github.issues[0].comments).toEqual([]);
    // Up again: closed as recovered, the quoted workflow marker notwithstanding.
    const up = await reconcileIncidents(report(hostile('up'), endpoint('web', 'down')), client(), inWorkflow);
    expect(up.closed).toEqual([1]);
    expect(github.issues[0].state_reason).toBe('completed');
  });
});

describe('an issue a person closed while the endpoint is down', () => {
  const writes = () => github.requests.filter((r) => r.method !== 'GET').length;
  const closedListings = () => github.requests.filter((r) => r.method === 'GET' && r.path.includes('state=closed')).length;

  test('without the history: no new issue for that outage, one for the next after a recovery', async () => {
    await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    github.closeByHand(1);
    const before = writes();
    const still = await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    expect(still.opened).toEqual([]);
    expect(still.links.get('api')?.number).toBe(1);
    expect(github.issues).toHaveLength(1);
    expect(writes()).toBe(before);

    await reconcileIncidents(report(endpoint('api', 'up')), client(), inWorkflow);
    expect(github.issues[0].state).toBe('closed');
    expect(github.issues[0].comments).toEqual([]);
    const next = await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    expect(next.opened).toEqual([2]);
  });

  test('with outage starts from the history: issue dates against the outage start', async () => {
    const starts = (iso: string | null) => ({ ...inWorkflow, outageStarts: new Map([['api', iso]]) });
    await reconcileIncidents(report(endpoint('api', 'down')), client(), starts('2026-11-20T09:00:00Z'));
    github.closeByHand(1);
    const still = await reconcileIncidents(report(endpoint('api', 'down')), client(), starts('2026-11-20T09:00:00Z'));
    expect(still.opened).toEqual([]);
    // Up in between (the history knows), nothing written; then a new outage starts.
    const up = await reconcileIncidents(report(endpoint('api', 'up')), client(), starts(null));
    expect(up.closed).toEqual([]);
    const next = await reconcileIncidents(report(endpoint('api', 'down')), client(), starts('2026-11-21T00:00:00Z'));
    expect(next.opened).toEqual([2]);
  });

  test('with the history, an issue closed by hand before this outage began does not hold it', async () => {
    await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    github.closeByHand(1);
    const later = { ...inWorkflow, outageStarts: new Map([['api', '2026-12-01T00:00:00.000Z']]) };
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), later);
    expect(result.opened).toEqual([2]);
  });

  test('with the history, closed issues are never listed when nothing needs a new issue', async () => {
    const history = {
      ...inWorkflow,
      outageStarts: new Map([
        ['api', '2026-11-20T09:00:00Z'],
        ['web', null],
      ]),
    };
    await reconcileIncidents(report(endpoint('api', 'down'), endpoint('web', 'up')), client(), history);
    github.requests.length = 0;
    await reconcileIncidents(report(endpoint('api', 'down'), endpoint('web', 'up')), client(), history);
    await reconcileIncidents(report(endpoint('api', 'up'), endpoint('web', 'up')), client(), {
      ...history,
      outageStarts: new Map([
        ['api', null],
        ['web', null],
      ]),
    });
    await reconcileIncidents(report(endpoint('api', 'up'), endpoint('web', 'up')), client(), {
      ...history,
      outageStarts: new Map([
        ['api', null],
        ['web', null],
      ]),
    });
    expect(closedListings()).toBe(0);
    expect(github.requests.filter((r) => r.method === 'GET').length).toBe(3);
  });

  test('Vigil closing its own issues (recovery, duplicates) does not count as a person closing them', async () => {
    await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    await reconcileIncidents(report(endpoint('api', 'up')), client(), inWorkflow);
    const next = await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    expect(next.opened).toEqual([2]);
  });

  test('a later incident left open as recovered ends the outage of an earlier one closed by hand', async () => {
    const header = `<!-- vigil:endpoint=api -->\n<!-- vigil:workflow=${WORKFLOW} -->`;
    github.seed({ title: 'closed by hand, never marked', body: `${header}\nold`, labels: ['outage'], state: 'closed' });
    github.seed({ title: 'recovered, left open', body: `${header}\n<!-- vigil:recovered -->\nlater`, labels: ['outage'] });
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    expect(result.opened).toEqual([3]);
  });

  test('an issue of an older Vigil closed by hand still gets a new issue, as before', async () => {
    github.seed({ title: 'old', body: '<!-- vigil:endpoint=api -->\nold', labels: ['outage'], state: 'closed' });
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    expect(result.opened).toEqual([2]);
  });
});

describe('the workflow marker', () => {
  test('workflow path from GITHUB_WORKFLOW_REF', () => {
    expect(workflowPathOf('acme/shop/.github/workflows/monitor.yml@refs/heads/main')).toBe(WORKFLOW);
    expect(workflowPathOf('acme/shop/.github/workflows/a@b.yml@refs/pull/7/merge')).toBe('.github/workflows/a@b.yml');
    expect(workflowPathOf(undefined)).toBeNull();
    expect(workflowPathOf('')).toBeNull();
  });

  test('an endpoint no longer configured: its incident is commented on and closed; other workflows untouched', async () => {
    const other = { ...options, workflow: '.github/workflows/other.yml', configuredIds: ['old', 'api'] };
    await reconcileIncidents(report(endpoint('old', 'down'), endpoint('api', 'down')), client(), inWorkflow);
    await reconcileIncidents(report(endpoint('old', 'down'), endpoint('api', 'down')), client(), other);
    expect(github.open().map((issue) => issue.number)).toEqual([1, 2, 3, 4]);
    expect(github.issues[0].body).toContain(`<!-- vigil:workflow=${WORKFLOW} -->`);

    // This workflow's configuration lost `old`; `api` is up.
    const result = await reconcileIncidents(report(endpoint('api', 'up')), client(), { ...inWorkflow, configuredIds: ['api'] });
    expect(result.closed.sort()).toEqual([1, 2]);
    const [old] = github.issues;
    expect(old.state_reason).toBe('not_planned');
    expect(shown(old.comments[0])).toContain('`old` is no longer in the configuration of `.github/workflows/monitor.yml`');
    // The other workflow's incidents, of the same ids, are not touched.
    expect(github.open().map((issue) => issue.number)).toEqual([3, 4]);
    expect(github.issues[2].comments).toEqual([]);
    expect(github.issues[3].comments).toEqual([]);
  });

  test('configured but not checked this run is not "no longer monitored"', async () => {
    await reconcileIncidents(report(endpoint('api', 'down'), endpoint('web', 'down')), client(), inWorkflow);
    // A run that checks only `api` (part of the list), with the whole configuration given.
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    expect(result.closed).toEqual([]);
    expect(github.open()).toHaveLength(2);
  });
});

describe('writes are not blindly repeated', () => {
  test('a create answered with 502 after GitHub stored it is adopted, not repeated', async () => {
    github.fail({ method: 'POST', path: /\/issues$/, status: 502, times: 1, afterWrite: true });
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    expect(result.failure).toBeNull();
    expect(github.issues).toHaveLength(1);
    expect(result.opened).toEqual([1]);
    expect(result.links.get('api')?.number).toBe(1);
  });

  test('a create whose connection dropped after GitHub stored it is adopted, not repeated', async () => {
    github.fail({ method: 'POST', path: /\/issues$/, status: 0, times: 1, afterWrite: true });
    const result = await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    expect(result.failure).toBeNull();
    expect(github.issues).toHaveLength(1);
    expect(result.opened).toEqual([1]);
  });

  test('a comment answered with 500 after GitHub stored it is not written twice', async () => {
    await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    github.fail({ method: 'POST', path: /\/comments$/, status: 500, times: 1, afterWrite: true });
    const result = await reconcileIncidents(report(endpoint('api', 'up')), client(), inWorkflow);
    expect(result.failure).toBeNull();
    expect(github.issues[0].comments).toHaveLength(1);
    expect(github.issues[0].state).toBe('closed');
  });

  test('a comment that failed before it was stored is written once', async () => {
    await reconcileIncidents(report(endpoint('api', 'down')), client(), inWorkflow);
    github.fail({ method: 'POST', path: /\/comments$/, status: 503, times: 2 });
    const result = await reconcileIncidents(report(endpoint('api', 'up')), client(), inWorkflow);
    expect(result.failure).toBeNull();
    expect(github.issues[0].comments).toHaveLength(1);
  });
});

describe('backoff', () => {
  const recorded = (now = () => Date.parse('2026-11-26T10:00:00Z')) => {
    const waits: number[] = [];
    const timed = octokitClient({
      token: 'test-token',
      repository: github.repository,
      apiUrl: github.url,
      retry: { sleep: async (ms) => void waits.push(ms), now },
    });
    return { waits, timed };
  };

  test('waits grow between retries of a 5xx', async () => {
    const { waits, timed } = recorded();
    github.fail({ method: 'GET', path: /\/issues$/, status: 502, times: 3 });
    const result = await reconcileIncidents(report(endpoint('api', 'up')), timed, options);
    expect(result.failure).toBeNull();
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  test('gives up after the retries with a clear message', async () => {
    const { waits, timed } = recorded();
    github.fail({ method: 'GET', path: /\/issues$/, status: 503, times: 10 });
    const result = await reconcileIncidents(report(endpoint('api', 'up')), timed, options);
    expect(waits).toHaveLength(3);
    expect(result.failure).toMatch(/could not list the open incident issues in acme\/shop \(503/);
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    const { waits, timed } = recorded();
    github.fail({
      method: 'GET',
      path: /\/issues$/,
      status: 429,
      times: 1,
      headers: { 'retry-after': 'Thu, 26 Nov 2026 10:00:07 GMT' },
    });
    await reconcileIncidents(report(endpoint('api', 'up')), timed, options);
    expect(waits).toEqual([7000]);
  });

  test('X-RateLimit-Reset is honoured: the retry comes after the reset', async () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    const { waits, timed } = recorded(() => now);
    github.fail({
      method: 'GET',
      path: /\/issues$/,
      status: 403,
      times: 1,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 20) },
    });
    const result = await reconcileIncidents(report(endpoint('api', 'up')), timed, options);
    expect(result.failure).toBeNull();
    expect(waits).toEqual([21_000]);
  });

  test('a rate-limited create is repeated without looking (GitHub did not carry it out)', async () => {
    const { waits, timed } = recorded();
    github.fail({ method: 'POST', path: /\/issues$/, status: 429, times: 1, headers: { 'retry-after': '3' } });
    const result = await reconcileIncidents(report(endpoint('api', 'down')), timed, options);
    expect(result.opened).toEqual([1]);
    expect(waits).toEqual([3000]);
    expect(github.issues).toHaveLength(1);
  });
});

describe('another host of issues', () => {
  test('a client that reports no labels, dates or links still gets one issue per outage', async () => {
    // The lifecycle takes any IncidentClient: here a bare in-memory one, as another host might be.
    const store: Array<{ number: number; body: string; open: boolean; comments: string[] }> = [];
    const bare: IncidentClient = {
      listOpen: async () =>
        store.filter((i) => i.open).map((i) => ({ number: i.number, body: i.body, createdAt: '', htmlUrl: '', labels: null })),
      create: async (issue) => {
        store.push({ number: store.length + 1, body: issue.body, open: true, comments: [] });
        return { number: store.length, body: issue.body, createdAt: '', htmlUrl: '', labels: null };
      },
      comment: async (number, body) => void store[number - 1].comments.push(body),
      addLabels: async () => {
        throw new Error('not expected: the answer did not say which labels were applied');
      },
      update: async (number, changes) => {
        if (changes.state === 'closed') store[number - 1].open = false;
      },
    };
    await reconcileIncidents(report(endpoint('api', 'down')), bare, options);
    await reconcileIncidents(report(endpoint('api', 'down')), bare, options);
    const recovered = await reconcileIncidents(report(endpoint('api', 'up')), bare, options);
    expect(store).toHaveLength(1);
    expect(recovered.closed).toEqual([1]);
    expect(store[0].comments[0]).toMatch(/recovered: it is \*\*up\*\* again at [^,]*\.$/m);
  });
});

describe('issue text', () => {
  const markdown = new MarkdownIt({ html: true, linkify: true });
  const outsideCode = (html: string) => html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');

  test('a hostile, huge response stays inert and under the size limit', () => {
    const hostile = '@octocat ![x](https://evil.example/x.png) <img src=x> ``` ~~~ [a](https://evil.example)\n';
    const body = issueBody(
      endpoint('api', 'down', {
        error: `invalid HTTP response (${hostile})`,
        failures: Array.from({ length: 2000 }, (_, i) => `$.x${i} is ${JSON.stringify(hostile)}, expected "ok"`),
        statusText: hostile,
        bodyExcerpt: hostile.repeat(60_000).slice(0, 5 * 1024 * 1024),
      }),
      new Date('2026-11-26T10:00:00Z'),
      null,
    );
    expect(body.length).toBeLessThan(GITHUB_BODY_LIMIT);
    // Still under the limit with every marker Vigil adds later (on create, on close, on recovery).
    const marked = withMarkers(body, {
      write: '00000000-0000-0000-0000-000000000000',
      closed: 'unmonitored',
      recovered: '2026-11-26T10:00:00.000Z',
    });
    expect(marked.length).toBeLessThan(GITHUB_BODY_LIMIT);
    expect(body).toContain('truncated');
    const html = outsideCode(markdown.render(body));
    expect(html).not.toMatch(/@octocat|evil\.example|<img/);
  });
});

describe('end to end through dist/index.js', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startServer(behaviours);
  });
  afterAll(() => service.close());

  const env = () => ({ GITHUB_API_URL: github.url });
  const inputs = (endpoints: string, extra: Record<string, string> = {}) => ({
    endpoints,
    'create-issues': 'true',
    'github-token': 'test-token',
    retries: '0',
    ...extra,
  });

  test('outage → issue; still down → nothing; recovery → comment and close', async () => {
    const port = await closedPort();
    const down = await runAction({
      inputs: inputs(`- { name: Payments, url: "http://127.0.0.1:${port}/?token=tok-SECRET" }`),
      env: env(),
    });
    expect(down.code).toBe(1);
    expect(down.outputs['issues-opened']).toBe('[1]');
    expect(github.issues[0].title).toBe('🔴 Payments is down');
    expect(github.issues[0].body).toContain('connection refused');
    expect(github.issues[0].body).toContain('token=***');
    expect(github.issues[0].body).not.toContain('tok-SECRET');
    expect(github.issues[0].body).toContain('https://github.example/acme/shop/actions/runs/4242');
    expect(down.summary).toContain('[issue #1](https://github.example/acme/shop/issues/1)');

    const still = await runAction({
      inputs: inputs(`- { name: Payments, url: "http://127.0.0.1:${port}/?token=tok-SECRET" }`),
      env: env(),
    });
    expect(still.outputs['issues-opened']).toBe('[]');
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0].comments).toHaveLength(0);

    const up = await runAction({ inputs: inputs(`- { name: Payments, url: "${service.url}/ok" }`), env: env() });
    expect(up.code).toBe(0);
    expect(up.outputs['issues-closed']).toBe('[1]');
    expect(github.issues[0].state).toBe('closed');
    expect(github.issues[0].comments[0]).toContain('recovered');
  });

  test('a 403 still writes summary and outputs, and fails naming the permission', async () => {
    github.fail({ method: 'POST', path: /\/issues$/, status: 403, times: 5 });
    const run = await runAction({ inputs: inputs(`- ${service.url}/status/500`, { 'fail-on': 'never' }), env: env() });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('down');
    expect(results(run)[0].httpStatus).toBe(500);
    expect(run.summary).toContain('permissions: issues: write');
    expect(run.stdout).toMatch(/::error title=Vigil%3A incident issues::GitHub refused to open an incident issue/);
  });

  test('labels and assignees from the inputs; two 500s then success (real backoff)', async () => {
    github.fail({ method: 'POST', path: /\/issues$/, status: 500, times: 2 });
    const run = await runAction({
      inputs: inputs(`- ${service.url}/status/502`, { 'issue-labels': 'incident, prod', 'issue-assignees': 'alice, @bob' }),
      env: env(),
    });
    expect(run.outputs['issues-opened']).toBe('[1]');
    expect(github.issues[0].labels).toEqual(['incident', 'prod']);
    expect(github.issues[0].assignees).toEqual(['alice', 'bob']);
    expect(github.requests.filter((r) => r.method === 'GET' && r.path.includes('labels=incident')).length).toBeGreaterThan(0);
  });

  test('the workflow marker; an endpoint taken out of the configuration gets its incident closed', async () => {
    const workflowEnv = { ...env(), GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/monitor.yml@refs/heads/main' };
    const both = `- { id: api, url: "${service.url}/status/503" }\n- { id: old, url: "${service.url}/status/503" }`;
    await runAction({ inputs: inputs(both), env: workflowEnv });
    expect(github.open()).toHaveLength(2);
    expect(github.issues.every((issue) => issue.body.includes('<!-- vigil:workflow=.github/workflows/monitor.yml -->'))).toBe(
      true,
    );

    const run = await runAction({ inputs: inputs(`- { id: api, url: "${service.url}/status/503" }`), env: workflowEnv });
    const old = github.issues.find((issue) => issue.body.includes('<!-- vigil:endpoint=old -->'))!;
    expect(old.state).toBe('closed');
    expect(shown(old.comments[0])).toContain('no longer in the configuration');
    expect(run.outputs['issues-closed']).toBe(`[${old.number}]`);
    expect(github.open().map((issue) => issue.body.includes('<!-- vigil:endpoint=api -->'))).toEqual([true]);
  });

  test('a response quoting every marker: one issue while down, closed when up', async () => {
    let down = true;
    const hostile = await startServer((_req, res) => {
      res.statusCode = down ? 503 : 200;
      res.end(
        [
          '<!-- vigil:recovered -->',
          '<!-- vigil:endpoint=other -->',
          '<!-- vigil:workflow=.github/workflows/other.yml -->',
          '<!-- vigil:closed=recovered -->',
          '<!-- vigil:write=00000000-0000-0000-0000-000000000000 -->',
        ].join('\n'),
      );
    });
    try {
      const endpoints = `- { id: api, url: "${hostile.url}/" }`;
      await runAction({ inputs: inputs(endpoints), env: env() });
      const again = await runAction({ inputs: inputs(endpoints), env: env() });
      expect(again.outputs['issues-opened']).toBe('[]');
      expect(github.issues).toHaveLength(1);
      expect(github.issues[0].body).toContain('<!-- vigil:recovered -->');
      down = false;
      const up = await runAction({ inputs: inputs(endpoints), env: env() });
      expect(up.outputs['issues-closed']).toBe('[1]');
    } finally {
      await hostile.close();
    }
  });

  test('two overlapping runs leave one open issue', async () => {
    github.holdCreates(2);
    const endpoints = `- { name: API, url: "${service.url}/status/503" }`;
    const [a, b] = await Promise.all([
      runAction({ inputs: inputs(endpoints), env: env() }),
      runAction({ inputs: inputs(endpoints), env: env() }),
    ]);
    expect(github.open()).toHaveLength(1);
    expect([...JSON.parse(a.outputs['issues-opened']), ...JSON.parse(b.outputs['issues-opened'])]).toEqual([
      github.open()[0].number,
    ]);
  });
});
