/**
 * A push heartbeat (`heartbeat: ID`, `max-age`): judged from the last reports a job sent with
 * `repository_dispatch`, which the run read from the data branch before the checks
 * (src/heartbeat/reports.ts has the layout and the judging). Nothing is sent anywhere: the
 * attempt is a judgement of what was read, so its phases are all 0.
 */
import { judgeHeartbeat } from '../../heartbeat/reports.js';
import { emptyResult, type ProbeOptions, type ProbeRequest, type ProbeResult } from '../probe.js';

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
