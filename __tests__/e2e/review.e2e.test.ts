/**
 * The built action against hostile services with every v2 sink on: the data branch (a real git
 * server), the status page and badges, notifications and incident issues. A response that echoes
 * the secrets it was sent and answers with text made to break Markdown, HTML, CSV and the runner's
 * log must leave no secret and no live markup anywhere a user or the runner reads.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { results, runAction, type ActionRun } from '../support/action.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { startGitServer, type GitServer } from '../support/git-server.js';
import { branchFiles } from '../support/run-fixture.js';
import { startServer, type Service } from '../support/servers.js';
import { commandIn, logLines } from '../support/workflow-commands.js';
import { parseCsv } from '../../src/history/csv.js';

/** The token the fake GitHub accepts; the git server takes it too. */
const TOKEN = 'test-token';
const SECRET = 'sekret-9f8e7d6c5b4a';
const REPOSITORY = 'acme/shop';

/** Text made to be read as Markdown, HTML, a mention, a link, a workflow command and CSV. */
const HOSTILE =
  '<script>alert(1)</script> @everyone [x](javascript:alert(1)) ::set-output name=pwned::1 ##[add-mask]zz ,"\n=1+1,"';
/** The same on one line, for a status text or header value (HTTP carries no line break there). */
const HOSTILE_LINE = HOSTILE.replace(/\n/g, ' ');

let gitServer: GitServer;
let gitDir: string;
let github: FakeGitHub;
let hostile: Service;
let hook: Service;

beforeAll(async () => {
  gitServer = await startGitServer(TOKEN);
  gitDir = gitServer.createRepo(REPOSITORY);
  github = await startFakeGitHub(REPOSITORY);
  hostile = await startServer((req, res) => {
    // Echo what was sent, secrets included, in every place the check reads.
    const echo = `${req.url} key=${String(req.headers['x-api-key'])}`;
    if ((req.url ?? '').startsWith('/down/')) {
      res.writeHead(503, `${HOSTILE_LINE} ${echo}`, { 'content-type': 'text/plain' });
      res.end(`${HOSTILE}\n${echo}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-state': `${HOSTILE_LINE} ${echo}` });
    res.end(JSON.stringify({ state: `${HOSTILE} ${echo}` }));
  });
  // A notification target that fails, answering with hostile text.
  hook = await startServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(HOSTILE);
  });
});

afterAll(async () => {
  await Promise.all([gitServer.close(), github.close(), hostile.close(), hook.close()]);
});

/** The summary as GitHub renders it (HTML allowed), with the contents of code taken out: what is
 * left is what renders as live Markdown/HTML. */
function liveSummary(markdown: string): string {
  const html = new MarkdownIt({ html: true, linkify: true }).render(markdown);
  return html.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
}

const endpoints = [
  '- name: Down',
  `  url: http://127.0.0.1:PORT/down/\${SECRET}/x?token=\${SECRET}&q=\${SECRET}`,
  '  headers: { X-Api-Key: "${SECRET}" }',
  '- name: Wrong',
  `  url: http://127.0.0.1:PORT/wrong/\${SECRET}?token=\${SECRET}`,
  '  headers: { X-Api-Key: "${SECRET}" }',
  '  json: { state: ok }',
  '  response-headers: { x-state: ok }',
].join('\n');

describe('hostile responses with history, page, notifications and issues', () => {
  let run: ActionRun;
  beforeAll(async () => {
    run = await runAction({
      inputs: {
        history: 'true',
        'create-issues': 'true',
        retries: '0',
        endpoints: endpoints.replaceAll('PORT', String(hostile.port)),
        notify: `- webhook: { url: "http://127.0.0.1:${hook.port}/hook", secret: "\${SECRET}" }`,
        'github-token': TOKEN,
      },
      env: { SECRET, GITHUB_SERVER_URL: gitServer.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_API_URL: github.url },
    });
  }, 120_000);

  test('the run did reach every sink (so the checks below are not vacuous)', () => {
    expect(results(run).map((result) => result.status)).toEqual(['down', 'down']);
    expect(run.outputs['history-commit']).toMatch(/^[0-9a-f]{40}$/);
    expect(branchFiles(gitDir).has('index.html')).toBe(true);
    expect(hook.requests.filter((request) => request.url === '/hook')).toHaveLength(2);
    expect(github.open()).toHaveLength(2);
    // The hostile service really was sent the secret, and echoed it.
    expect(hostile.requests.every((request) => request.headers['x-api-key'] === SECRET)).toBe(true);
  });

  test('no secret in the log, summary, outputs, branch files, notifications or issues', () => {
    const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    const places: Record<string, string> = {
      log: [...log, run.stderr].join('\n'),
      summary: run.summary,
      outputs: JSON.stringify(run.outputs),
      ...Object.fromEntries([...branchFiles(gitDir)].map(([path, text]) => [`branch ${path}`, text])),
      notifications: hook.requests.map((request) => request.body).join('\n'),
      issues: JSON.stringify(github.issues),
    };
    for (const [place, text] of Object.entries(places)) {
      expect({ place, leaks: text.includes(SECRET) || text.includes(TOKEN) }).toEqual({ place, leaks: false });
    }
  });

  test('the day file stays one record per check, with the error on one line', () => {
    const files = branchFiles(gitDir);
    const day = [...files.keys()].find((path) => /^history\/\d{4}-\d\d-\d\d\.csv$/.test(path));
    expect(day).toBeDefined();
    const records = parseCsv(files.get(day!)!);
    expect(records[0]).toEqual([
      'time',
      'id',
      'status',
      'http',
      'total',
      'dns',
      'connect',
      'tls',
      'wait',
      'download',
      'attempts',
      'error',
    ]);
    expect(records.slice(1).map((record) => [record.length, record[1], record[2]])).toEqual([
      [12, 'down', 'down'],
      [12, 'wrong', 'down'],
    ]);
    for (const record of records.slice(1)) expect(record[11]).not.toMatch(/[\r\n]/);
  });

  test('hostile text renders as nothing live in the summary and the page', () => {
    const live = liveSummary(run.summary);
    expect(live).not.toContain('<script');
    expect(live).not.toContain('javascript:');
    expect(live).not.toContain('@everyone');
    const page = branchFiles(gitDir).get('index.html')!;
    expect(page).not.toContain('<script>alert');
    // The page says why an endpoint is down: escaped text inside code, inert like the summary's code.
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toContain('javascript:alert');
  });

  test('failed sends are listed once, under one heading, and kept in the outbox', () => {
    expect(run.summary.split('Notifications that could not be sent')).toHaveLength(2);
    const listed = run.summary.split('\n').filter((line) => line.includes('webhook'));
    expect(listed).toHaveLength(2);
    for (const line of listed) expect(line).toMatch(/^- webhook /);
    const state = JSON.parse(branchFiles(gitDir).get('state.json')!) as { outbox: unknown[] };
    expect(state.outbox).toHaveLength(2);
  });

  test('no line of the log is a workflow command the response wrote', () => {
    const commands = logLines(run.stdout + run.stderr)
      .map((line) => ({ line, command: commandIn(line) }))
      .filter(({ command }) => command !== null);
    for (const { line, command } of commands) {
      expect(['error', 'warning', 'add-mask']).toContain(command);
      expect(line.startsWith(`::${command}`)).toBe(true);
    }
  });
});

describe('a later run whose issues API fails', () => {
  test('keeps the open incidents linked in status.json', async () => {
    const before = JSON.parse(branchFiles(gitDir).get('status.json')!) as {
      endpoints: Array<{ id: string; incident: { number: number } | null }>;
    };
    const linked = before.endpoints.map((endpoint) => [endpoint.id, endpoint.incident?.number ?? null]);
    expect(linked.every(([, number]) => typeof number === 'number')).toBe(true);
    github.fail({ method: 'GET', path: /\/issues$/, status: 403, times: 100 });
    const run = await runAction({
      inputs: {
        history: 'true',
        'create-issues': 'true',
        retries: '0',
        endpoints: endpoints.replaceAll('PORT', String(hostile.port)),
        notify: `- webhook: { url: "http://127.0.0.1:${hook.port}/hook", secret: "\${SECRET}" }`,
        'github-token': TOKEN,
      },
      env: { SECRET, GITHUB_SERVER_URL: gitServer.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_API_URL: github.url },
    });
    expect(run.code).toBe(1);
    expect(run.summary).toContain('403');
    const after = JSON.parse(branchFiles(gitDir).get('status.json')!) as typeof before;
    expect(after.endpoints.map((endpoint) => [endpoint.id, endpoint.incident?.number ?? null])).toEqual(linked);
  }, 120_000);
});

describe('a down check below the failure threshold', () => {
  test('is pending: no issue, no notification, no failure; the summary and results say so', async () => {
    const api = await startFakeGitHub(REPOSITORY);
    const quiet = await startServer((_req, res) => res.end('ok'));
    try {
      const run = await runAction({
        inputs: {
          history: 'true',
          'create-issues': 'true',
          'fail-on': 'down',
          retries: '0',
          endpoints: `- name: Flaky\n  url: http://127.0.0.1:${hostile.port}/down/flaky\n  failure-threshold: 2`,
          notify: `- webhook: { url: "http://127.0.0.1:${quiet.port}/hook" }`,
          'github-token': TOKEN,
        },
        env: { GITHUB_SERVER_URL: gitServer.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_API_URL: api.url },
      });
      expect(results(run).map((result) => [result.status, result.state])).toEqual([['down', 'up']]);
      expect(run.code).toBe(0);
      expect(api.issues).toEqual([]);
      expect(quiet.requests).toEqual([]);
      expect(run.summary).toContain('1 of 2 before it counts');
      expect(run.stdout).toMatch(/^::warning title=Vigil%3A Flaky is down \(pending\)::Flaky is down — 1 of 2 before it counts/m);
    } finally {
      await Promise.all([api.close(), quiet.close()]);
    }
  }, 120_000);
});

describe('a maintenance window', () => {
  test('opens and closes no issue, sends only maintenance events and fails nothing', async () => {
    const repository = 'acme/maint';
    gitServer.createRepo(repository);
    const api = await startFakeGitHub(repository);
    const messages: string[] = [];
    const receiver = await startServer((_req, res, body) => {
      messages.push((JSON.parse(body) as { event: string; endpoint: { id: string } }).event);
      res.end('ok');
    });
    let down = true;
    const service = await startServer((_req, res) => {
      res.statusCode = down ? 503 : 200;
      res.end('');
    });
    const inputs = {
      history: 'true',
      'create-issues': 'true',
      'fail-on': 'down',
      retries: '0',
      endpoints: [
        `- name: Flips\n  url: http://127.0.0.1:${service.port}/flips`,
        `- name: Broken\n  url: http://127.0.0.1:${hostile.port}/down/broken`,
      ].join('\n'),
      notify: `- webhook: { url: "http://127.0.0.1:${receiver.port}/hook" }\n  on: [down, recovered, maintenance]\n  endpoints: [flips]`,
      'github-token': TOKEN,
    };
    const env = { GITHUB_SERVER_URL: gitServer.url, GITHUB_REPOSITORY: repository, GITHUB_API_URL: api.url };
    try {
      const first = await runAction({ inputs: { ...inputs, endpoints: inputs.endpoints.split('\n- ')[0] }, env });
      expect(first.code).toBe(1);
      expect(api.open().map((issue) => issue.number)).toEqual([1]);
      expect(messages).toEqual(['down']);

      // Flips is up again and Broken is down, both inside a window.
      down = false;
      const start = new Date(Date.now() - 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const run = await runAction({ inputs: { ...inputs, maintenance: `- start: ${start}\n  duration: 1h` }, env });
      expect(results(run).map((result) => [result.id, result.status, result.state])).toEqual([
        ['flips', 'up', 'maintenance'],
        ['broken', 'down', 'maintenance'],
      ]);
      expect(run.code).toBe(0);
      expect(api.issues.map((issue) => [issue.number, issue.state, issue.comments.length])).toEqual([[1, 'open', 0]]);
      expect(messages).toEqual(['down', 'maintenance']);
      expect(run.summary).toContain('maintenance until');
    } finally {
      await Promise.all([api.close(), receiver.close(), service.close()]);
    }
  }, 120_000);
});

describe('a data branch that cannot be written', () => {
  test('warns without the token or live text from the server, and fails nothing', async () => {
    const repository = 'acme/locked';
    gitServer.createRepo(repository);
    // A server whose refusal echoes the credentials it received, with hostile text.
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    gitServer.protectBranch(repository, 'vigil-data', `GH006: refused for ${TOKEN} (${basic}) ${HOSTILE_LINE}`);
    const run = await runAction({
      inputs: { history: 'true', retries: '0', endpoints: `- http://127.0.0.1:${hostile.port}/fine`, 'github-token': TOKEN },
      env: { GITHUB_SERVER_URL: gitServer.url, GITHUB_REPOSITORY: repository },
    });
    expect(run.code).toBe(0);
    expect(run.outputs['history-commit']).toBe('');
    expect(run.summary).toContain('History was not saved');
    // The store's reason reads as a sentence before ours.
    expect(run.stdout).toMatch(/History was not saved to branch .*[.!?] Checks, outputs and issues go on/);
    const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    for (const text of [log.join('\n'), run.stderr, run.summary, JSON.stringify(run.outputs)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(basic);
    }
    expect(liveSummary(run.summary)).not.toMatch(/<script|javascript:|@everyone/);
    const commands = logLines(run.stdout)
      .map((line) => commandIn(line))
      .filter((command) => command !== null);
    expect(new Set(commands)).toEqual(new Set(['add-mask', 'warning']));
  }, 120_000);
});
