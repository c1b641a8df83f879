/**
 * Keeping the schedule alive, end to end: dist/index.js with history on a real git server and
 * the fake GitHub API. The run re-enables its own workflow at most once a day, the day kept in
 * `state.json` on the data branch; without `actions: write` it says so, once, and fails nothing.
 */
import { expect, test } from '@jest/globals';
import { dataRepo } from '../support/data-branch.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { historyFixture, rendered } from '../support/run-fixture.js';

const history = historyFixture();

const WORKFLOW = '.github/workflows/uptime.yml';

async function setup() {
  const repo = dataRepo(history.server);
  const github = await startFakeGitHub(repo.repository);
  const env = { GITHUB_API_URL: github.url, GITHUB_WORKFLOW_REF: `${repo.repository}/${WORKFLOW}@refs/heads/main` };
  const inputs = { endpoints: `- { id: shop, url: "${history.endpoint.url}/health" }` };
  const enables = () => github.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/enable'));
  return { repo, github, run: () => repo.run(inputs, env), enables };
}

test('the first run of the day re-enables the workflow; a second run the same day does not', async () => {
  const { repo, github, run, enables } = await setup();
  try {
    const first = await run();
    expect(first.code).toBe(0);
    expect(enables().map((request) => request.path)).toEqual([`/repos/${repo.repository}/actions/workflows/uptime.yml/enable`]);
    expect(github.enabledWorkflows).toEqual(['uptime.yml']);
    const done = repo.state().keepAlive[WORKFLOW];
    expect(Date.now() - Date.parse(done)).toBeLessThan(5 * 60_000);

    const second = await run();
    expect(second.code).toBe(0);
    expect(enables()).toHaveLength(1);
    expect(repo.state().keepAlive[WORKFLOW]).toBe(done);
    expect(second.summary).not.toContain('actions: write');
  } finally {
    await github.close();
  }
}, 120_000);

test('without actions: write, a notice in the summary names the permission, once a day, and nothing fails', async () => {
  const { repo, github, run, enables } = await setup();
  github.fail({ method: 'PUT', path: /\/enable$/, status: 403, times: 1 });
  try {
    const first = await run();
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/^::error/m);
    expect(rendered(first.summary)).toMatch(
      /^> \[!WARNING\]\n> .*could not re-enable this workflow.*Add `actions: write` to the workflow's `permissions:`/m,
    );
    expect(enables()).toHaveLength(1);
    expect(github.enabledWorkflows).toEqual([]);
    // The notice's day is kept like a success's, so the next run neither asks nor nags again.
    expect(repo.state().keepAlive[WORKFLOW]).toEqual(expect.any(String));

    const second = await run();
    expect(second.code).toBe(0);
    expect(enables()).toHaveLength(1);
    expect(second.summary).not.toContain('actions: write');
  } finally {
    await github.close();
  }
}, 120_000);

test('keep-alive: false never calls the API', async () => {
  const { repo, github, enables } = await setup();
  try {
    const run = await repo.run(
      { endpoints: `- { id: shop, url: "${history.endpoint.url}/health" }`, 'keep-alive': 'false' },
      { GITHUB_API_URL: github.url, GITHUB_WORKFLOW_REF: `${repo.repository}/${WORKFLOW}@refs/heads/main` },
    );
    expect(run.code).toBe(0);
    expect(enables()).toHaveLength(0);
  } finally {
    await github.close();
  }
}, 120_000);
