/**
 * The run's memory: read the data branch, judge this run against it, add the status page and
 * badges, and write it all back in one push. When another run moved the branch first, the store
 * reads again and this whole cycle is redone, so overlapping runs lose no check and record each
 * change of state once — the run whose push recorded a change is the one that acts on it.
 *
 * What the run learns only after its push (the incident issues it opened or closed, notices that
 * could not be sent, the day's keep-alive) goes in a small follow-up push, made only when there is
 * something to keep: most runs push once.
 */
import { DAILY_FILE, STATE_FILE, STATUS_FILE, filesToRead, judge, readDailyRows } from './history/index.js';
import { readStateFile, readStatusFile } from './history/read-json.js';
import type {
  BranchFiles,
  CheckedEndpoint,
  FileChanges,
  IncidentRef,
  JudgeInput,
  Judgement,
  PendingNotice,
  StateFile,
  StatusFile,
} from './history/index.js';
import { renderBadges, renderPage, type PageInput } from './page/index.js';
import type { DataStore } from './store/index.js';
import type { Report } from './check/types.js';
import type { Config } from './config/types.js';
import type { ActiveWindow } from './maintenance/index.js';
import { redactUrl } from './text/redact.js';

export interface PageSettings {
  title: string;
  showUrls: boolean;
  links: { repository: string | null; run: string | null };
  /** Each endpoint's `max-response-time` (ms), for the response-time badge's colour. */
  maxResponseTime: ReadonlyMap<string, number>;
}

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

/** The page's view of a judgement: the figures, the days of `daily.csv`, the last 24 hours and
 * the outages the judge found. */
export function pageInputOf(judgement: Judgement, daily: string | undefined, settings: PageSettings, now: Date): PageInput {
  return {
    title: settings.title,
    updatedAt: now.toISOString(),
    status: judgement.status,
    // The judge's rows are those of the text it wrote: the file is not read a second time.
    daily: judgement.daily ?? (daily === undefined ? [] : readDailyRows(daily)),
    hourly: Object.fromEntries(
      judgement.endpoints.map((view) => [
        view.id,
        view.hours.map((slot) => ({ hour: slot.start, p50: slot.p50, p95: slot.p95 })),
      ]),
    ),
    outages: judgement.endpoints.flatMap((view) => view.outages.map((outage) => ({ id: view.id, ...outage }))),
    showUrls: settings.showUrls,
    reasons: Object.fromEntries(
      judgement.endpoints.filter((view) => view.reason).map((view) => [view.id, view.reason as string]),
    ),
    links: settings.links,
  };
}

/** The page and every endpoint's badges, as files of the branch. */
export function pageFiles(input: PageInput, maxResponseTime: ReadonlyMap<string, number>): FileChanges {
  // `.nojekyll`: Pages publishes the files as they are, without a Jekyll build (faster, and
  // nothing on the branch is read as a template).
  const files: FileChanges = new Map([
    ['index.html', renderPage(input)],
    ['.nojekyll', ''],
  ]);
  for (const figures of input.status.endpoints) {
    // Paths come back whole: `badges/ID/status.svg`, …
    for (const [path, text] of renderBadges(figures, { maxResponseTime: maxResponseTime.get(figures.id) })) files.set(path, text);
  }
  return files;
}

/** Reads the branch, judges this run, writes rows, figures, state, page and badges: one push.
 *
 * When the branch was read but the push was refused for good (no `contents: write`, a protected
 * branch), the run is judged again from what was read with thresholds of 1 (README "When it
 * cannot be saved") and returned with `unsaved` set: the events it finds are still sent. Any
 * other failure of the store (nothing could be read) is thrown. */
export async function recordRun(input: RecordInput): Promise<Recorded> {
  // Typed by `as` so the assignment inside the change function is not narrowed away.
  let last = null as Omit<Recorded, 'commit' | 'warnings'> | null;
  let lastFiles = null as BranchFiles | null;
  let lastPaths: ReadonlySet<string> | undefined;
  const judgeWith = (files: BranchFiles, endpoints: RecordInput['endpoints'], paths?: ReadonlySet<string>) =>
    judge({
      files,
      paths,
      checks: input.checks,
      endpoints,
      workflow: input.workflow,
      configuredIds: input.configuredIds,
      historyDays: input.historyDays,
      now: input.now,
    });
  const attempt = (judgement: Judgement, files: BranchFiles, paths?: ReadonlySet<string>) => {
    const changes: FileChanges = new Map(judgement.changes);
    // This run takes what waits in the outbox: recorded by the same push, so no overlapping run
    // retries the same notice. Whatever fails again goes back in the follow-up push.
    const claimed = judgement.state.outbox;
    if (claimed.length > 0) changes.set(STATE_FILE, json({ ...judgement.state, outbox: [] } satisfies StateFile));
    let pageInput: PageInput | null = null;
    if (input.page) {
      const daily = changes.has(DAILY_FILE) ? (changes.get(DAILY_FILE) ?? undefined) : files.get(DAILY_FILE);
      pageInput = pageInputOf(judgement, daily, input.page, input.now);
      for (const [path, text] of pageFiles(pageInput, input.page.maxResponseTime)) changes.set(path, text);
      removeStaleBadges(paths ?? files.keys(), judgement.status, changes);
    }
    return { changes, recorded: { judgement, claimed, pageInput } };
  };
  let result;
  try {
    result = await input.store.update(
      (files, paths) => {
        lastFiles = new Map(files);
        lastPaths = paths;
        const { changes, recorded } = attempt(judgeWith(files, input.endpoints, paths), files, paths);
        last = recorded;
        return changes;
      },
      {
        summary: `${input.checks.length} ${input.checks.length === 1 ? 'check' : 'checks'}`,
        signal: input.signal,
        // Only what the judgement needs is fetched (README "Memory that scales"); never the page
        // and badges, which the run writes anew (see `pageOutput`).
        read: (paths) => withoutPage(filesToRead(paths, input.now, input.historyDays)),
      },
    );
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    if (lastFiles === null || !(reason === 'permission' || reason === 'protected' || reason === 'auth')) throw error;
    const once = input.endpoints.map((settings) => ({ ...settings, failureThreshold: 1, successThreshold: 1 }));
    const { recorded } = attempt(judgeWith(lastFiles, once, lastPaths), lastFiles, lastPaths);
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

/**
 * The files the run makes anew from the judgement: the page and the badges. They are not fetched
 * nor read: the store tells an unchanged file from the object id it lists, without its bytes.
 * Measured with `npm run bench` on 200 endpoints: these 600-odd files were most of the objects a
 * run fetched (the page alone about 1 MiB of text), and packing them cost the server about
 * 0.4 s a run.
 */
function pageOutput(path: string): boolean {
  return path === 'index.html' || path === '.nojekyll' || path.startsWith('badges/');
}

function withoutPage(paths: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...paths].filter((path) => !pageOutput(path)));
}

/** Badges of endpoints that are no longer in `status.json` are removed with them. */
function removeStaleBadges(paths: Iterable<string>, status: StatusFile, changes: FileChanges): void {
  const ids = new Set(status.endpoints.map((endpoint) => endpoint.id));
  for (const path of paths) {
    const match = /^badges\/([^/]+)\//.exec(path);
    if (match && !ids.has(match[1])) changes.set(path, null);
  }
}

export interface FollowUp {
  /** Incident issues this run opened (ref) or closed (null), by endpoint id. */
  incidents: Map<string, IncidentRef | null>;
  /** Notices that failed and wait for a later run. */
  outbox: PendingNotice[];
  /** The day's keep-alive, by workflow path. */
  keepAlive: Map<string, string>;
}

/** What the follow-up reads: state and status; never the raw days, aggregates or heartbeat
 * reports (docs/history.md, "What a run reads"), nor the page and badges it may write again (see
 * `pageOutput`). */
export function followUpReads(paths: readonly string[]): ReadonlySet<string> {
  return new Set(paths.filter((path) => !/^(history|aggregates|heartbeats)\//.test(path) && !pageOutput(path)));
}

/**
 * The changes of the follow-up: incident links into `status.json`, failed notices back into the
 * outbox (once per event and target), the keep-alive date; and the page again when a link changed.
 * Pure over the files read, like the judge, so the store can redo it.
 */
export function followUpChanges(
  files: BranchFiles,
  followUp: FollowUp,
  page: { input: PageInput; settings: PageSettings } | null,
): FileChanges {
  const changes: FileChanges = new Map();
  // Read as tolerantly as the judge reads them: a hand-edited entry must not stop the follow-up.
  const state = files.has(STATE_FILE) ? readStateFile(files.get(STATE_FILE)).value : null;
  if (state) {
    const key = (notice: PendingNotice) => `${notice.event.key}\n${notice.target}`;
    const waiting = new Map(state.outbox.map((notice) => [key(notice), notice]));
    for (const notice of followUp.outbox) if (!waiting.has(key(notice))) waiting.set(key(notice), notice);
    const keepAlive = { ...state.keepAlive, ...Object.fromEntries(followUp.keepAlive) };
    changes.set(STATE_FILE, json({ ...state, outbox: [...waiting.values()], keepAlive }));
  }
  const raw = files.get(STATUS_FILE);
  const status = raw === undefined ? null : readStatusFile(raw).value;
  if (status && followUp.incidents.size > 0) {
    const previous = parseStatus(raw);
    const updated: StatusFile = {
      version: 1,
      updatedAt: typeof previous?.updatedAt === 'string' ? previous.updatedAt : new Date(0).toISOString(),
      status: worstOf(status.endpoints),
      endpoints: status.endpoints.map((endpoint) =>
        followUp.incidents.has(endpoint.id) ? { ...endpoint, incident: followUp.incidents.get(endpoint.id) ?? null } : endpoint,
      ),
    };
    changes.set(STATUS_FILE, json(updated));
    if (page) {
      for (const [path, text] of pageFiles({ ...page.input, status: updated }, page.settings.maxResponseTime))
        changes.set(path, text);
    }
  }
  return changes;
}

function parseStatus(text: string | undefined): { updatedAt?: unknown } | null {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return typeof value === 'object' && value !== null ? (value as { updatedAt?: unknown }) : null;
  } catch {
    return null;
  }
}

const RANK = { up: 0, maintenance: 1, degraded: 2, down: 3 } as const;

function worstOf(endpoints: StatusFile['endpoints']): StatusFile['status'] {
  return endpoints.reduce<StatusFile['status']>((worst, e) => (RANK[e.status] > RANK[worst] ? e.status : worst), 'up');
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
