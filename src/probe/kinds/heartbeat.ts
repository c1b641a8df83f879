/**
 * A push heartbeat (`heartbeat: ID`, `max-age`): judged from the last reports a job sent with
 * `repository_dispatch`, which the run read from the data branch before the checks
 * (src/heartbeat/reports.ts has the layout; the judging is below). Nothing is sent anywhere: the
 * attempt is a judgement of what was read, so its phases are all 0.
 */
import type { HeartbeatReport } from '../../config/heartbeat.js';
import { formatDuration } from '../../config/duration.js';
import { roughAge } from '../../text/duration.js';
import { emptyResult, type ProbeOptions, type ProbeRequest, type ProbeResult } from '../types.js';

export async function probeHeartbeat(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  const wall = options.wallClock ?? Date.now;
  const kind = request.kind ?? {};
  const result = emptyResult(request.url, new Date(wall()));
  const reports = kind.heartbeatReports;
  if (reports === undefined || reports === null) {
    // Not read: this run keeps no history (the CLI, `history: false`), or the branch could not be read.
    result.error = kind.heartbeatUnread ?? 'not judged: the reports are kept on the data branch, and this run keeps no history';
    result.errorCode = 'NOT_READ';
    return result;
  }
  const verdict = judgeHeartbeat(reports, kind.maxAge ?? 0, wall());
  result.statusText = verdict.text;
  result.error = verdict.error;
  result.errorCode = verdict.code;
  return result;
}

export interface HeartbeatVerdict {
  up: boolean;
  /** Why it is down (null when up). */
  error: string | null;
  /** A code for the kind of problem, as other kinds have (`NO_REPORT`, `REPORTED_FAIL`, `TOO_OLD`). */
  code: string | null;
  /** What the last report says, for the table (`last heartbeat 3 min ago`). */
  text: string | null;
}

/** `2026-12-06 04:00 UTC`. */
const when = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;

/**
 * Judges one heartbeat from its last reports (newest first): up when the last is `ok` and no
 * older than `maxAge`; down when it is older, says `fail`, or none came.
 */
export function judgeHeartbeat(reports: readonly HeartbeatReport[], maxAge: number, now: number): HeartbeatVerdict {
  const last = reports[0];
  if (!last) return { up: false, error: 'no heartbeat received yet', code: 'NO_REPORT', text: null };
  const age = now - Date.parse(last.at);
  const ago = `${roughAge(age)} ago`;
  const text = `last heartbeat ${ago} (${last.status})`;
  if (last.status === 'fail') {
    const lastOk = reports.find((report) => report.status === 'ok');
    const before = lastOk ? `; last ok ${roughAge(now - Date.parse(lastOk.at))} ago` : '';
    return { up: false, error: `reported fail ${ago} (${when(last.at)})${before}`, code: 'REPORTED_FAIL', text };
  }
  if (age > maxAge) {
    return { up: false, error: `no heartbeat for ${roughAge(age)} (max-age ${formatDuration(maxAge)})`, code: 'TOO_OLD', text };
  }
  return { up: true, error: null, code: null, text };
}
