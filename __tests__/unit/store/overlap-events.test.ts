/**
 * Overlapping runs and their events (README "What Vigil promises under faults"): twenty shards of
 * one matrix record their checks at once on a server as slow as GitHub. Every check lands once,
 * every change of state is an event of exactly one landed push, and every notice waiting in the
 * outbox is taken by exactly one run, so nothing is sent twice and nothing is lost. Each run goes
 * through the real `recordRun` and the real git store, against the real git server of the suite.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { followUpChanges } from '../../../src/run/follow-up-changes.js';
import { recordRun, type Recorded, type RecordInput } from '../../../src/run/record-run.js';
import type {
  CheckedEndpoint,
  EndpointSettings,
  PendingNotice,
  StateFile,
  StatusFile,
  VigilEvent,
} from '../../../src/history/types.js';
import { gitStore, type GitStoreOptions } from '../../../src/store/index.js';
import { git, startGitServer, type GitServer } from '../../support/git-server.js';

const TOKEN = 'ghs_OverlapT0kenThatMustNeverShow42';
const BRANCH = 'vigil-data';
const WORKFLOW = '.github/workflows/uptime.yml';
const DAY_FILE = 'history/2026-11-26.csv';
const RUNS = 20;
const SEEDED_AT = '2026-11-26T10:00:00.000Z';
const CHECKED_AT = '2026-11-26T10:05:00.000Z';
const NOW = new Date('2026-11-26T10:05:30.000Z');

let server: GitServer;

beforeAll(async () => {
  server = await startGitServer(TOKEN);
});
afterAll(async () => {
  await server.close();
});

/** Shard n checks two endpoints: `svc-n-a` stays up, `svc-n-b` goes down. */
const ids = Array.from({ length: RUNS }, (_, n) => [`svc-${n}-a`, `svc-${n}-b`]);
const allIds = ids.flat();

function settings(id: string): EndpointSettings {
  return { id, name: id.toUpperCase(), url: `https://example.com/${id}`, target: 99, failureThreshold: 1, successThreshold: 1 };
}

function check(id: string, status: 'up' | 'down', checkedAt: string): CheckedEndpoint {
  const down = status === 'down';
  return {
    id,
    name: id.toUpperCase(),
    url: `https://example.com/${id}`,
    status,
    inMaintenance: false,
    httpStatus: down ? null : 200,
    timings: { dns: 1, connect: 2, tls: 3, wait: down ? 0 : 290, download: 4, total: down ? 10 : 300 },
    attempts: down ? 3 : 1,
    error: down ? 'connection refused' : null,
    failures: [],
    checkedAt,
  };
}

/** A notification that failed in an earlier run and waits for a later one. */
function notice(n: number): PendingNotice {
  const at = `2026-11-26T09:5${n}:00.000Z`;
  const event: VigilEvent = {
    key: `old-${n}:down:${at}`,
    kind: 'down',
    id: `old-${n}`,
    name: `OLD-${n}`,
    url: `https://example.com/old-${n}`,
    at,
    since: at,
    status: 'down',
    error: 'connection refused',
    failures: [],
    httpStatus: null,
    responseTime: 10,
    downtime: null,
    incident: null,
  };
  return { event, target: `webhook#${n}:3f2a`, firstTried: at, attempts: 1, lastError: 'HTTP 502' };
}

test('20 overlapping shards on a server with GitHub-like latency land every check once, send every event once and take every waiting notice once', async () => {
  const repository = 'octo/overlap-events';
  const gitDir = server.createRepo(repository);
  const options: GitStoreOptions = {
    serverUrl: server.url,
    repository,
    token: TOKEN,
    branch: BRANCH,
    env: process.env,
    now: () => NOW,
  };
  // As a run of the action builds its input (`recordSettingsOf`): every configured endpoint is
  // judged and shown, whichever shard checks it.
  const configured: Pick<RecordInput, 'endpoints' | 'configuredIds' | 'historyDays' | 'page'> = {
    endpoints: allIds.map(settings),
    configuredIds: allIds,
    historyDays: 30,
    page: { title: 'Status', showUrls: false, links: { repository: null, run: null }, maxResponseTime: new Map() },
  };

  // The branch before: one run saw every endpoint up, and five of its notices failed and were put
  // back in the outbox by its follow-up push.
  const seedStore = gitStore(options);
  const seed = await recordRun({
    store: seedStore,
    checks: allIds.map((id) => check(id, 'up', SEEDED_AT)),
    workflow: WORKFLOW,
    now: new Date('2026-11-26T10:00:30.000Z'),
    ...configured,
  });
  expect(seed.commit).not.toBeNull();
  const waiting = [0, 1, 2, 3, 4].map(notice);
  await seedStore.update((files) =>
    followUpChanges(files, { incidents: new Map(), outbox: waiting, keepAlive: new Map() }, null),
  );
  const seededState = JSON.parse(git(gitDir, ['show', `${BRANCH}:state.json`])) as StateFile;
  expect(seededState.outbox.map((n) => n.event.key)).toEqual(waiting.map((n) => n.event.key));

  server.latency = { fetch: 500, push: 1000 };
  let results: Recorded[];
  try {
    results = await Promise.all(
      ids.map(([up, down]) =>
        recordRun({
          store: gitStore(options),
          checks: [check(up, 'up', CHECKED_AT), check(down, 'down', CHECKED_AT)],
          workflow: WORKFLOW,
          now: NOW,
          signal: AbortSignal.timeout(240_000),
          ...configured,
        }),
      ),
    );
  } finally {
    server.latency = { fetch: 0, push: 0 };
  }

  // Every run's push landed, none gave up or was left unsaved.
  expect(results.every((result) => result.commit !== null && result.unsaved === undefined)).toBe(true);
  expect(Number(git(gitDir, ['rev-list', '--count', BRANCH]).trim())).toBe(2 + RUNS);

  // (1) Every check once on the branch: the seed's and each shard's.
  const rows = git(gitDir, ['show', `${BRANCH}:${DAY_FILE}`])
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').slice(0, 3).join(','));
  const expectedRows = [
    ...allIds.map((id) => `${SEEDED_AT},${id},up`),
    ...ids.flatMap(([up, down]) => [`${CHECKED_AT},${up},up`, `${CHECKED_AT},${down},down`]),
  ];
  expect(rows.sort()).toEqual(expectedRows.sort());

  // (2) The events of the landed pushes: one `down` per endpoint that went down, none missing,
  // none twice, and each from the shard that checked it.
  const events = results.flatMap((result) => result.judgement.events);
  expect(events.map((event) => event.key).sort()).toEqual(ids.map(([, down]) => `${down}:down:${CHECKED_AT}`).sort());
  results.forEach((result, n) => expect(result.judgement.events.map((event) => event.id)).toEqual([`svc-${n}-b`]));

  // (3) Each waiting notice is taken by exactly one run, and the outbox is empty after.
  const claimed = results.flatMap((result) => result.claimed.map((taken) => `${taken.event.key} ${taken.target}`));
  expect(claimed.sort()).toEqual(waiting.map((taken) => `${taken.event.key} ${taken.target}`).sort());
  const state = JSON.parse(git(gitDir, ['show', `${BRANCH}:state.json`])) as StateFile;
  expect(state.outbox).toEqual([]);

  // (4) status.json lists all 40 endpoints, each with its shard's last check.
  const status = JSON.parse(git(gitDir, ['show', `${BRANCH}:status.json`])) as StatusFile;
  expect(status.endpoints.map((endpoint) => endpoint.id).sort()).toEqual([...allIds].sort());
  for (const endpoint of status.endpoints) {
    expect(endpoint.last?.time).toBe(CHECKED_AT);
    expect(endpoint.status).toBe(endpoint.id.endsWith('-b') ? 'down' : 'up');
  }
  expect(status.status).toBe('down');
}, 300_000);
