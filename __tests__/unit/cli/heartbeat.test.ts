/**
 * `vigil heartbeat ID --repo OWNER/REPO`: one repository_dispatch to the fake GitHub API, with
 * clear errors for what is missing or refused, and the token never printed.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { main } from '../../../src/cli.js';
import { closedPort } from '../../support/servers.js';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github.js';

let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub('acme/shop');
});
afterAll(async () => github.close());

async function vigil(argv: string[], env: NodeJS.ProcessEnv = { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url }) {
  const out = { stdout: '', stderr: '' };
  const code = await main(argv, {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    env,
    cwd: process.cwd(),
    colour: false,
  });
  return { code, ...out };
}

test('sends the dispatch the monitor listens for, ok by default', async () => {
  const before = github.dispatches.length;
  const run = await vigil(['heartbeat', 'nightly-backup', '--repo', 'acme/shop']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toBe('Heartbeat "nightly-backup" (ok) sent to acme/shop.\n');
  expect(github.dispatches.slice(before)).toEqual([
    { event_type: 'vigil-heartbeat', client_payload: { id: 'nightly-backup', status: 'ok' } },
  ]);
  expect(github.requests.at(-1)).toMatchObject({ method: 'POST', path: '/repos/acme/shop/dispatches' });
});

test('--status fail reports a failure', async () => {
  const before = github.dispatches.length;
  expect((await vigil(['heartbeat', '--status=fail', 'etl', '--repo=acme/shop'])).code).toBe(0);
  expect(github.dispatches.slice(before)).toEqual([
    { event_type: 'vigil-heartbeat', client_payload: { id: 'etl', status: 'fail' } },
  ]);
});

test('usage errors say what is missing, before any request', async () => {
  const before = github.requests.length;
  const cases: Array<[string[], string]> = [
    [['heartbeat', '--repo', 'acme/shop'], 'a heartbeat id is needed'],
    [['heartbeat', 'etl'], '--repo OWNER/REPO is needed'],
    [['heartbeat', 'etl', '--repo', 'acme'], '--repo "acme" is not OWNER/REPO'],
    [['heartbeat', 'etl', '--repo', 'acme/shop', '--status', 'maybe'], '--status "maybe" is not ok or fail'],
    [['heartbeat', 'etl', '--repo', 'acme/shop', '--token', 'x'], 'unknown option --token'],
    // Only an id a monitor's `heartbeat:` can name.
    [['heartbeat', 'nightly backup', '--repo', 'acme/shop'], '"nightly backup" is not a heartbeat id'],
  ];
  for (const [argv, said] of cases) {
    const run = await vigil(argv);
    expect([argv, run.code]).toEqual([argv, 2]);
    expect(run.stderr).toContain(said);
  }
  const run = await vigil(['heartbeat', 'etl', '--repo', 'acme/shop'], { GITHUB_API_URL: github.url });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('GITHUB_TOKEN is not set');
  expect(github.requests.length).toBe(before);
});

test('403 and 404 say which permission is needed; 401 names GITHUB_TOKEN; the token is never printed', async () => {
  github.fail({ method: 'POST', path: /\/dispatches$/, status: 403, times: 1 });
  const forbidden = await vigil(['heartbeat', 'etl', '--repo', 'acme/shop']);
  expect(forbidden.code).toBe(1);
  expect(forbidden.stderr).toContain('HTTP 403');
  expect(forbidden.stderr).toContain('Contents: write on acme/shop');

  const missing = await vigil(['heartbeat', 'etl', '--repo', 'acme/elsewhere']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('404 for acme/elsewhere');

  const rejected = await vigil(['heartbeat', 'etl', '--repo', 'acme/shop'], {
    GITHUB_TOKEN: 'ghp_not-the-right-token',
    GITHUB_API_URL: github.url,
  });
  expect(rejected.code).toBe(1);
  expect(rejected.stderr).toContain('did not accept GITHUB_TOKEN');
  expect(JSON.stringify([forbidden, missing, rejected])).not.toMatch(/test-token|ghp_not-the-right-token/);
});

test('an API that cannot be reached is exit 1, saying where it tried', async () => {
  const port = await closedPort();
  const run = await vigil(['heartbeat', 'etl', '--repo', 'acme/shop'], {
    GITHUB_TOKEN: 'test-token',
    GITHUB_API_URL: `http://127.0.0.1:${port}`,
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`could not reach http://127.0.0.1:${port}`);
});
