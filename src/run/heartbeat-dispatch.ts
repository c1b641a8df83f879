/**
 * The run started by a job's heartbeat report (README "Push heartbeats"): the monitor workflow
 * listens `on: repository_dispatch: types: [vigil-heartbeat]`, and a run started by that event
 * records the report on the data branch and does nothing else — no check, no history row, no
 * issue, no notification, no keep-alive, no `heartbeat-url` ping. Scheduled runs judge it.
 *
 * The payload is GitHub's `repository_dispatch` event: `action` is the `event_type` sent, and
 * `client_payload` is whatever the sender put there, so it is hostile text: it is checked, and
 * anything of it shown is masked, cut and put in code before it reaches the log or the summary.
 * A report that is not `{ id, status: ok|fail }` of a heartbeat some endpoint watches is recorded
 * nowhere (so that whoever may send dispatches cannot fill the branch with ids no one reads); it
 * is warned about in the summary, and the run still succeeds.
 */
import { readFileSync, statSync } from 'node:fs';
import { HEARTBEAT_ID, HEARTBEAT_ID_TEXT, type HeartbeatReport, type ReportStatus } from '../config/heartbeat.js';
import { heartbeatFile, recordReport } from '../heartbeat/reports.js';
import { codeSpan } from '../text/markdown.js';
import { clip, oneLine } from '../text/one-line.js';
import { redactText } from '../text/redact.js';
import type { RunContext } from './context.js';
import { branchStore, watchedIds } from './heartbeat-reports.js';
import { configure } from './prepare.js';

/** The `event_type` a heartbeat report is sent with. */
export const DISPATCH_TYPE = 'vigil-heartbeat';
/** GitHub's event files are a few KiB to a few hundred; a larger one is not read. */
const EVENT_FILE_LIMIT = 8 * 1024 * 1024;
/** The most of a hostile value shown. */
const SHOWN = 60;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The report's payload when this run was started by a heartbeat report, else null (another
 * event, or a `repository_dispatch` of another type: those runs check as any run does). */
export function heartbeatEvent(event: RunContext['event']): { payload: unknown } | null {
  if (event.name !== 'repository_dispatch' || !event.path) return null;
  try {
    if (statSync(event.path).size > EVENT_FILE_LIMIT) return null;
    const sent = JSON.parse(readFileSync(event.path, 'utf8')) as { action?: unknown; client_payload?: unknown } | null;
    if (sent === null || typeof sent !== 'object' || sent.action !== DISPATCH_TYPE) return null;
    return { payload: sent.client_payload };
  } catch {
    return null;
  }
}

type Checked = { id: string; status: ReportStatus } | { problem: (show: (value: unknown) => string) => string };

/** The report, or what is wrong with it (said with `show` for the sender's values). */
export function checkReport(payload: unknown, watched: ReadonlySet<string>): Checked {
  const example = '{"id": "backup", "status": "ok"}';
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { problem: () => `the report has no client_payload object (send ${example})` };
  }
  const { id, status } = payload as { id?: unknown; status?: unknown };
  if (id === undefined || id === null || id === '') return { problem: () => `the report has no "id" (send ${example})` };
  if (typeof id !== 'string' || !HEARTBEAT_ID.test(id)) {
    return { problem: (show) => `the report's id ${show(id)} is not a heartbeat id (${HEARTBEAT_ID_TEXT} characters)` };
  }
  if (status !== 'ok' && status !== 'fail') {
    return {
      problem: (show) =>
        `${status === undefined ? 'the report has no "status"' : `the report's status ${show(status)}`}; it must be "ok" or "fail"`,
    };
  }
  if (!watched.has(id)) {
    return {
      problem: (show) => `no endpoint watches heartbeat ${show(id)} (an endpoint needs \`heartbeat: ${id}\` and \`max-age\`)`,
    };
  }
  return { id, status };
}

/**
 * Handles the run when it was started by a heartbeat report; returns false (having done nothing)
 * when it was not. A report that cannot be recorded fails the step; a bug of ours is thrown to
 * the caller, which fails the step with it.
 */
export async function heartbeatDispatch(ctx: RunContext, signal: AbortSignal): Promise<boolean> {
  const event = heartbeatEvent(ctx.event);
  if (event === null) return false;
  const { runner } = ctx;
  const startedAt = ctx.clock.now();
  const configured = configure(ctx, 'The heartbeat report was not recorded.');
  if (!configured) return true;
  const { config, secrets } = configured;
  /** A value of the sender's, as it may be shown: masked, one line, cut, then quoted. */
  const cleaned = (value: unknown) => {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    // Lone surrogates (a sender's broken text) become U+FFFD, as they would on the way out.
    return clip(oneLine(redactText(text.replace(LONE_SURROGATE, '\uFFFD'), secrets)), SHOWN);
  };
  const forLog = (value: unknown) => JSON.stringify(cleaned(value));
  const forSummary = (value: unknown) => codeSpan(cleaned(value));

  const summary = async (markdown: string) => {
    if (config.run.summary) await runner.appendSummary(`### Heartbeat report\n\n${markdown}\n`);
  };
  const checked = checkReport(event.payload, watchedIds(config.endpoints));
  if ('problem' in checked) {
    runner.warning(`The heartbeat report was not recorded: ${checked.problem(forLog)}.`, 'Vigil: heartbeat report');
    await summary(
      `> ⚠️ The heartbeat report was not recorded: ${checked.problem(forSummary)}.\n\nNothing else is done in a run started by a heartbeat report; the run succeeds.`,
    );
    return true;
  }
  const { id, status } = checked;
  const store = await branchStore(config, ctx);
  if (typeof store === 'string') {
    runner.warning(`The heartbeat report of ${id} was not recorded: ${store}.`, 'Vigil: heartbeat report');
    await summary(`> ⚠️ The heartbeat report of \`${id}\` (${status}) was not recorded: ${store}.`);
    return true;
  }
  const report: HeartbeatReport = { status, at: startedAt.toISOString(), run: ctx.runUrl };
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(config.run.deadline)]);
  try {
    const result = await store.update((files) => recordReport(files, id, report), {
      summary: `heartbeat ${id} ${status}`,
      signal: deadline,
      // Only the file of this id is fetched and written.
      read: () => new Set([heartbeatFile(id)]),
    });
    for (const warning of result.warnings) runner.warning(redactText(warning, secrets), 'Vigil: data branch');
  } catch (error) {
    const reason = oneLine(redactText((error as Error).message, secrets));
    runner.setFailed(
      `The heartbeat report of ${id} (${status}) was not recorded on branch ${config.run.historyBranch}: ${reason}`,
    );
    await summary(
      `> ❌ The heartbeat report of \`${id}\` (${status}) was not recorded on branch \`${config.run.historyBranch}\`: ${codeSpan(reason)}`,
    ).catch(() => undefined);
    return true;
  }
  const at = `${report.at.slice(0, 10)} ${report.at.slice(11, 16)} UTC`;
  runner.info(
    `Recorded heartbeat ${id}: ${status} (${at}) on branch ${config.run.historyBranch}. Scheduled runs judge it; this run checks nothing else.`,
  );
  await summary(
    `Recorded \`${id}\`: **${status}** at ${at} on branch \`${config.run.historyBranch}\`. ` +
      'Scheduled runs judge it; a run started by a heartbeat report checks nothing else.',
  );
  return true;
}
