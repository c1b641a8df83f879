/**
 * For end-to-end tests with history on: a fresh repository on the test git server, the
 * environment and inputs that make dist/index.js keep its data branch there, a switchable
 * endpoint, and reading the branch back.
 */
import type { StateFile } from '../../src/history/types.js';
import { runAction, type ActionRun } from './action.js';
import { git, type GitServer } from './git-server.js';
import { startServer, type Service } from './servers.js';

/** The token both the git server and the fake GitHub accept. */
export const TOKEN = 'test-token';
export const BRANCH = 'vigil-data';

let repositories = 0;

export interface DataRepo {
  repository: string;
  gitDir: string;
  /** The environment a run needs to keep its history in this repository. */
  env: Record<string, string>;
  /** Runs dist/index.js with history on in this repository. */
  run(inputs: Record<string, string>, env?: Record<string, string>): Promise<ActionRun>;
  /** A file of the data branch, or null when it is not there. */
  file(path: string): string | null;
  state(): StateFile;
}

export function dataRepo(server: GitServer, baseEnv: Record<string, string> = {}): DataRepo {
  const repository = `acme/shop-${++repositories}`;
  const gitDir = server.createRepo(repository);
  const env = { GITHUB_SERVER_URL: server.url, GITHUB_REPOSITORY: repository, ...baseEnv };
  const file = (path: string) => {
    try {
      return git(gitDir, ['show', `${BRANCH}:${path}`]);
    } catch {
      return null;
    }
  };
  return {
    repository,
    gitDir,
    env,
    run: (inputs, extra = {}) =>
      runAction({ inputs: { history: 'true', 'github-token': TOKEN, ...inputs }, env: { ...env, ...extra } }),
    file,
    state: () => JSON.parse(file('state.json') ?? 'null') as StateFile,
  };
}

/** An endpoint whose health the test switches: `up` answers 200, otherwise 503. */
export async function switchableEndpoint(): Promise<Service & { up: boolean }> {
  const health = { up: true };
  const service = await startServer((_req, res) => {
    res.writeHead(health.up ? 200 : 503, { 'content-type': 'text/plain' });
    res.end(health.up ? 'ok' : 'unavailable');
  });
  return Object.assign(health, service);
}

/** Everything a run showed anyone, except the lines that hand a secret to the runner to mask. */
export function shown(run: ActionRun): string {
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [log, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
}
