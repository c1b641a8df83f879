/**
 * The run's memory: read the data branch, judge this run against it, add the status page and
 * badges, and write it all back in one push. When another run moved the branch first, the store
 * reads again and this whole cycle is redone, so overlapping runs lose no check and record each
 * change of state once — the run whose push recorded a change is the one that acts on it.
 * (What the run learns only after its push goes in the follow-up: follow-up-changes.ts.)
 *
 * Loaded only when history is on (by record.ts and the CLI's `--history-dir`): a run without it
 * should not pay for parsing the judge, the page and the badges at start-up. Those are loaded by
 * `recordRun` itself, while the store fetches the branch's tip (see `loadJudge`).
 */
import type { Report } from '../check/types.js';
import type { Config } from '../config/types.js';
import {
  DAILY_FILE,
  STATE_FILE,
  type BranchFiles,
  type CheckedEndpoint,
  type FileChanges,
  type JudgeInput,
  type Judgement,
  type PendingNotice,
  type StateFile,
} from '../history/types.js';
import type { ActiveWindow } from '../maintenance/index.js';
import type { PageSettings } from '../page/files.js';
import type { PageInput } from '../page/index.js';
import type { DataStore } from '../store/index.js';
import { redactUrl } from '../text/redact.js';
import { COLLECT_FROM_TEXT, type collectGarbage } from './heap.js';

/** What the judge needs of this run (the store supplies the files), and where to write. */
export interface RecordInput extends Pick<
  JudgeInput,
  'checks' | 'endpoints' | 'workflow' | 'configuredIds' | 'historyDays' | 'now'
> {
  store: DataStore;
  /** The run's deadline or cancellation: the store retries a refused push until it aborts. */
  signal?: AbortSignal;
  /** Write the status page and badges too (null: no page). */
  page: PageSettings | null;
  /** Collects V8's garbage at the moments most of the heap is garbage (heap.ts): given by the
   * action, whose process is the run's; none for the CLI and the tests. */
  collect?: typeof collectGarbage;
}

export interface Recorded {
  judgement: Judgement;
  /** The commit this run pushed; null when nothing needed pushing. */
  commit: string | null;
  /** Notices taken out of the outbox by this run's push: this run retries them. */
  claimed: PendingNotice[];
  /** What the page was made from, to make it again after the follow-up. */
  pageInput: PageInput | null;
  /** The store's warnings (files it could not read, kept under `unreadable/`), for the summary. */
  warnings: string[];
  /** Set when the branch was read but could not be written: why, in one line. The judgement is
   * of what was read, with thresholds of 1. */
  unsaved?: { reason: UnsavedReason; message: string };
}

export type UnsavedReason = 'permission' | 'protected' | 'auth';

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** The judge and the page: most of the code a run with history loads. */
interface Judging {
  history: typeof import('../history/index.js');
  page: typeof import('../page/files.js');
}

/**
 * Loads the judge and the page. Loading them takes a run about 13 ms (20 endpoints), in which the
 * main thread has nothing else to do once git is fetching the branch's tip: loaded then (the
 * store's `whileFetching`), rather than before the update begins, a run with history costs that
 * much less. Measured side by side with the build that loaded them first (`node
 * scripts/bench-memory.mjs --before <commit> --only small`, five runs each): 310 → 293 ms and
 * 325 → 296 ms added by history.
 */
async function loadJudge(): Promise<Judging> {
  // One after the other: the page imports the judge's module, and Jest's ES module loader fails
  // ("request for … is not in cache") when two imports link the same module at once.
  const page = await import('../page/files.js');
  return { history: await import('../history/index.js'), page };
}

/** Reads the branch, judges this run, writes rows, figures, state, page and badges: one push.
 *
 * When the branch was read but the push was refused for good (no `contents: write`, a protected
 * branch), the run is judged again from what was read with thresholds of 1 (README "When it
 * cannot be saved") and returned with `unsaved` set: the events it finds are still sent. Any
 * other failure of the store (nothing could be read) is thrown. */
export async function recordRun(input: RecordInput): Promise<Recorded> {
  let judging: Promise<Judging> | undefined;
  const loaded = () => (judging ??= loadJudge());
  // Typed by `as` so the assignment inside the change function is not narrowed away.
  let last = null as Omit<Recorded, 'commit' | 'warnings'> | null;
  let lastFiles = null as BranchFiles | null;
  let lastPaths: ReadonlySet<string> | undefined;
  const attempt = (
    { history, page }: Judging,
    files: BranchFiles,
    endpoints: RecordInput['endpoints'],
    paths?: ReadonlySet<string>,
  ) => {
    const judgement = history.judge({
      files,
      paths,
      checks: input.checks,
      endpoints,
      workflow: input.workflow,
      configuredIds: input.configuredIds,
      historyDays: input.historyDays,
      now: input.now,
    });
    const changes: FileChanges = new Map(judgement.changes);
    // This run takes what waits in the outbox: recorded by the same push, so no overlapping run
    // retries the same notice. Whatever fails again goes back in the follow-up push.
    const claimed = judgement.state.outbox;
    if (claimed.length > 0) changes.set(STATE_FILE, json({ ...judgement.state, outbox: [] } satisfies StateFile));
    let pageInput: PageInput | null = null;
    if (input.page) {
      const daily = changes.has(DAILY_FILE) ? (changes.get(DAILY_FILE) ?? undefined) : files.get(DAILY_FILE);
      pageInput = page.pageInputOf(judgement, daily, input.page, input.now);
      for (const [path, text] of page.pageFiles(pageInput, input.page.maxResponseTime)) changes.set(path, text);
      page.removeStalePageFiles(paths ?? files.keys(), judgement.status, changes);
    }
    return { changes, recorded: { judgement, claimed, pageInput } };
  };
  let result;
  try {
    result = await input.store.update(
      async (files, paths) => {
        lastFiles = new Map(files);
        lastPaths = paths;
        const judging = await loaded();
        const collect = textLength(files) >= COLLECT_FROM_TEXT ? input.collect : undefined;
        collect?.('shrink');
        const { changes, recorded } = attempt(judging, files, input.endpoints, paths);
        last = recorded;
        collect?.('full');
        return changes;
      },
      {
        summary: `${input.checks.length} ${input.checks.length === 1 ? 'check' : 'checks'}`,
        signal: input.signal,
        // The judge and the page load while git fetches the tip. A failure to load is the update's
        // failure when `read` awaits the same load; until then it must not count as unhandled.
        whileFetching: () => {
          void loaded().catch(() => {});
          input.collect?.('shrink'); // see heap.ts: the main thread waits for git now
        },
        // Only what the judgement needs is fetched (docs/history.md, "Aggregates: a run's cost does not grow with the days kept"); never the page
        // and badges, which the run writes anew (see `pageOutput`).
        read: async (paths) => {
          const { history, page } = await loaded();
          return page.withoutPage(history.filesToRead(paths, input.now, input.historyDays, input.checks));
        },
      },
    );
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    if (lastFiles === null || !(reason === 'permission' || reason === 'protected' || reason === 'auth')) throw error;
    const once = input.endpoints.map((settings) => ({ ...settings, failureThreshold: 1, successThreshold: 1 }));
    const { recorded } = attempt(await loaded(), lastFiles, once, lastPaths);
    return {
      ...recorded,
      commit: null,
      warnings: [],
      unsaved: { reason: reason as UnsavedReason, message: (error as Error).message },
    };
  }
  // The change function ran at least once; `last` is the attempt whose push went through.
  if (last === null) throw new Error('the store returned without reading the branch');
  return { ...(last as Omit<Recorded, 'commit' | 'warnings'>), commit: result.commit, warnings: result.warnings };
}

/** What the judge and the page take from the configuration: every configured endpoint (a shard
 * checks only some, but judges and shows them all), retention, and the page's settings. */
export function recordSettingsOf(
  config: Config,
  links: PageSettings['links'],
): Pick<RecordInput, 'endpoints' | 'configuredIds' | 'historyDays' | 'page'> {
  return {
    endpoints: config.endpoints.map((endpoint) => ({
      id: endpoint.id,
      name: endpoint.name,
      url: redactUrl(endpoint.url, endpoint.secrets),
      target: endpoint.uptimeTarget,
      failureThreshold: endpoint.failureThreshold,
      successThreshold: endpoint.successThreshold,
    })),
    configuredIds: config.endpoints.map((endpoint) => endpoint.id),
    historyDays: config.run.historyDays,
    page: config.run.pages
      ? {
          title: config.run.pageTitle,
          showUrls: config.run.pageShowUrls,
          links,
          maxResponseTime: new Map(config.endpoints.map((endpoint) => [endpoint.id, endpoint.maxResponseTime])),
        }
      : null,
  };
}

/** This run's results as the judge takes them, each marked when it was checked in a window. */
export function checksOf(report: Report, windows: ReadonlyMap<string, ActiveWindow>): CheckedEndpoint[] {
  return report.endpoints.map((endpoint) => {
    const window = windows.get(endpoint.id);
    return {
      ...endpoint,
      inMaintenance: window !== undefined,
      maintenanceUntil: window ? window.until.toISOString() : null,
      maintenanceTimezone: window ? window.timezone : null,
    };
  });
}

/** The characters of the files read: what the judge's data grows with. */
function textLength(files: BranchFiles): number {
  let length = 0;
  for (const text of files.values()) length += text.length;
  return length;
}
