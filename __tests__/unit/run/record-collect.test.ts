/**
 * When a run with history collects V8's garbage (src/run/heap.ts): through the real `recordRun`
 * and the real git store, against the suite's git server. A branch whose text is small is only
 * collected while git fetches; one whose text reaches COLLECT_FROM_TEXT is collected again before
 * the judge and before the objects are written.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { CheckedEndpoint, EndpointSettings } from '../../../src/history/types.js';
import { COLLECT_FROM_TEXT } from '../../../src/run/heap.js';
import { recordRun } from '../../../src/run/record-run.js';
import { gitStore, type GitStoreOptions } from '../../../src/store/index.js';
import { startGitServer, type GitServer } from '../../support/git-server.js';

const TOKEN = 'ghs_CollectT0kenThatMustNeverShow7';
const NOW = new Date('2026-11-26T10:05:30.000Z');

let server: GitServer;
beforeAll(async () => {
  server = await startGitServer(TOKEN);
});
afterAll(async () => {
  await server.close();
});

const settings: EndpointSettings = {
  id: 'api',
  name: 'API',
  url: 'https://example.com/api',
  target: 99,
  failureThreshold: 1,
  successThreshold: 1,
};
const check: CheckedEndpoint = {
  id: 'api',
  name: 'API',
  url: 'https://example.com/api',
  status: 'up',
  inMaintenance: false,
  httpStatus: 200,
  timings: { dns: 1, connect: 2, tls: 3, wait: 290, download: 4, total: 300 },
  attempts: 1,
  error: null,
  failures: [],
  checkedAt: NOW.toISOString(),
};

test('the collections before the judge and before writing are made only when the text read reaches COLLECT_FROM_TEXT', async () => {
  const repository = 'octo/collect';
  server.createRepo(repository);
  const options: GitStoreOptions = {
    serverUrl: server.url,
    repository,
    token: TOKEN,
    branch: 'vigil-data',
    env: process.env,
    now: () => NOW,
  };
  const run = async () => {
    const calls: string[] = [];
    const recorded = await recordRun({
      store: gitStore(options),
      checks: [check],
      workflow: '.github/workflows/uptime.yml',
      now: NOW,
      endpoints: [settings],
      configuredIds: ['api'],
      historyDays: 30,
      page: null,
      collect: (kind) => void calls.push(kind),
    });
    expect(recorded.commit).not.toBeNull();
    return calls;
  };

  expect(await run()).toEqual(['shrink']);

  // A file of the branch the judge reads (any file that is not a day's rows, an aggregate or the page).
  await gitStore(options).update(() => new Map([['notes.txt', 'x'.repeat(COLLECT_FROM_TEXT)]]));
  expect(await run()).toEqual(['shrink', 'shrink', 'full']);
});
