/**
 * Maintenance windows end to end: dist/index.js with history on a real git server, incident
 * issues on the fake GitHub and webhooks on loopback. An endpoint that is down during its window
 * is still checked and recorded, as `maintenance`, and nobody is alerted about it.
 */
import { expect, test } from '@jest/globals';
import { results } from '../support/action.js';
import { startChannel } from '../support/channels.js';
import { dataRepo } from '../support/data-branch.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { historyFixture, rendered } from '../support/run-fixture.js';

const history = historyFixture();

test('a down check in a window: recorded as maintenance, no issue, no down alert, step passes; the maintenance event is sent', async () => {
  const alerts = await startChannel();
  const maintenanceHook = await startChannel();
  const repo = dataRepo(history.server);
  const github = await startFakeGitHub(repo.repository);
  // A window that began ten minutes ago (on a whole minute) and lasts an hour.
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);
  const until = new Date(start.getTime() + 3_600_000);
  const hhmm = until.toISOString().slice(11, 16);
  const untilText =
    until.toISOString().slice(0, 10) === new Date().toISOString().slice(0, 10)
      ? hhmm
      : `${until.toISOString().slice(0, 10)} ${hhmm}`;
  const inputs = {
    endpoints: [
      `- { id: shop, name: Shop, url: "${history.endpoint.url}/health" }`,
      `- { id: blog, name: Blog, url: "${history.endpoint.url}/blog" }`,
    ].join('\n'),
    maintenance: `- { start: "${start.toISOString()}", duration: 1h, endpoints: [shop] }`,
    notify: [
      `- webhook: { url: "${alerts.url}/alerts" }`,
      `- webhook: { url: "${maintenanceHook.url}/maintenance" }\n  on: [maintenance]`,
    ].join('\n'),
    'create-issues': 'true',
    retries: '0',
  };
  try {
    history.endpoint.up = true;
    // Before the window matters: both endpoints up and on record.
    const before = await repo.run({ ...inputs, maintenance: '' }, { GITHUB_API_URL: github.url });
    expect(before.code).toBe(0);

    history.endpoint.up = false;
    const run = await repo.run(inputs, { GITHUB_API_URL: github.url });
    // Blog is down and not in a window: it is what fails the step, opens an issue and alerts.
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::Down: Blog \(down\)$/m);
    const day = repo.file(`history/${new Date().toISOString().slice(0, 10)}.csv`) ?? '';
    const last = (id: string) =>
      day
        .trim()
        .split('\n')
        .filter((line) => line.split(',')[1] === id)
        .pop()!
        .split(',');
    expect(last('shop').slice(2, 4)).toEqual(['maintenance', '503']);
    expect(last('blog').slice(2, 4)).toEqual(['down', '503']);
    expect(github.issues.map((issue) => issue.title)).toEqual(['🔴 Blog is down']);
    expect(alerts.json().map((body) => [body.event, (body.endpoint as { id: string }).id])).toEqual([['down', 'blog']]);
    expect(maintenanceHook.json()).toEqual([
      expect.objectContaining({ event: 'maintenance', endpoint: expect.objectContaining({ id: 'shop' }) }),
    ]);
    // As the Markdown reads once rendered (the summary escapes its punctuation).
    expect(rendered(run.summary)).toMatch(new RegExp(`\\| Shop \\| 🔧 maintenance until ${untilText} \\(UTC\\) \\|`));
    expect(results(run).find((result) => result.id === 'shop')).toMatchObject({ status: 'down', state: 'maintenance' });

    // Later in the same window: nothing new is sent.
    history.endpoint.up = true;
    const again = await repo.run(inputs, { GITHUB_API_URL: github.url });
    expect(again.code).toBe(0);
    expect(alerts.requests.map((request) => JSON.parse(request.body).event)).toEqual(['down', 'recovered']);
    expect(maintenanceHook.requests).toHaveLength(1);
  } finally {
    await Promise.all([alerts.close(), maintenanceHook.close(), github.close()]);
  }
}, 180_000);

test('with only the window’s endpoint down, nothing fails', async () => {
  const alerts = await startChannel();
  const repo = dataRepo(history.server);
  const start = new Date(Date.now() - 60_000);
  try {
    history.endpoint.up = false;
    const run = await repo.run({
      endpoints: `- { id: shop, name: Shop, url: "${history.endpoint.url}/health" }`,
      maintenance: `- { start: "${start.toISOString()}", duration: 30m }`,
      notify: `- webhook: { url: "${alerts.url}/alerts" }`,
      retries: '0',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/^::error/m);
    expect(alerts.requests).toHaveLength(0);
    expect(rendered(run.summary)).toMatch(/\| Shop \| 🔧 maintenance until (\d{4}-\d\d-\d\d )?\d\d:\d\d \(UTC\) \|/);
    expect(results(run)[0]).toMatchObject({ status: 'down', state: 'maintenance' });
    expect(JSON.parse(repo.file('status.json') ?? '{}').endpoints[0]).toMatchObject({ id: 'shop', status: 'maintenance' });
  } finally {
    await alerts.close();
  }
}, 120_000);
