/**
 * What the follow-up push writes (follow-up.ts runs it): pure over the files read, like the
 * judge, so the store can redo it when another run moved the branch first. Loaded only when
 * there is something to follow up.
 */
import { STATE_FILE, STATUS_FILE } from '../history/index.js';
import { readStateFile, readStatusFile } from '../history/read-json.js';
import type { BranchFiles, FileChanges, PendingNotice, StatusFile } from '../history/index.js';
import { pageFiles, pageOutput, type PageSettings } from '../page/files.js';
import type { PageInput } from '../page/index.js';
import type { FollowUp } from './state.js';

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** What the follow-up reads: state and status; never the raw days, aggregates or heartbeat
 * reports (docs/history.md, "Aggregates: a run's cost does not grow with the days kept"), nor the page and badges it may write again (see
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
