/**
 * What a run knows of the world it runs in, read once: the runner, the variables GitHub sets,
 * the clock, sleep and colour. Nothing after this reads `process.env` or `new Date()` for the
 * run; tests hand a run the time they want (`VIGIL_NOW`) instead of waiting for it.
 */
import { sleep as realSleep } from '../check/run.js';
import { workflowPathOf } from '../incidents/text.js';
import { useColour } from '../report/terminal.js';
import type { Runner } from '../runner.js';

/** The run's wall clock. */
export interface Clock {
  now(): Date;
}

export interface RunContext {
  runner: Runner;
  /** The environment as given, for what Vigil hands on whole: the configuration's `${VAR}`
   * substitution and the git processes of the data branch. */
  env: NodeJS.ProcessEnv;
  /** `OWNER/REPO`, or null outside GitHub Actions. */
  repository: string | null;
  serverUrl: string;
  apiUrl: string;
  /** This run's page on GitHub, or null outside GitHub Actions. */
  runUrl: string | null;
  /** `OWNER/REPO/.github/workflows/X.yml@REF`, as GitHub names the running workflow. */
  workflowRef: string | null;
  /** The workflow's file path in its repository (`.github/workflows/X.yml`). */
  workflow: string | null;
  /** `https://OWNER.github.io/REPO/`, where GitHub Pages serves the data branch (github.com only). */
  pagesUrl: string | null;
  workspace: string;
  /** Where git may keep its temporary clone (the runner's temp folder). */
  tempDir: string | undefined;
  /** Whether the log is coloured. */
  colour: boolean;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** The event that started the run (`schedule`, `repository_dispatch`, …) and the file GitHub
   * wrote its payload to. */
  event: { name: string | null; path: string | null };
}

export class ContextError extends Error {}

export function contextOf(env: NodeJS.ProcessEnv, runner: Runner): RunContext {
  const repository = env.GITHUB_REPOSITORY || null;
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
  return {
    runner,
    env,
    repository,
    serverUrl,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    runUrl: runUrlFrom(env),
    workflowRef: env.GITHUB_WORKFLOW_REF || null,
    workflow: workflowPathOf(env.GITHUB_WORKFLOW_REF),
    pagesUrl: pagesUrlOf(serverUrl, repository),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    tempDir: env.RUNNER_TEMP || undefined,
    colour: useColour(process.stdout, env),
    clock: clockFrom(env.VIGIL_NOW),
    sleep: realSleep,
    event: { name: env.GITHUB_EVENT_NAME || null, path: env.GITHUB_EVENT_PATH || null },
  };
}

export function runUrlFrom(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return null;
  return `${GITHUB_SERVER_URL || 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}

function pagesUrlOf(server: string, repository: string | null): string | null {
  const [owner, repo] = (repository ?? '').split('/');
  if (server !== 'https://github.com' || !owner || !repo) return null;
  return `https://${owner.toLowerCase()}.github.io/${repo}/`;
}

/**
 * The wall clock, or, when `VIGIL_NOW` gives a time (ISO 8601), a clock that starts there and
 * runs on at the real pace: a test can put a run at any moment (the middle of an hour, a day
 * after the last) without sleeping, and a run can be replayed at the time it happened.
 */
export function clockFrom(given: string | undefined): Clock {
  if (!given) return { now: () => new Date() };
  const start = Date.parse(given);
  if (!/^\d{4}-\d\d-\d\dT/.test(given) || Number.isNaN(start))
    throw new ContextError(
      `VIGIL_NOW is not a time in ISO 8601 (like 2026-01-31T12:00:00Z): ${JSON.stringify(given.slice(0, 40))}`,
    );
  const offset = start - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
