/**
 * The run's memory end to end: the built action (dist/index.js) against a real git server on
 * loopback (`git http-backend`), checking real loopback services. Every test uses its own
 * repository on the one server, so the tests share nothing but the server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startFakeGitHub } from '../support/fake-github.js';
import { git, startGitServer, type GitServer } from '../support/git-server.js';
import { branchFiles, seedCommits } from '../support/run-fixture.js';
import { results, runAction, type ActionRun } from '../support/action.js';
import { closedPort, startServer, type Service } from '../support/servers.js';

const TOKEN = 'ghs_M3m0ryE2eT0ken_n3ver_sh0wn_7x9q';
const BRANCH = 'vigil-data';
const HEADER = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error';
const DAILY_HEADER = 'date,id,checks,up,degraded,down,maintenance,p50,p95,p99';
const HOUR = 3_600_000;
const DAY = 86_400_000;

let gitServer: GitServer;
let service: Service;
let refused: number;
let repoCount = 0;

beforeAll(async () => {
  gitServer = await startGitServer(TOKEN);
  service = await startServer((req, res) => {
    res.writeHead(req.url === '/down' ? 503 : 200, { 'content-type': 'text/plain' });
    res.end(req.url === '/down' ? 'unavailable' : 'ok');
  });
  refused = await closedPort();
});
afterAll(async () => {
  await gitServer.close();
  await service.close();
});
afterEach(() => {
  gitServer.refusePushes = false;
});

/** A moment in the middle of the last hour, for a run given it as its clock (`VIGIL_NOW`): a
 * seeded check `n` hours before it falls in the square and the UTC day the test expects, however
 * long the run takes to start, and no test waits for the wall clock. */
function midHour(): number {
  const now = Date.now();
  return now - (now % HOUR) - HOUR / 2;
}

const clockAt = (ms: number) => ({ VIGIL_NOW: new Date(ms).toISOString() });

/** A fresh repository on the git server: its name and its git dir (to seed and read back). */
function newRepo() {
  const repository = `acme/memory-${++repoCount}`;
  return { repository, gitDir: gitServer.createRepo(repository) };
}

function runOn(repository: string, inputs: Record<string, string>, env: Record<string, string> = {}, server = gitServer) {
  return runAction({
    inputs: { history: 'true', 'github-token': TOKEN, retries: '0', ...inputs },
    env: { GITHUB_SERVER_URL: server.url, GITHUB_REPOSITORY: repository, ...env },
  });
}

const tipOf = (gitDir: string) => git(gitDir, ['rev-parse', BRANCH]).trim();
const commitCount = (gitDir: string) => Number(git(gitDir, ['rev-list', '--count', BRANCH]).trim());
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOfHour = (ms: number) => ms - (ms % HOUR);

/** The line of `history/DAY.csv` that docs/history.md says a result becomes. */
function csvLineOf(result: Record<string, any>): string {
  const ms = (value: number) => String(Math.max(0, Math.round(value)));
  const t = result.timings as Record<string, number>;
  return [
    result.checkedAt,
    result.id,
    result.status,
    result.httpStatus ?? '',
    ms(t.total),
    ms(t.dns),
    ms(t.connect),
    ms(t.tls),
    ms(t.wait),
    ms(t.download),
    result.attempts,
    result.status === 'up' ? '' : (result.error ?? result.failures[0]),
  ].join(',');
}

/** The data lines of every raw day file on the branch. */
function rawLines(files: Map<string, string>): string[] {
  return [...files].filter(([name]) => name.startsWith('history/')).flatMap(([, text]) => text.trimEnd().split('\n').slice(1));
}

function endpointFigures(files: Map<string, string>, id: string): Record<string, any> {
  const status = JSON.parse(files.get('status.json') ?? '{}') as { endpoints: Array<Record<string, any>> };
  const figures = status.endpoints.find((endpoint) => endpoint.id === id);
  if (!figures) throw new Error(`no ${id} in status.json`);
  return figures;
}

/** Whatever the run showed anyone: logs, summary and outputs. `::add-mask::` lines are how a
 * secret is masked: the runner takes them and never shows them. */
const everythingShown = (run: ActionRun) =>
  [run.stdout.replace(/^::add-mask::.*$/gm, ''), run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');

describe('the data branch, through the built action', () => {
  test('the first run creates an orphan branch whose rows are the results; results carry the figures; the summary has History', async () => {
    const { repository, gitDir } = newRepo();
    seedCommits(gitDir, [{ at: Date.now(), message: 'init', files: { 'README.md': '# the shop\n' } }], 'main');

    const run = await runOn(repository, {
      endpoints: `- { id: api, name: API, url: "${service.url}/ok" }\n- { id: pay, name: Payments, url: "http://127.0.0.1:${refused}/" }`,
    });

    expect(run.code).toBe(1); // Payments is down, and failure-threshold is 1
    const files = branchFiles(gitDir);
    const [api, pay] = results(run);
    const day = dateOf(Date.parse(api.checkedAt));
    const names = [...files.keys()];
    expect(names.filter((name) => !name.startsWith('badges/')).sort()).toEqual(
      ['.nojekyll', 'daily.csv', `history/${day}.csv`, 'index.html', 'state.json', 'status.json'].sort(),
    );
    expect(names.filter((name) => name.startsWith('badges/api/')).length).toBeGreaterThan(0);
    expect(names.filter((name) => name.startsWith('badges/pay/')).length).toBeGreaterThan(0);
    // An orphan: it shares no commit with main.
    expect(() => git(gitDir, ['merge-base', 'main', BRANCH])).toThrow();
    expect(commitCount(gitDir)).toBe(1);

    expect(files.get(`history/${day}.csv`)).toBe(`${HEADER}\n${csvLineOf(api)}\n${csvLineOf(pay)}\n`);
    expect(csvLineOf(pay)).toMatch(/,pay,down,,\d+,\d+,\d+,0,0,0,1,connection refused$/);

    expect(run.outputs['history-commit']).toBe(tipOf(gitDir));
    expect(api).toMatchObject({
      state: 'up',
      since: api.checkedAt,
      uptime: { '24h': 100, '7d': 100, '30d': 100 },
      p95: Math.round(api.timings.total),
    });
    expect(pay).toMatchObject({ state: 'down', since: pay.checkedAt, uptime: { '24h': 0, '7d': 0, '30d': 0 }, p95: null });
    expect(endpointFigures(files, 'pay')).toMatchObject({ status: 'down', since: pay.checkedAt, checks: { '24h': 1 } });

    expect(run.summary).toContain('### History');
    // Two rows: the figures, then (in a table of its own) the hourly squares.
    const [row, hours] = run.summary.split('\n').filter((line) => line.startsWith('| Payments |'));
    expect(row).toBeDefined();
    const cells = row.split(' | ');
    expect(cells[1]).toBe('🔴 down');
    expect(cells.slice(3, 7)).toEqual(['**0\u00a0%** ⚠️', '**0\u00a0%** ⚠️', '**0\u00a0%** ⚠️', '99\u00a0%']);
    expect(cells[7]).toBe('—'); // no p95 without a timed check
    const squares = hours.split(' | ')[1];
    expect([...squares]).toHaveLength(24 + ' |'.length);
    expect(squares.endsWith('🟥 |')).toBe(true);
  });

  test('windows over seeded days: status.json and the summary give the figures computed by hand', async () => {
    const { repository, gitDir } = newRepo();
    const now = midHour();
    const anchor = startOfHour(now);
    const today = now - (now % DAY);
    // Raw checks of api, at whole hours before this hour (so each falls in a known square).
    const seeded: Array<[number, string, number]> = [
      [anchor - 50 * HOUR, 'up', 200],
      [anchor - 30 * HOUR, 'down', 0], // outage A: 2 h, all before the last 24 h
      [anchor - 29 * HOUR, 'down', 0],
      [anchor - 28 * HOUR, 'up', 400],
      [anchor - 5 * HOUR, 'up', 100],
      [anchor - 3 * HOUR, 'down', 0], // outage B: 1 h, inside the last 24 h
      [anchor - 2 * HOUR, 'up', 500],
      [anchor - 1 * HOUR, 'up', 300],
    ];
    const dayFiles: Record<string, string> = {};
    for (const [at, status, total] of seeded) {
      const name = `history/${dateOf(at)}.csv`;
      const http = status === 'up' ? '200' : '';
      const error = status === 'up' ? '' : 'connection refused';
      dayFiles[name] =
        (dayFiles[name] ?? `${HEADER}\n`) + `${new Date(at).toISOString()},api,${status},${http},${total},0,0,0,0,0,1,${error}\n`;
    }
    // Days long gone from the raw files, known only from daily.csv: 91 and 100 checks, none down.
    const daily = `${DAILY_HEADER}\n${dateOf(today - 60 * DAY)},api,100,100,0,0,0,50,60,70\n${dateOf(today - 20 * DAY)},api,91,91,0,0,0,50,60,70\n`;
    seedCommits(gitDir, [{ at: now - HOUR, message: 'seed\n\nVigil-Commits: 1\n', files: { ...dayFiles, 'daily.csv': daily } }]);

    const run = await runOn(
      repository,
      { endpoints: `- { id: api, name: API, url: "${service.url}/ok" }`, 'history-days': '7' },
      clockAt(now),
    );

    expect(run.code).toBe(0);
    const [api] = results(run);
    expect(api.status).toBe('up');
    const figures = endpointFigures(branchFiles(gitDir), 'api');
    // 24 h: −5 h, −3 h (down), −2 h, −1 h and this run: 5 checks, 1 down → 80 %.
    // 7 d: those and −50 h, −30 h (down), −29 h (down), −28 h: 9 checks, 3 down → 6/9 = 66.666 %.
    // 30 d: and the 91 checks of 20 days ago: 100 checks, 3 down → 97 %.
    // 90 d: and the 100 checks of 60 days ago: 200 checks, 3 down → 98.5 %.
    expect(figures.checks).toEqual({ '24h': 5, '7d': 9, '30d': 100, '90d': 200 });
    expect(figures.uptime).toEqual({ '24h': 80, '7d': 66.666, '30d': 97, '90d': 98.5 });
    // p95, nearest rank: 24 h has this run's check (a few ms) and 100, 500, 300 → rank 4 of 4 = 500;
    // 7 d adds 200 and 400 → rank 6 of 6 = 500.
    expect(figures.responseTime['24h'].p95).toBe(500);
    expect(figures.responseTime['7d'].p95).toBe(500);
    expect(figures.responseTime['7d'].p99).toBe(500);
    // Outage B (1 h) in the last 24 h; outage A (2 h) too in the longer windows; the old days had none.
    expect(figures.downtime).toEqual({ '24h': 3600, '7d': 10800, '30d': 10800, '90d': 10800 });
    // 99 %: 1 % of 30 days = 25920 s allowed; 10800 used → 1 − 10800/25920 = 0.5833… → 0.583.
    expect(figures.errorBudget).toEqual({ allowed: 25920, used: 10800, left: 0.583 });
    expect(api).toMatchObject({ state: 'up', uptime: { '24h': 80, '7d': 66.666, '30d': 97 }, p95: 500 });

    const [row, hours] = run.summary.split('\n').filter((line) => line.startsWith('| API |'));
    const cells = row.split(' | ');
    expect(cells.slice(3, 8)).toEqual(['**80\u00a0%** ⚠️', '**66.666\u00a0%** ⚠️', '**97\u00a0%** ⚠️', '99\u00a0%', '500 ms']);
    // The error budget as time: 99 % of 30 days allows 7.2 h; the 3 h of outages leave 4.2 h.
    expect(cells[8]).toBe('4.2 of 7.2\u00a0h |');
    // 24 squares, oldest first, ending with this hour: −5 h up, −3 h down, −2 h and −1 h up, now up.
    expect(hours).toBe(`| API | ${'⬜'.repeat(18)}🟩⬜🟥🟩🟩🟩 |`);

    // The monitor's own runs (README "Is the monitor itself running?"): the seeded rows of the last
    // 24 h and this run are 5 runs; the longest stretch without one is from the window's start
    // (24 h before this run) to the run 5 h before this hour.
    const { monitor } = JSON.parse(branchFiles(gitDir).get('status.json')!);
    expect(monitor).toMatchObject({ lastRun: api.checkedAt, runs24h: 5 });
    expect(monitor.longestGap24h).toBe(Math.round((anchor - 5 * HOUR - (Date.parse(api.checkedAt) - DAY)) / 1000));
    expect(run.summary).toMatch(/🕒 Monitor: checks ran on time [\d.]+ % of the last 24 h; longest gap 1\d h( \d+ min)?\./);
  });

  test('raw days past history-days become daily.csv rows, and their files are removed', async () => {
    const { repository, gitDir } = newRepo();
    const now = midHour();
    const today = now - (now % DAY);
    const old = today - 10 * DAY + 12 * HOUR;
    const kept = today - 6 * DAY + 12 * HOUR;
    const line = (at: number, total: number) => `${new Date(at).toISOString()},api,up,200,${total},0,0,0,0,0,1,\n`;
    seedCommits(gitDir, [
      {
        at: now - HOUR,
        message: 'seed\n\nVigil-Commits: 1\n',
        files: {
          [`history/${dateOf(old)}.csv`]: `${HEADER}\n${line(old, 30)}${line(old + HOUR, 10)}${line(old + 2 * HOUR, 20)}`,
          [`history/${dateOf(kept)}.csv`]: `${HEADER}\n${line(kept, 40)}`,
        },
      },
    ]);

    const run = await runOn(
      repository,
      { endpoints: `- { id: api, url: "${service.url}/ok" }`, 'history-days': '7' },
      clockAt(now),
    );

    expect(run.code).toBe(0);
    const files = branchFiles(gitDir);
    expect(files.has(`history/${dateOf(old)}.csv`)).toBe(false);
    expect(files.has(`history/${dateOf(kept)}.csv`)).toBe(true);
    // 10, 20, 30 ms: p50 is rank 2 (20), p95 and p99 rank 3 (30).
    expect(files.get('daily.csv')?.split('\n')).toContain(`${dateOf(old)},api,3,3,0,0,0,20,30,30`);
    expect(endpointFigures(files, 'api').checks).toEqual({ '24h': 1, '7d': 2, '30d': 5, '90d': 5 });
  });

  test('failure-threshold 2: the first down run is pending and fails nothing; the second counts, fails and opens the issue', async () => {
    // The fake GitHub takes `test-token`, so this test has a git server of its own taking it too.
    const server = await startGitServer('test-token');
    const github = await startFakeGitHub('acme/thresholds');
    try {
      server.createRepo('acme/thresholds');
      const gitDir = `${server.root}/acme/thresholds.git`;
      const inputs = {
        endpoints: `- { id: pay, name: Payments, url: "${service.url}/down" }`,
        'failure-threshold': '2',
        'create-issues': 'true',
        'github-token': 'test-token',
      };
      const env = { GITHUB_API_URL: github.url };

      const first = await runOn('acme/thresholds', inputs, env, server);
      expect(first.code).toBe(0);
      const [pending] = results(first);
      expect(pending).toMatchObject({ status: 'down', httpStatus: 503 });
      expect(pending.state).not.toBe('down');
      expect(first.summary).toContain('down — 1 of 2 before it counts');
      expect(first.stdout).not.toContain('::error');
      expect(github.issues).toEqual([]);
      expect(first.outputs['issues-opened']).toBe('[]');

      const second = await runOn('acme/thresholds', inputs, env, server);
      expect(second.code).toBe(1);
      const [counted] = results(second);
      expect(counted).toMatchObject({ status: 'down', state: 'down', since: pending.checkedAt });
      expect(github.issues).toHaveLength(1);
      const [issue] = github.issues;
      expect(second.outputs['issues-opened']).toBe(`[${issue.number}]`);
      const firstDown = new Date(pending.checkedAt)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
      expect(issue.body).toContain(`is down since ${firstDown}.`);
      // The issue's link reaches status.json in a follow-up push, and history-commit is that push.
      const files = branchFiles(gitDir);
      expect(endpointFigures(files, 'pay')).toMatchObject({
        status: 'down',
        since: pending.checkedAt,
        incident: { number: issue.number },
      });
      expect(second.outputs['history-commit']).toBe(tipOf(gitDir));
    } finally {
      await github.close();
      await server.close();
    }
  });

  test('three overlapping runs lose nothing: every check of every run is on the branch exactly once', async () => {
    const { repository, gitDir } = newRepo();
    const inputs = {
      endpoints: `- { id: api, url: "${service.url}/ok" }\n- { id: pay, url: "http://127.0.0.1:${refused}/" }`,
      'fail-on': 'never',
    };
    gitServer.holdPushes(3);
    const pushesBefore = gitServer.pushBytes.length;

    const runs = await Promise.all([runOn(repository, inputs), runOn(repository, inputs), runOn(repository, inputs)]);

    // The three first pushes went together, so two of them had to read again and push once more.
    expect(gitServer.pushBytes.length - pushesBefore).toBeGreaterThanOrEqual(5);
    const expected = runs.flatMap((run) => results(run).map(csvLineOf));
    expect(expected).toHaveLength(6);
    const files = branchFiles(gitDir);
    expect(rawLines(files).sort()).toEqual(expected.sort());
    expect(endpointFigures(files, 'api').checks['24h']).toBe(3);
    expect(endpointFigures(files, 'pay').checks['24h']).toBe(3);
    for (const run of runs) {
      expect(run.code).toBe(0);
      // Each run names a commit of the branch's history.
      expect(git(gitDir, ['merge-base', '--is-ancestor', run.outputs['history-commit'], BRANCH])).toBe('');
    }
  });

  describe('the branch stays small', () => {
    // The run's clock is set: a tip of "today" is still of today when the run starts.
    const now = midHour();
    // A function: `service` is started in beforeAll, after this describe's body has run.
    const endpoints = () => `- { id: api, url: "${service.url}/ok" }`;
    const seededRow = (at: number) => `${new Date(at).toISOString()},api,up,200,77,0,0,0,0,0,1,\n`;

    async function seedAndRun(tipAt: number, count: number) {
      const { repository, gitDir } = newRepo();
      const at = now - 1000;
      const day = `history/${dateOf(at)}.csv`;
      seedCommits(gitDir, [
        { at: tipAt, message: `Vigil: run\n\nVigil-Commits: ${count - 1}\n`, files: { 'notes.txt': 'first\n' } },
        { at: tipAt, message: `Vigil: run\n\nVigil-Commits: ${count}\n`, files: { [day]: `${HEADER}\n${seededRow(at)}` } },
      ]);
      const run = await runOn(repository, { endpoints: endpoints() }, clockAt(now));
      expect(run.code).toBe(0);
      const files = branchFiles(gitDir);
      // The squash keeps every file: the seeded ones and this run's row.
      expect(files.get('notes.txt')).toBe('first\n');
      expect(rawLines(files)).toEqual([seededRow(at).trimEnd(), csvLineOf(results(run)[0])]);
      expect(run.outputs['history-commit']).toBe(tipOf(gitDir));
      return gitDir;
    }

    test('a branch of 300 commits becomes one commit', async () => {
      const gitDir = await seedAndRun(now - 1000, 300);
      expect(commitCount(gitDir)).toBe(1);
      expect(git(gitDir, ['log', '-1', '--format=%B', BRANCH])).toContain('Vigil-Commits: 1');
    });

    test('the first run of a new UTC day squashes the branch', async () => {
      const gitDir = await seedAndRun(now - DAY, 2);
      expect(commitCount(gitDir)).toBe(1);
    });

    test('a small branch of today just grows by one commit', async () => {
      const gitDir = await seedAndRun(now - 1000, 2);
      expect(commitCount(gitDir)).toBe(3);
      expect(git(gitDir, ['log', '-1', '--format=%B', BRANCH])).toContain('Vigil-Commits: 3');
    });
  });

  describe('when the branch cannot be written', () => {
    test('a refused push (403): a warning and a summary notice say what to add; the step passes; the token shows nowhere', async () => {
      const { repository, gitDir } = newRepo();
      gitServer.refusePushes = true;

      const run = await runOn(repository, { endpoints: `- { id: api, name: API, url: "${service.url}/ok" }` });

      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /::warning title=Vigil%3A history not saved::History was not saved.*permissions: contents: write.*Checks, outputs and issues go on/,
      );
      expect(run.summary).toContain('permissions: contents: write');
      expect(run.outputs['history-commit']).toBe('');
      expect(results(run)[0]).toMatchObject({ id: 'api', status: 'up' });
      expect(run.outputs.status).toBe('up');
      expect(() => git(gitDir, ['rev-parse', '--verify', '--quiet', BRANCH])).toThrow();
      expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
      expect(everythingShown(run)).not.toContain(TOKEN);
      expect(everythingShown(run)).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
    });

    test('a wrong token: a warning and a summary notice say so; the step passes; the token shows nowhere', async () => {
      const { repository } = newRepo();
      const wrong = 'ghs_Wr0ngT0kenThatMustNotLeak_5k2z';

      const run = await runOn(repository, { endpoints: `- { id: api, url: "${service.url}/ok" }`, 'github-token': wrong });

      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /::warning title=Vigil%3A history not saved::History was not saved.*the token was not accepted.*github-token/,
      );
      // The summary escapes Markdown: `github\-token` reads as github-token.
      expect(run.summary).toMatch(/History was not saved.*the token was not accepted.*github\\-token/);
      expect(run.outputs['history-commit']).toBe('');
      expect(results(run)[0]).toMatchObject({ status: 'up' });
      expect(everythingShown(run)).not.toContain(wrong);
      expect(everythingShown(run)).not.toContain(TOKEN);
    });
  });
});
