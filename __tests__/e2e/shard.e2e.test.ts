/**
 * Shards end to end: one endpoint list spread over the jobs of a matrix (`shard: 1/3`, `2/3`,
 * `3/3`), each job the built dist/index.js, all pushing to one data branch on a real git server
 * at the same moment. Afterwards the branch holds one status.json and one page covering every
 * endpoint, and every check exactly once.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { selectShard } from '../../src/config/shard.js';
import { runAction, type ActionRun } from '../support/action.js';
import { startGitServer, type GitServer } from '../support/git-server.js';
import { branchFiles } from '../support/run-fixture.js';
import { behaviours, startServer, type Service } from '../support/servers.js';

const TOKEN = 'ghs_Sh4rdT3stT0kenThatMustNeverShow7';
const REPOSITORY = 'acme/shop';
// Every job of a matrix runs the same workflow file: the judge keeps what the whole list holds.
const WORKFLOW_REF = `${REPOSITORY}/.github/workflows/uptime.yml@refs/heads/main`;
const IDS = Array.from({ length: 9 }, (_, index) => `service-${index + 1}`);

let service: Service;
let gitServer: GitServer;
let gitDir: string;

beforeAll(async () => {
  service = await startServer(behaviours);
  gitServer = await startGitServer(TOKEN);
  gitDir = gitServer.createRepo(REPOSITORY);
});
afterAll(async () => Promise.all([service.close(), gitServer.close()]));

const endpoints = () =>
  IDS.map((id, index) => `- name: Service ${index + 1}\n  url: ${service.url}/ok?n=${index + 1}`).join('\n');

function runShard(shard: string): Promise<ActionRun> {
  return runAction({
    inputs: {
      endpoints: endpoints(),
      shard,
      history: 'true',
      'github-token': TOKEN,
      // Keep-alive would ask GitHub's API; nothing here may leave the machine.
      'keep-alive': 'false',
    },
    env: { GITHUB_SERVER_URL: gitServer.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_WORKFLOW_REF: WORKFLOW_REF },
  });
}

/** The ids of every check row in the branch's raw day files, one entry per row. */
function checkedIds(files: Map<string, string>): string[] {
  const ids: string[] = [];
  for (const [name, text] of files) {
    if (!/^history\/\d{4}-\d\d-\d\d\.csv$/.test(name)) continue;
    for (const line of text.trim().split('\n').slice(1)) ids.push(line.split(',')[1]);
  }
  return ids.sort();
}

const statusIds = (files: Map<string, string>) =>
  (JSON.parse(files.get('status.json') ?? '{"endpoints":[]}') as { endpoints: Array<{ id: string }> }).endpoints
    .map((endpoint) => endpoint.id)
    .sort();

const count = (ids: string[], id: string) => ids.filter((each) => each === id).length;
const shardIds = (index: number, of: number) =>
  selectShard(
    IDS.map((id) => ({ id })),
    { index, count: of },
  ).map((endpoint) => endpoint.id);
const first = shardIds(1, 3);

describe('three shards of one list, pushing at the same moment', () => {
  let runs: ActionRun[];
  let pushes: number;
  let files: Map<string, string>;

  beforeAll(async () => {
    // The three first pushes are held until all three have arrived: two of them are refused
    // and must read the branch again and put their checks on top.
    gitServer.holdPushes(3);
    runs = await Promise.all(['1/3', '2/3', '3/3'].map(runShard));
    pushes = gitServer.pushBytes.length;
    files = branchFiles(gitDir);
  }, 120_000);

  test('each job checks its own part, and together they check every endpoint once', () => {
    const checked: string[] = [];
    for (const [index, run] of runs.entries()) {
      expect([run.code, run.stderr]).toEqual([0, '']);
      const mine = shardIds(index + 1, 3);
      // This list spreads over all three shards, so each job really has a part to check.
      expect(mine.length).toBeGreaterThan(0);
      expect(run.stdout).toContain(`Checking ${mine.length} endpoint${mine.length === 1 ? '' : 's'} (shard ${index + 1} of 3)`);
      const reported = (JSON.parse(run.outputs.results) as Array<{ id: string }>).map((result) => result.id);
      expect(reported).toEqual(mine);
      expect(run.outputs['history-commit']).toMatch(/^[0-9a-f]{40}$/);
      // Off github.com there is no Pages address to put in badge Markdown: the summary offers none.
      expect(run.summary).toContain('### History');
      expect(run.summary).not.toContain('Badges for your README');
      checked.push(...reported);
    }
    expect(checked.sort()).toEqual([...IDS].sort());
  });

  test('the branch holds every check exactly once, and one status.json covering all nine', () => {
    expect(checkedIds(files)).toEqual([...IDS].sort());
    expect(statusIds(files)).toEqual([...IDS].sort());
    const daily = (files.get('daily.csv') ?? '').trim().split('\n').slice(1);
    expect(daily.map((row) => row.split(',')[1]).sort()).toEqual([...IDS].sort());
    // The pushes really met: two of the three first ones were refused and made again.
    expect(pushes).toBeGreaterThanOrEqual(5);
    // Three runs, three different commits: none of them overwrote another's.
    expect(new Set(runs.map((run) => run.outputs['history-commit'])).size).toBe(3);
  });

  test('the page and the badges cover every endpoint, whichever job pushed last', () => {
    const page = files.get('index.html') ?? '';
    for (const [index, id] of IDS.entries()) {
      expect(page).toContain(`Service ${index + 1}`);
      for (const badge of ['status', 'uptime-24h', 'uptime-7d', 'uptime-30d', 'response-time']) {
        expect(files.has(`badges/${id}/${badge}.json`)).toBe(true);
        expect(files.has(`badges/${id}/${badge}.svg`)).toBe(true);
      }
    }
    expect(page.match(/<article class="[^"]*\bep\b/g)).toHaveLength(IDS.length);
  });

  describe('later runs of single shards', () => {
    let again: ActionRun;
    let empty: ActionRun;
    let after: Map<string, string>;
    let emptyShard: number;

    beforeAll(async () => {
      again = await runShard('1/3');
      // Nine endpoints over sixteen shards leave at least seven shards with nothing to check.
      emptyShard = Array.from({ length: 16 }, (_, index) => index + 1).find((index) => shardIds(index, 16).length === 0) ?? 0;
      empty = await runShard(`${emptyShard}/16`);
      after = branchFiles(gitDir);
    }, 120_000);

    test("a shard's run keeps the endpoints of the other shards, on the page and in status.json", () => {
      expect(again.code).toBe(0);
      expect(statusIds(after)).toEqual([...IDS].sort());
      const page = after.get('index.html') ?? '';
      expect(page.match(/<article class="[^"]*\bep\b/g)).toHaveLength(IDS.length);
      for (const id of IDS) expect(after.has(`badges/${id}/status.json`)).toBe(true);
      // Shard 1's endpoints were checked twice, the others once.
      const rows = checkedIds(after);
      for (const id of IDS) expect([id, count(rows, id)]).toEqual([id, first.includes(id) ? 2 : 1]);
    });

    test('a shard with nothing to check succeeds, says so, and drops nothing', () => {
      expect(emptyShard).toBeGreaterThan(0);
      expect([empty.code, empty.stderr]).toEqual([0, '']);
      expect(empty.stdout).toContain(`Checking 0 endpoints (shard ${emptyShard} of 16)`);
      expect(empty.stdout).not.toContain('::error');
      expect(empty.outputs.status).toBe('up');
      expect(empty.outputs.results).toBe('[]');
      expect(statusIds(after)).toEqual([...IDS].sort());
      expect(checkedIds(after)).toHaveLength(IDS.length + first.length);
    });
  });
});
