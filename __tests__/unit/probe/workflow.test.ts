/**
 * Workflow heartbeats (`workflow: backup.yml`): the latest completed run of a workflow, judged
 * against the fake GitHub API, from the configuration as users write it to the check's result.
 * Time is moved with an injected wall clock, never waited for.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEndpoint } from '../../../src/cli.js';
import { loadConfig, type InputName } from '../../../src/config/inputs.js';
import { ConfigError, type Config, type Endpoint } from '../../../src/config/types.js';
import { probeKind } from '../../../src/probe/kinds/index.js';
import type { ProbeResult } from '../../../src/probe/types.js';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW - hours * 3600_000).toISOString();
const workspace = mkdtempSync(path.join(os.tmpdir(), 'vigil-workflow-'));

let github: FakeGitHub;
let other: FakeGitHub;

const env = (): NodeJS.ProcessEnv => ({ GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: github.url });
const load = (endpoints: string, environment: NodeJS.ProcessEnv = env(), token = 'test-token'): Config =>
  loadConfig((name: InputName) => (name === 'endpoints' ? endpoints : name === 'github-token' ? token : ''), {
    env: environment,
    workspace,
  });

function problems(endpoints: string, environment: NodeJS.ProcessEnv = env()): string[] {
  try {
    load(endpoints, environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.where}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a configuration error');
}

/** One attempt at an endpoint as the run makes it, at `now`. */
const check = (endpoint: Endpoint, now = NOW): Promise<ProbeResult> =>
  probeKind(
    {
      url: endpoint.url,
      method: endpoint.method,
      headers: endpoint.headers,
      body: endpoint.body,
      timeout: endpoint.timeout,
      followRedirects: endpoint.followRedirects,
      insecure: endpoint.insecure,
      ...(endpoint.kind ? { kind: endpoint.kind } : {}),
    },
    { wallClock: () => now },
  );
const checkWritten = async (written: string, now = NOW) => check(load(written).endpoints[0], now);

beforeAll(async () => {
  github = await startFakeGitHub('acme/shop');
  other = await startFakeGitHub('acme/infra');
});
afterAll(async () => {
  await github.close();
  await other.close();
});

describe('workflow: in place of url', () => {
  test('a file of this repository: its name, id and URL say which workflow', () => {
    const [endpoint] = load('- workflow: backup.yml').endpoints;
    expect(endpoint.name).toBe('workflow backup.yml');
    expect(endpoint.id).toBe('workflow-backup-yml');
    expect(endpoint.url).toBe('workflow:acme/shop/.github/workflows/backup.yml');
    expect(endpoint.kind).toMatchObject({ workflow: 'acme/shop/.github/workflows/backup.yml', githubApiUrl: github.url });
    expect(endpoint.kind?.maxAge).toBeUndefined();
    // `vigil validate` says what is checked, and nothing of the token.
    expect(describeEndpoint(endpoint)).toMatch(
      /^ {2}workflow-backup-yml: workflow acme\/shop\/\.github\/workflows\/backup\.yml — up when .*; max-age 25h$/,
    );
    expect(describeEndpoint(endpoint)).not.toContain('test-token');
  });

  test('up when the latest run succeeded within max-age; the token is sent and never shown', async () => {
    github.addRun('backup.yml', { conclusion: 'success', run_started_at: hoursAgo(3) });
    const result = await checkWritten('- workflow: backup.yml');
    expect(result.error).toBeNull();
    expect(result.statusText).toBe('last run 3 h ago');
    expect(result.timings.total).toBeGreaterThan(0);
    const asked = github.requests.at(-1)!;
    expect(asked.path).toBe('/repos/acme/shop/actions/workflows/backup.yml/runs?status=completed&per_page=30');
    expect(JSON.stringify(result)).not.toContain('test-token');
  });

  test('a run older than max-age is down, naming its age and linking the run', async () => {
    const run = github.addRun('nightly.yml', { conclusion: 'success', run_started_at: hoursAgo(26) });
    const result = await checkWritten('- workflow: nightly.yml');
    expect(result.error).toBe(`last run started 26 h ago (max-age 25h) (${run.html_url})`);
    // The same run, a shorter max-age from now, is judged against that.
    expect((await checkWritten('- workflow: nightly.yml\n  max-age: 48h')).error).toBeNull();
    // Time moves on: two days later even `48h` is past.
    expect((await checkWritten('- workflow: nightly.yml\n  max-age: 48h', NOW + 24 * 3600_000)).error).toMatch(
      /^last run started 50 h ago \(max-age 48h\)/,
    );
  });

  test('a failed run is down, naming its conclusion and linking it', async () => {
    github.addRun('deploy.yml', { conclusion: 'success', run_started_at: hoursAgo(5) });
    const failed = github.addRun('deploy.yml', { conclusion: 'failure', run_started_at: hoursAgo(1) });
    const result = await checkWritten('- workflow: deploy.yml');
    expect(result.error).toBe(`last run concluded failure (${failed.html_url})`);
    expect(result.errorCode).toBe('RUN_FAILED');
  });

  test('cancelled and skipped runs, and runs still going, are passed over', async () => {
    github.addRun('sync.yml', { conclusion: 'failure', run_started_at: hoursAgo(6) });
    const good = github.addRun('sync.yml', { conclusion: 'success', run_started_at: hoursAgo(4) });
    github.addRun('sync.yml', { conclusion: 'cancelled', run_started_at: hoursAgo(3) });
    github.addRun('sync.yml', { conclusion: 'skipped', run_started_at: hoursAgo(2) });
    github.addRun('sync.yml', { status: 'in_progress', conclusion: null, run_started_at: hoursAgo(0.1) });
    const result = await checkWritten('- workflow: sync.yml');
    expect(result.error).toBeNull();
    expect(result.statusText).toBe('last run 4 h ago');
    expect(good.conclusion).toBe('success');
  });

  test('created_at counts when run_started_at is missing', async () => {
    github.addRun('old.yml', { conclusion: 'success', run_started_at: null as unknown as string, created_at: hoursAgo(30) });
    expect((await checkWritten('- workflow: old.yml')).error).toMatch(/^last run started 30 h ago \(max-age 25h\)/);
  });

  test('branch: only runs on that branch are judged', async () => {
    github.addRun('release.yml', { conclusion: 'success', run_started_at: hoursAgo(2), head_branch: 'main' });
    github.addRun('release.yml', { conclusion: 'failure', run_started_at: hoursAgo(1), head_branch: 'feature/x' });
    expect((await checkWritten('- workflow: release.yml')).error).toMatch(/^last run concluded failure/);
    const result = await checkWritten('- workflow: release.yml\n  branch: main');
    expect(result.error).toBeNull();
    expect(github.requests.at(-1)!.path).toContain('&branch=main');
  });

  test('a workflow with no completed run yet is down', async () => {
    github.addRun('fresh.yml', { status: 'queued', conclusion: null, run_started_at: hoursAgo(0) });
    expect((await checkWritten('- workflow: fresh.yml')).error).toBe('no completed run of fresh.yml yet');
  });

  test('another repository, by its full path', async () => {
    other.addRun('backup.yml', { conclusion: 'success', run_started_at: hoursAgo(1) });
    const [endpoint] = load('- workflow: acme/infra/.github/workflows/backup.yml', {
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_API_URL: other.url,
    }).endpoints;
    expect(endpoint.name).toBe('workflow backup.yml');
    expect((await check(endpoint)).error).toBeNull();
    expect(other.requests.at(-1)!.path).toMatch(/^\/repos\/acme\/infra\/actions\/workflows\/backup\.yml\/runs\?/);
  });

  test('403 names actions: read; 404 names the workflow file; neither shows the token', async () => {
    github.addRun('guarded.yml', { conclusion: 'success', run_started_at: hoursAgo(1) });
    github.fail({ method: 'GET', path: /guarded\.yml\/runs$/, status: 403, times: 1 });
    const forbidden = await checkWritten('- workflow: guarded.yml');
    expect(forbidden.error).toContain('actions: read');
    expect(forbidden.errorCode).toBe('FORBIDDEN');
    const missing = await checkWritten('- workflow: no-such.yml');
    expect(missing.error).toMatch(/^no workflow no-such\.yml in acme\/shop \(HTTP 404\)/);
    expect(JSON.stringify([forbidden, missing])).not.toContain('test-token');
  });

  test('a token GitHub does not accept is down, naming github-token', async () => {
    github.addRun('tok.yml', { conclusion: 'success', run_started_at: hoursAgo(1) });
    const [endpoint] = load('- workflow: tok.yml', env(), 'wrong-token-value').endpoints;
    const result = await check(endpoint);
    expect(result.error).toContain('github-token');
    expect(JSON.stringify(result)).not.toContain('wrong-token-value');
  });
});

describe('configuration errors, before any request', () => {
  test('max-age and branch without workflow, and keys that do not apply to a workflow check', () => {
    const shown = problems(
      ['- url: https://example.com/', '  max-age: 25h', '- workflow: backup.yml', '  json:', '    $.ok: true'].join('\n'),
    );
    expect(shown).toEqual([
      expect.stringMatching(
        /^endpoints\[0\]\.max-age \(input endpoints, line 2\): "max-age" does not apply to an http check; it is for `workflow: backup\.yml`/,
      ),
      expect.stringMatching(/^endpoints\[1\]\.json \(input endpoints, line 4\): "json" does not apply to a workflow check/),
    ]);
  });

  test('a bad workflow path, a bad max-age, and a short name without GITHUB_REPOSITORY', () => {
    expect(problems('- workflow: ../../etc/passwd\n- workflow: x.yml\n  max-age: 30')).toEqual([
      'endpoints[0].workflow (input endpoints, line 1): "../../etc/passwd" is not a workflow file (backup.yml in this repository, or OWNER/REPO/.github/workflows/backup.yml)',
      'endpoints[1].max-age (input endpoints, line 3): 30 has no unit; did you mean 30s? (durations are a number with a unit: 250ms, 30s, 2m, 1h)',
    ]);
    expect(problems('- workflow: backup.yml', {})).toEqual([
      'endpoints[0].workflow (input endpoints, line 1): "backup.yml" is a workflow of this repository, but GITHUB_REPOSITORY is not set; write OWNER/REPO/.github/workflows/backup.yml',
    ]);
    expect(problems('- url: https://example.com/\n  workflow: backup.yml')).toEqual([
      'endpoints[0] (input endpoints, line 1): "url" and "workflow" each say what to check: give only one of them',
    ]);
  });
});
