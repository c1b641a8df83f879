/**
 * Push heartbeats and the data branch: a scheduled run reads the last reports of the heartbeats
 * it checks before the checks (only their files: `heartbeats/ID.json`), and a dispatch run adds
 * its report to one of them (heartbeat-dispatch.ts). The layout is in src/heartbeat/reports.ts.
 */
import type { Config, Endpoint } from '../config/types.js';
import { isHeartbeat } from '../probe/kinds/index.js';
import type { HeartbeatReport } from '../config/heartbeat.js';
import { heartbeatFile, reportsOf } from '../heartbeat/reports.js';
import { redactText } from '../text/redact.js';
import type { DataStore } from '../store/types.js';
import type { RunContext } from './context.js';

/** The data branch of the run, or why there is none. */
export async function branchStore(config: Config, ctx: RunContext): Promise<DataStore | string> {
  if (!config.run.history) return 'this run keeps no history (history: false), and heartbeat reports are kept on the data branch';
  if (!ctx.repository) return 'GITHUB_REPOSITORY is not set, so the data branch cannot be read';
  if (!config.run.githubToken) return 'there is no token (github-token) to read the data branch with';
  const { gitStore } = await import('../store/index.js');
  return gitStore({
    serverUrl: ctx.serverUrl,
    repository: ctx.repository,
    token: config.run.githubToken,
    branch: config.run.historyBranch,
    env: ctx.env,
    workdir: ctx.tempDir,
    now: () => ctx.clock.now(),
  });
}

const heartbeatIdOf = (endpoint: Endpoint) => (isHeartbeat(endpoint) ? (endpoint.kind?.heartbeat ?? null) : null);

/** The heartbeat ids the configuration watches. */
export function watchedIds(endpoints: readonly Endpoint[]): Set<string> {
  return new Set(endpoints.map(heartbeatIdOf).filter((id): id is string => id !== null));
}

/**
 * The endpoints, each heartbeat given its last reports from the store (or, when they could not
 * be read, why not: its check then says so and is down). Others are returned as they are. One
 * read-only read of the files of the ids checked, nothing else: for the data branch, one fetch.
 * `storeOf` gives the store (the data branch, or the CLI's `--history-dir`), or why there is none;
 * it is called only when a heartbeat is checked. `secrets` are masked in the reason it gives.
 */
export async function withHeartbeatReports(
  endpoints: readonly Endpoint[],
  from: {
    storeOf: () => Promise<DataStore | string>;
    /** What the store is, for the reason it could not be read: `the data branch`. */
    place: string;
    secrets: readonly string[];
    signal?: AbortSignal;
  },
): Promise<Endpoint[]> {
  const { storeOf, place, secrets, signal } = from;
  const ids = watchedIds(endpoints);
  if (ids.size === 0) return [...endpoints];
  let reports: Map<string, HeartbeatReport[]> | null = null;
  let unread: string | null = null;
  const store = await storeOf();
  if (typeof store === 'string') unread = store;
  else {
    try {
      await store.update(
        (files) => {
          reports = reportsOf(files, ids);
          return new Map();
        },
        { readOnly: true, signal, read: () => new Set([...ids].map(heartbeatFile)) },
      );
    } catch (error) {
      const message = redactText(
        (error as Error).message,
        secrets.filter((secret) => secret !== ''),
      );
      unread = `${place} could not be read: ${message}`;
      reports = null;
    }
  }
  const read = reports as Map<string, HeartbeatReport[]> | null;
  return endpoints.map((endpoint) => {
    const id = heartbeatIdOf(endpoint);
    if (id === null) return endpoint;
    const kind = read ? { ...endpoint.kind, heartbeatReports: read.get(id) ?? [] } : { ...endpoint.kind, heartbeatReports: null };
    return { ...endpoint, kind: unread ? { ...kind, heartbeatUnread: `not judged: ${unread}` } : kind };
  });
}
