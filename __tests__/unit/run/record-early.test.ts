/**
 * The action begins its data branch's update before the checks (src/run/record.ts): git fetches
 * the branch's tip while they run, and nothing else of the update — choosing the files, loading
 * the judge, reading, judging, pushing — happens before their results are given. Through the real
 * `recordRun` and git store, against the suite's git server.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import type { CheckedEndpoint } from '../../../src/history/types.js';
import { recordRun, type RecordInput } from '../../../src/run/record-run.js';
import { gitStore, type DataStore, type GitStoreOptions } from '../../../src/store/index.js';
import { startGitServer, type GitServer } from '../../support/git-server.js';
import { API_SETTINGS, apiCheck } from '../../support/record-fixture.js';

const TOKEN = 'ghs_EarlyT0kenThatMustNeverShow42';
const NOW = new Date('2026-11-26T10:05:30.000Z');

let server: GitServer;
beforeAll(async () => {
  server = await startGitServer(TOKEN);
});
afterAll(async () => {
  await server.close();
});

/** A branch with one run recorded, its store's options, and a way to read its tip. */
async function seeded(repository: string) {
  const gitDir = server.createRepo(repository);
  const options: GitStoreOptions = { serverUrl: server.url, repository, token: TOKEN, branch: 'vigil-data', env: process.env };
  await recordRun(input(gitStore(options), [apiCheck(new Date(NOW.getTime() - 5 * 60_000))]));
  const tip = () => execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'refs/heads/vigil-data'], { encoding: 'utf8' }).trim();
  const day = () =>
    execFileSync('git', ['--git-dir', gitDir, 'show', `refs/heads/vigil-data:history/${NOW.toISOString().slice(0, 10)}.csv`], {
      encoding: 'utf8',
    });
  return { options, tip, day };
}

function input(store: DataStore, checks: RecordInput['checks'], fetching?: () => void): RecordInput {
  return {
    store,
    checks,
    workflow: '.github/workflows/uptime.yml',
    now: NOW,
    endpoints: [API_SETTINGS],
    configuredIds: ['api'],
    historyDays: 30,
    page: null,
    fetching,
  };
}

/** The store, telling when `read` answers and when the change function is called. */
function watched(store: DataStore, events: string[]): DataStore {
  return {
    update: (change, options = {}) =>
      store.update(
        async (files, paths) => {
          events.push('change');
          return change(files, paths);
        },
        {
          ...options,
          read: options.read
            ? async (paths) => {
                const chosen = await options.read!(paths);
                events.push('read answered');
                return chosen;
              }
            : undefined,
        },
      ),
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error('waited 10 s in vain');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('the tip is fetched while the checks are to come; the files are chosen, read, judged and pushed once they are given', async () => {
  const { options, tip, day } = await seeded('octo/early');
  const before = tip();
  const events: string[] = [];
  const checks = deferred<CheckedEndpoint[]>();
  const recording = recordRun(input(watched(gitStore(options), events), checks.promise, () => events.push('fetching')));
  await until(() => events.includes('fetching'));
  // Time enough for the tip's fetch to end: the update still waits for the checks.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(events).toEqual(['fetching']);
  expect(tip()).toBe(before);

  checks.resolve([apiCheck(NOW)]);
  const recorded = await recording;
  expect(events).toEqual(['fetching', 'read answered', 'change']);
  expect(recorded.commit).toBe(tip());
  expect(recorded.judgement.status.endpoints.find((endpoint) => endpoint.id === 'api')?.checks['24h']).toBe(2);
  expect(day()).toContain(NOW.toISOString());
});

test('checks that never come (a cancelled run) end the update with nothing read or pushed', async () => {
  const { options, tip } = await seeded('octo/early-cancelled');
  const before = tip();
  const events: string[] = [];
  const checks = deferred<CheckedEndpoint[]>();
  const recording = recordRun(input(watched(gitStore(options), events), checks.promise, () => events.push('fetching')));
  await until(() => events.includes('fetching'));
  checks.reject(new Error('the run records nothing'));
  await expect(recording).rejects.toThrow('the run records nothing');
  expect(events).toEqual(['fetching']);
  expect(tip()).toBe(before);
});
