/**
 * Push heartbeats end to end: a job reports with `vigil heartbeat` (a repository_dispatch to the
 * fake GitHub API), the monitor's run for that event (dist/index.js with GitHub's event file)
 * records the report on the data branch of a real git server and does nothing else, and the
 * scheduled runs judge every heartbeat like any endpoint: rows, thresholds, incident issues.
 */
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main as cli } from '../../src/cli.js';
import { results, type ActionRun } from '../support/action.js';
import { BRANCH, TOKEN, dataRepo, type DataRepo } from '../support/data-branch.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { git, startGitServer, type GitServer } from '../support/git-server.js';
import { startServer, type Service } from '../support/servers.js';

const HOUR = 3_600_000;

let server: GitServer;
let service: Service;
let pings: Service;
let events: string;
beforeAll(async () => {
  server = await startGitServer(TOKEN);
  service = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  pings = await startServer((_req, res) => {
    res.writeHead(200);
    res.end('OK');
  });
  events = mkdtempSync(path.join(os.tmpdir(), 'vigil-events-'));
});
const opened: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((github) => github.close()));
});
afterAll(async () => {
  await Promise.all([server.close(), service.close(), pings.close()]);
  rmSync(events, { recursive: true, force: true });
});

const CONFIG = (extra = '') => `
- heartbeat: backup
  name: Nightly backup
  max-age: 25h
- { id: shop, url: "SERVICE/health" }
${extra}`;

let eventCount = 0;
/** GitHub's event file for a repository_dispatch: `action` is the event_type that was sent. */
function eventFile(body: unknown, repository = 'acme/monitor'): string {
  const file = path.join(events, `event-${++eventCount}.json`);
  const sent = (body ?? {}) as { event_type?: unknown; client_payload?: unknown };
  const event = {
    action: sent.event_type,
    branch: 'main',
    client_payload: sent.client_payload,
    repository: { full_name: repository },
    sender: { login: 'octocat' },
  };
  writeFileSync(file, JSON.stringify(event));
  return file;
}

/** A monitor repository on the git server, the fake GitHub API of that repository, and its runs. */
async function setup(extra = '') {
  const repo = dataRepo(server);
  const github = await startFakeGitHub(repo.repository);
  opened.push(github);
  const inputs = {
    endpoints: CONFIG(extra).replace('SERVICE', service.url),
    retries: '0',
    'heartbeat-url': `${pings.url}/ping/key`,
    'create-issues': 'true',
  };
  // With the workflow's path, a scheduled run also keeps the schedule alive: a dispatch run must not.
  const env = {
    GITHUB_API_URL: github.url,
    GITHUB_WORKFLOW_REF: `${repo.repository}/.github/workflows/uptime.yml@refs/heads/main`,
  };
  const dispatchRun = (file: string, runId = '5001') =>
    repo.run(inputs, { ...env, GITHUB_EVENT_NAME: 'repository_dispatch', GITHUB_EVENT_PATH: file, GITHUB_RUN_ID: runId });
  const scheduledRun = () => repo.run(inputs, { ...env, GITHUB_EVENT_NAME: 'schedule' });
  /** Sends a report as a job would, with the CLI, and returns the event file GitHub gives the run. */
  const report = async (id: string, status: 'ok' | 'fail' = 'ok'): Promise<string> => {
    const before = github.dispatches.length;
    const code = await cli(['heartbeat', id, '--repo', repo.repository, '--status', status], {
      stdout: () => undefined,
      stderr: () => undefined,
      env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url },
      cwd: process.cwd(),
      colour: false,
    });
    expect(code).toBe(0);
    return eventFile(github.dispatches[before], repo.repository);
  };
  return { repo, github, dispatchRun, scheduledRun, report };
}

const reportsOn = (repo: DataRepo, id: string) =>
  (JSON.parse(repo.file(`heartbeats/${id}.json`) ?? 'null') as { reports: Array<Record<string, string>> } | null)?.reports ??
  null;
const branchPaths = (repo: DataRepo) =>
  git(repo.gitDir, ['ls-tree', '-r', '--name-only', BRANCH]).split('\n').filter(Boolean).sort();
const hasBranch = (repo: DataRepo) => {
  try {
    git(repo.gitDir, ['rev-parse', '--verify', '--quiet', BRANCH]);
    return true;
  } catch {
    return false;
  }
};
const heartbeatResult = (run: ActionRun) => results(run).find((result) => result.id === 'nightly-backup');

/** Writes a report file on the branch as a commit of Vigil's, `ageMs` old. */
function seedReport(repo: DataRepo, id: string, status: 'ok' | 'fail', ageMs: number) {
  const at = new Date(Date.now() - ageMs).toISOString();
  const text = JSON.stringify({ version: 1, id, reports: [{ status, at, run: null }] });
  const message = 'Vigil: seeded\n\nVigil-Commits: 1\n';
  const seconds = Math.floor(Date.now() / 1000);
  const parent = hasBranch(repo) ? `from refs/heads/${BRANCH}^0\n` : '';
  const stream =
    `commit refs/heads/${BRANCH}\ncommitter Vigil <vigil@users.noreply.github.com> ${seconds} +0000\n` +
    `data ${Buffer.byteLength(message)}\n${message}\n${parent}` +
    `M 100644 inline heartbeats/${id}.json\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  git(repo.gitDir, ['fast-import', '--quiet'], stream);
}

test('a dispatch run records the report and nothing else; the next scheduled run shows the heartbeat up', async () => {
  const { repo, github, dispatchRun, scheduledRun, report } = await setup();
  const servedBefore = service.requests.length;
  const pingsBefore = pings.requests.length;
  const apiBefore = github.requests.length;

  const dispatched = await dispatchRun(await report('backup'));
  expect(dispatched.code).toBe(0);
  expect(dispatched.summary).toContain('Recorded `backup`: **ok**');
  expect(reportsOn(repo, 'backup')).toEqual([
    { status: 'ok', at: expect.any(String), run: `${server.url}/${repo.repository}/actions/runs/5001` },
  ]);
  // Nothing was checked, pinged, asked of the issues API, or written besides the report.
  expect(service.requests.length).toBe(servedBefore);
  expect(pings.requests.length).toBe(pingsBefore);
  expect(github.requests.slice(apiBefore).filter((request) => !request.path.endsWith('/dispatches'))).toEqual([]);
  expect(branchPaths(repo)).toEqual(['heartbeats/backup.json']);
  expect(results(dispatched)).toEqual([]);

  const scheduled = await scheduledRun();
  expect(scheduled.code).toBe(0);
  expect(heartbeatResult(scheduled)).toMatchObject({ status: 'up', url: 'heartbeat:backup', error: null });
  // Recorded like any check: a raw row, and the figures of status.json.
  const day = new Date().toISOString().slice(0, 10);
  expect(repo.file(`history/${day}.csv`)).toMatch(/,nightly-backup,up,/);
  const status = JSON.parse(repo.file('status.json') ?? '{}') as { endpoints: Array<{ id: string; status: string }> };
  expect(status.endpoints.find((endpoint) => endpoint.id === 'nightly-backup')?.status).toBe('up');
  expect(pings.requests.length).toBe(pingsBefore + 1);
  expect(github.enabledWorkflows).toEqual(['uptime.yml']);
}, 120_000);

test('a heartbeat that is too old, reported fail, or never came is down, and each opens an incident issue', async () => {
  const extra = `- { heartbeat: restore-drill, max-age: 2h }\n- { heartbeat: never, name: Reports nothing, max-age: 90m }`;
  const { repo, github, scheduledRun } = await setup(extra);
  seedReport(repo, 'backup', 'ok', 26 * HOUR + 10 * 60_000);
  seedReport(repo, 'restore-drill', 'fail', 3 * HOUR + 5 * 60_000);
  const openBefore = github.open().length;

  const run = await scheduledRun();
  expect(run.code).not.toBe(0);
  const byId = new Map(results(run).map((result) => [result.id, result]));
  expect(byId.get('nightly-backup')).toMatchObject({ status: 'down', error: 'no heartbeat for 26 h (max-age 25h)' });
  expect(byId.get('heartbeat-restore-drill')).toMatchObject({ status: 'down' });
  expect(byId.get('heartbeat-restore-drill')?.error).toMatch(/^reported fail 3 h ago \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/);
  expect(byId.get('reports-nothing')).toMatchObject({ status: 'down', error: 'no heartbeat received yet' });
  expect(byId.get('shop')).toMatchObject({ status: 'up' });

  const opened = github.open().slice(openBefore);
  expect(opened.map((issue) => issue.title).sort()).toEqual([
    '🔴 Nightly backup is down',
    '🔴 Reports nothing is down',
    '🔴 heartbeat restore-drill is down',
  ]);
  expect(opened.find((issue) => issue.title.includes('Nightly backup'))?.body).toContain('no heartbeat for 26 h (max-age 25h)');
  expect(run.summary).toContain('no heartbeat received yet');
}, 120_000);

test('six dispatch runs at once all land: reports of one id merge, none overwrites another', async () => {
  const extra = '- { heartbeat: nightly, max-age: 25h }';
  const { repo, dispatchRun, report } = await setup(extra);
  const sent = [
    ...(await Promise.all([0, 1, 2, 3].map(() => report('backup')))),
    await report('nightly', 'fail'),
    await report('nightly'),
  ];
  const runs = await Promise.all(sent.map((file, index) => dispatchRun(file, String(7000 + index))));
  for (const run of runs) expect(run.code).toBe(0);
  const backup = reportsOn(repo, 'backup') ?? [];
  const nightly = reportsOn(repo, 'nightly') ?? [];
  const runIds = (list: Array<Record<string, string>>) => list.map((entry) => entry.run.split('/').at(-1)).sort();
  expect(runIds(backup)).toEqual(['7000', '7001', '7002', '7003']);
  expect(runIds(nightly)).toEqual(['7004', '7005']);
  expect(nightly.map((entry) => entry.status).sort()).toEqual(['fail', 'ok']);
  expect(branchPaths(repo)).toEqual(['heartbeats/backup.json', 'heartbeats/nightly.json']);
}, 180_000);

test('reports that are not a watched id with ok or fail are recorded nowhere and warned about, hostile text made inert', async () => {
  const { repo, dispatchRun } = await setup();
  const hostile = `@everyone <img src=x onerror=alert(1)> [click](https://evil.example) ${'A'.repeat(100_000)}`;
  const cases: Array<{ payload: unknown; says: string }> = [
    { payload: { status: 'ok' }, says: 'the report has no "id"' },
    { payload: { id: 'backup', status: 'maybe' }, says: 'the report\'s status `maybe`; it must be "ok" or "fail"' },
    { payload: { id: 'backup' }, says: 'the report has no "status"' },
    { payload: { id: 'elsewhere', status: 'ok' }, says: 'no endpoint watches heartbeat `elsewhere`' },
    { payload: { id: hostile, status: 'ok' }, says: 'is not a heartbeat id' },
    { payload: 'just text', says: 'the report has no client_payload object' },
  ];
  for (const { payload, says } of cases) {
    const run = await dispatchRun(eventFile({ event_type: 'vigil-heartbeat', client_payload: payload }));
    expect(run.code).toBe(0);
    expect(run.summary).toContain('The heartbeat report was not recorded');
    expect(run.summary).toContain(says);
    expect(run.stdout).toMatch(/^::warning title=Vigil%3A heartbeat report::The heartbeat report was not recorded/m);
  }
  expect(hasBranch(repo)).toBe(false);
}, 120_000);

test('hostile and non-UTF-8 payload text reaches the summary cut and inside code only', async () => {
  const { repo, dispatchRun } = await setup();
  const file = path.join(events, 'hostile.json');
  // An id with bytes that are not UTF-8, markup and a mention, and a very long tail.
  const id = Buffer.concat([
    Buffer.from('@everyone <b>hi</b> '),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from(` ${'B'.repeat(50_000)}`),
  ]);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from('{"action":"vigil-heartbeat","client_payload":{"status":"ok","id":"'), id, Buffer.from('"}}')]),
  );
  const run = await dispatchRun(file);
  expect(run.code).toBe(0);
  const line = run.summary.split('\n').find((text) => text.includes('not a heartbeat id')) ?? '';
  expect(line).toMatch(/the report's id `@everyone <b>hi<\/b> \uFFFD+ B+…` is not a heartbeat id/);
  expect(line.length).toBeLessThan(400);
  expect(run.summary).not.toContain('B'.repeat(100));
  expect(hasBranch(repo)).toBe(false);
}, 60_000);

test('a dispatch run on a branch with history writes no rows and changes no figures', async () => {
  const { repo, github, dispatchRun, scheduledRun, report } = await setup();
  expect((await scheduledRun()).code).not.toBe(0); // no report yet: the heartbeat is down
  const day = new Date().toISOString().slice(0, 10);
  const rows = repo.file(`history/${day}.csv`);
  const status = repo.file('status.json');
  const state = repo.file('state.json');
  const page = repo.file('index.html');
  const servedBefore = service.requests.length;
  const pingsBefore = pings.requests.length;
  const issuesBefore = github.requests.filter((request) => request.path.includes('/issues')).length;

  const run = await dispatchRun(await report('backup', 'fail'));
  expect(run.code).toBe(0);
  expect(repo.file(`history/${day}.csv`)).toBe(rows);
  expect(repo.file('status.json')).toBe(status);
  expect(repo.file('state.json')).toBe(state);
  expect(repo.file('index.html')).toBe(page);
  expect(reportsOn(repo, 'backup')?.map((entry) => entry.status)).toEqual(['fail']);
  expect(service.requests.length).toBe(servedBefore);
  expect(pings.requests.length).toBe(pingsBefore);
  expect(github.requests.filter((request) => request.path.includes('/issues')).length).toBe(issuesBefore);

  const next = await scheduledRun();
  expect(heartbeatResult(next)).toMatchObject({ status: 'down' });
  expect(heartbeatResult(next)?.error).toMatch(/^reported fail \d+ min ago/);
}, 120_000);
