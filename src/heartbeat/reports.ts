/**
 * Push heartbeats on the data branch (README "Push heartbeats"): what a job reported with
 * `repository_dispatch` (`event_type: vigil-heartbeat`), kept as one small file per heartbeat id,
 * read and written (the judging is the prober's: src/probe/kinds/heartbeat.ts).
 *
 * Layout: `heartbeats/ID.json`, for each id an endpoint watches:
 *
 * ```json
 * { "version": 1, "id": "backup",
 *   "reports": [{ "status": "ok", "at": "2026-12-06T04:00:00.000Z", "run": "https://…/runs/42" }] }
 * ```
 *
 * `reports` holds the last REPORTS_KEPT reports, newest first (by `at`, the start of the run that
 * recorded it). One file per id keeps what a run reads small (a scheduled run fetches only the
 * files of the ids it watches, a dispatch run only the one it writes) and lets reports of
 * different jobs land side by side. Reports of the same id that land at once are merged: the
 * store reads the file again when another run moved the branch first, and the report is added to
 * what is there, so none is lost.
 *
 * Pure functions over text and plain data; the store and the clock are the caller's.
 */
import type { HeartbeatReport } from '../config/heartbeat.js';
import type { BranchFiles, FileChanges } from '../history/types.js';

export const HEARTBEATS_DIR = 'heartbeats';
/** Reports kept per id: the last one decides, the others say what came before it. */
export const REPORTS_KEPT = 10;

export const heartbeatFile = (id: string) => `${HEARTBEATS_DIR}/${id}.json`;

/** The reports of a file, newest first; a file that is not ours (hand-edited, cut) gives what
 * can be read of it, never an error. */
export function readReports(text: string | undefined): HeartbeatReport[] {
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const list = (parsed as { reports?: unknown } | null)?.reports;
  if (!Array.isArray(list)) return [];
  const reports: HeartbeatReport[] = [];
  for (const item of list as unknown[]) {
    const { status, at, run } = (item ?? {}) as Record<string, unknown>;
    if ((status !== 'ok' && status !== 'fail') || typeof at !== 'string' || Number.isNaN(Date.parse(at))) continue;
    reports.push({
      status,
      at: new Date(Date.parse(at)).toISOString(),
      run: typeof run === 'string' && isRunLink(run) ? run : null,
    });
  }
  return newestFirst(reports);
}

/** The file with one more report, the newest REPORTS_KEPT kept. */
export function withReport(text: string | undefined, id: string, report: HeartbeatReport): string {
  const reports = newestFirst([report, ...readReports(text)]).slice(0, REPORTS_KEPT);
  return JSON.stringify({ version: 1, id, reports }, null, 2) + '\n';
}

/** The change a dispatch run makes: its report added to what the branch holds for the id. Pure
 * over the files read, so the store can make it again after another run moved the branch. */
export function recordReport(files: BranchFiles, id: string, report: HeartbeatReport): FileChanges {
  const text = files.get(heartbeatFile(id));
  // The same run recorded it already: each job of a matrix runs the same event.
  if (report.run !== null && readReports(text).some((known) => known.run === report.run)) return new Map();
  return new Map([[heartbeatFile(id), withReport(text, id, report)]]);
}

/** The last reports of every id asked for (ids without a file have none). */
export function reportsOf(files: BranchFiles, ids: Iterable<string>): Map<string, HeartbeatReport[]> {
  return new Map([...ids].map((id) => [id, readReports(files.get(heartbeatFile(id)))]));
}

function newestFirst(reports: HeartbeatReport[]): HeartbeatReport[] {
  return reports.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** A run's page, only when it is a plain https URL (it reaches Markdown). */
export function isRunLink(link: string): boolean {
  return link.length <= 300 && /^https?:\/\/[\w.:-]+\/[\w./%-]*$/.test(link);
}
