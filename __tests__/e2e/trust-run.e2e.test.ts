/**
 * The run's promises under faults, end to end through dist/index.js with its history on the
 * suite's real git server and notifications to loopback chat servers: files on the branch of an
 * unknown shape, rows dated in the future and a garbage outbox stop nothing; alerts go out when
 * the branch can be read but not written; the step fails naming the notifications that could not
 * be judged when nothing can be read; the run deadline and SIGINT end git and channels in time.
 */
import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, actionYml, parseOutputFile, type ActionRun } from '../support/action.js';
import { startChannel, type ChannelService } from '../support/channels.js';
import { BRANCH, TOKEN, dataRepo, shown, type DataRepo } from '../support/data-branch.js';
import { git } from '../support/git-server.js';
import { historyFixture } from '../support/run-fixture.js';
import { startServer } from '../support/servers.js';
import { startStallProxy } from '../support/stall-proxy.js';

const DAY = 86_400_000;

const history = historyFixture(TOKEN);

const ENDPOINTS = () => `- { id: shop, name: Shop, url: "${history.endpoint.url}/health" }`;

async function slackChannel() {
  const channel = await startChannel();
  const env = { SLACK_WEBHOOK_URL: `${channel.url}/services/T0/B0/slackTRUSTsecretPATH` };
  return { channel, env, notify: '- slack: "${SLACK_WEBHOOK_URL}"' };
}

/** The text of every Slack message a channel received. */
const texts = (channel: ChannelService) => channel.json().map((body) => JSON.stringify(body));

/** Puts files on top of the data branch in a commit as Vigil writes them (null deletes a file). */
function commitOnTop(repo: DataRepo, files: Record<string, string | null>): void {
  const at = Math.floor(Date.now() / 1000);
  const message = `Vigil: seed (${new Date().toISOString().slice(0, 16)}Z)\n\nVigil-Commits: 2\n`;
  let stream = `commit refs/heads/${BRANCH}\n`;
  stream += `author Vigil <vigil@users.noreply.github.com> ${at} +0000\ncommitter Vigil <vigil@users.noreply.github.com> ${at} +0000\n`;
  stream += `data ${Buffer.byteLength(message)}\n${message}from refs/heads/${BRANCH}^0\n`;
  for (const [name, text] of Object.entries(files)) {
    if (text === null) stream += `D ${name}\n`;
    else stream += `M 100644 inline ${name}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  }
  git(repo.gitDir, ['fast-import', '--quiet', '--force'], stream);
}

const warningLines = (run: ActionRun, pattern: RegExp) =>
  run.stdout.split('\n').filter((line) => line.startsWith('::warning') && pattern.test(line));

describe('tolerant readers', () => {
  test('ghost, null and string entries, rows dated in the future and a garbage outbox of 100,000 stale notices stop nothing', async () => {
    const { channel, env, notify } = await slackChannel();
    const repo = dataRepo(history.server, env);
    const inputs = { endpoints: ENDPOINTS(), notify, retries: '0' };
    try {
      history.endpoint.up = true;
      expect((await repo.run(inputs)).code).toBe(0);

      const status = JSON.parse(repo.file('status.json')!) as { endpoints: unknown[] };
      status.endpoints.push({ id: 'ghost' }, null, 'a string', 42, { id: 'half', status: 'down' });
      const stale = new Date(Date.now() - 2 * DAY).toISOString();
      const notice = (n: number) => ({
        event: { key: `old-${n}:down:${stale}`, kind: 'down', id: `old-${n}`, at: stale },
        target: 'slack#9:gone',
        firstTried: stale,
        attempts: 3,
        lastError: 'HTTP 500',
      });
      const outbox: unknown[] = [null, 7, 'x', { event: null, target: 'slack#0' }];
      for (let n = 0; n < 100_000; n++) outbox.push(notice(n));
      const state = { ...(JSON.parse(repo.file('state.json')!) as object), outbox };
      // A clock two days ahead wrote an outage: it must count nowhere.
      const ahead = Date.now() + 2 * DAY;
      const futureDay = `history/${new Date(ahead).toISOString().slice(0, 10)}.csv`;
      const header = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';
      const futureRows = [0, 1, 2].map(
        (n) => `${new Date(ahead + n * 300_000).toISOString()},shop,down,,5,0,1,0,0,0,1,refused\n`,
      );
      commitOnTop(repo, {
        'status.json': JSON.stringify(status),
        'state.json': JSON.stringify(state),
        [futureDay]: header + futureRows.join(''),
      });

      // The endpoint goes down: the new event goes out despite the garbage.
      history.endpoint.up = false;
      const down = await repo.run(inputs);
      expect(down.code).toBe(1);
      expect(down.stdout).not.toContain('failed unexpectedly');
      expect(texts(channel).filter((text) => /is down/.test(text))).toHaveLength(1);
      // One line per kind of problem, not one per entry (the summary escapes Markdown: drop the `\`).
      const summary = down.summary.replace(/\\/g, '');
      expect(summary).toMatch(/status\.json: 4 entries of an unknown shape were dropped/);
      expect(summary).toMatch(/state\.json: 4 entries of the notification outbox could not be read/);
      expect(summary).toMatch(/3 rows of the history are dated in the future/);
      expect(warningLines(down, /Could not notify/)).toEqual([
        expect.stringMatching(/Could not notify 100000 times: 100000 given up/),
      ]);
      expect(summary).toMatch(/and 99980 more \(99980 given up/);
      expect(down.summary.length).toBeLessThan(200_000);

      // The future rows count in no figure and draw no outage: the outage began with this run.
      const figures = (JSON.parse(repo.file('status.json')!) as { endpoints: Array<Record<string, any>> }).endpoints;
      // `half` had a status: repaired, and kept as an endpoint of another workflow would be.
      expect(figures.map((entry) => entry.id)).toEqual(['shop', 'half']);
      const shop = figures[0];
      expect(shop.checks['24h']).toBe(2);
      expect(shop.downtime['7d']).toBeLessThan(60);
      expect(Date.parse(shop.since)).toBeLessThanOrEqual(Date.now());
      // The future rows stay on the branch, byte for byte.
      expect(repo.file(futureDay)).toBe(header + futureRows.join(''));

      // A later run reads what this one wrote, and nothing it kept makes it stumble.
      const later = await repo.run(inputs);
      expect(later.code).toBe(1);
      expect(later.stdout).not.toContain('failed unexpectedly');
      expect(texts(channel).filter((text) => /is down/.test(text))).toHaveLength(1);
      expect(later.summary).not.toMatch(/unknown shape/);
    } finally {
      await channel.close();
    }
  }, 180_000);

  test('a branch seeded without state.json: since comes from the rows', async () => {
    const repo = dataRepo(history.server);
    history.endpoint.up = true;
    expect((await repo.run({ endpoints: ENDPOINTS(), retries: '0' })).code).toBe(0);
    const today = `history/${new Date().toISOString().slice(0, 10)}.csv`;
    const firstUp = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const header = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';
    const seeded = `${header}${new Date(Date.now() - 4 * 3_600_000).toISOString()},shop,down,,5,0,1,0,0,0,1,refused\n${firstUp},shop,up,200,5,0,1,0,3,1,1,\n`;
    // Only when the day of the seeded rows is today's (a run just after midnight skips the check).
    if (firstUp.slice(0, 10) !== new Date().toISOString().slice(0, 10)) return;
    commitOnTop(repo, { 'state.json': null, 'status.json': null, [today]: seeded });

    const run = await repo.run({ endpoints: ENDPOINTS(), retries: '0' });
    expect(run.code).toBe(0);
    const shop = (JSON.parse(repo.file('status.json')!) as { endpoints: Array<Record<string, any>> }).endpoints[0];
    expect(shop.since).toBe(firstUp);
    expect(repo.state().endpoints.shop.since).toBe(firstUp);
  }, 120_000);
});

describe('alerts do not depend on saving', () => {
  test('a branch that can be read but not written: the down event is sent, says why it may repeat, and the summary says so', async () => {
    const { channel, env, notify } = await slackChannel();
    const repo = dataRepo(history.server, env);
    const inputs = { endpoints: ENDPOINTS(), notify, retries: '0' };
    try {
      history.endpoint.up = true;
      expect((await repo.run(inputs)).code).toBe(0);
      const tip = git(repo.gitDir, ['rev-parse', BRANCH]).trim();
      history.server.refusePushes = true;
      history.endpoint.up = false;

      const first = await repo.run(inputs);
      expect(first.code).toBe(1);
      const sent = texts(channel);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(/Shop is down/);
      expect(sent[0]).toMatch(/could not save its history, so a later run may send this again/);
      expect(sent[0]).toMatch(/contents: write/);
      expect(first.summary).toMatch(/History was not saved/);
      expect(first.summary).toMatch(/sent anyway/);
      expect(first.summary).toMatch(/contents: write/);
      expect(git(repo.gitDir, ['rev-parse', BRANCH]).trim()).toBe(tip);

      // Still unwritable: at least once rather than exactly once.
      const second = await repo.run(inputs);
      expect(second.code).toBe(1);
      expect(texts(channel).filter((text) => /Shop is down/.test(text))).toHaveLength(2);
      for (const run of [first, second]) expect(shown(run)).not.toMatch(/slackTRUSTsecretPATH|test-token/);
    } finally {
      history.server.refusePushes = false;
      await channel.close();
    }
  }, 180_000);

  test('a protected branch: the event is sent, and the message says what to change', async () => {
    const { channel, env, notify } = await slackChannel();
    const repo = dataRepo(history.server, env);
    const inputs = { endpoints: ENDPOINTS(), notify, retries: '0' };
    try {
      history.endpoint.up = true;
      expect((await repo.run(inputs)).code).toBe(0);
      history.server.protectBranch(repo.repository, BRANCH);
      history.endpoint.up = false;
      const run = await repo.run(inputs);
      expect(run.code).toBe(1);
      expect(texts(channel)).toHaveLength(1);
      expect(texts(channel)[0]).toMatch(/protected branch/);
      expect(run.summary).toMatch(/protected/);
    } finally {
      await channel.close();
    }
  }, 120_000);

  test('nothing can be read: the step fails naming the notifications that could not be judged', async () => {
    const { channel, env, notify } = await slackChannel();
    const repo = dataRepo(history.server, env);
    try {
      history.endpoint.up = false;
      history.server.failFetches = 1000;
      const run = await repo.run({ endpoints: ENDPOINTS(), notify, retries: '0', 'fail-on': 'never' });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /::error title=Vigil%3A notifications not judged::Notifications could not be judged.*slack \(down, recovered\)/,
      );
      expect(run.summary).toMatch(/Notifications could not be judged/);
      expect(channel.requests).toHaveLength(0);
    } finally {
      history.server.failFetches = 0;
      await channel.close();
    }
  }, 120_000);
});

describe('the deadline covers everything', () => {
  test('a channel that never answers is cut at the run deadline, and the summary says which', async () => {
    const silent = await startServer(() => undefined);
    const repo = dataRepo(history.server, { SLACK_WEBHOOK_URL: `${silent.url}/services/T0/B0/never` });
    try {
      history.endpoint.up = false;
      const started = performance.now();
      const run = await repo.run({
        endpoints: ENDPOINTS(),
        notify: '- slack: "${SLACK_WEBHOOK_URL}"',
        retries: '0',
        deadline: '4s',
      });
      const took = performance.now() - started;
      // The channel's own timeout is 10 s: the run ended at its 4 s deadline, not at that.
      expect(took).toBeLessThan(9000);
      expect(silent.requests.length).toBeGreaterThanOrEqual(1);
      expect(run.summary).toMatch(/slack.*not finished: run deadline \(4s\) reached/);
      expect(run.outputs.status).toBe('down');
      expect(run.code).toBe(1);
    } finally {
      await silent.close();
    }
  }, 60_000);

  test('SIGINT while a push hangs: the summary and outputs are written within 5 s', async () => {
    const proxy = await startStallProxy(history.server.url);
    const repository = 'acme/stalled';
    history.server.createRepo(repository);
    const { workspace, env, outputFile, summaryFile } = runnerFor(repository, proxy.url, { endpoints: ENDPOINTS() });
    try {
      history.endpoint.up = true;
      const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'index.js')], { env, cwd: workspace });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.resume();
      const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
      await proxy.stalled;
      const interrupted = performance.now();
      child.kill('SIGINT');
      const code = await closed;
      const afterInterrupt = performance.now() - interrupted;

      expect(afterInterrupt).toBeLessThan(5000);
      expect(code).toBe(1);
      const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
      expect(outputs.status).toBe('up');
      expect(JSON.parse(outputs.results)).toHaveLength(1);
      const summary = readFileSync(summaryFile, 'utf8').replace(/\\/g, '');
      expect(summary).toMatch(/history did not finish: run cancelled \(SIGINT\)/i);
      expect(stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(TOKEN);
    } finally {
      await proxy.close();
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A workspace and the environment the runner gives the built action: history on, with the
 * token, against `serverUrl`; `inputs` over the defaults of action.yml. */
function runnerFor(repository: string, serverUrl: string, inputs: Record<string, string>) {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'vigil-ws-'));
  const outputFile = path.join(workspace, '.output');
  const summaryFile = path.join(workspace, '.summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: serverUrl,
    RUNNER_TEMP: workspace,
  };
  const given: Record<string, string> = { history: 'true', 'github-token': TOKEN, retries: '0', ...inputs };
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = given[name] ?? (spec.default?.includes('${{') ? '' : (spec.default ?? ''));
  }
  return { workspace, env, outputFile, summaryFile };
}
