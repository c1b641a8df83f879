/**
 * The acting stages, each on its own and within the run's end: the incident issues, the
 * notifications and the keep-alive. Each is a `Stage`: it says whether this run needs it, then
 * does its work on the run, where the next stage finds what it added.
 */
import type { Status } from '../check/types.js';
import type { Recorded } from './record-run.js';
import { repeatNote } from './record.js';
import { counted, type IncidentOutcome, type Run } from './state.js';

export interface Stage {
  /** What the stage does, as the summary names it when it fails or is cut short. */
  what: string;
  due(run: Run): boolean;
  work(run: Run): Promise<void>;
}

/** The acting stages, in order: notifications link the issues the first one opened. */
export const ACTS: readonly Stage[] = [
  {
    what: 'the incident issues',
    // A cancelled run knows too little to open or close issues.
    due: (run) => run.config.run.createIssues && !run.cancellation,
    work: incidentIssues,
  },
  {
    what: 'the notifications',
    // The events this run's push recorded, and what waited in the outbox.
    due: (run) => {
      const recorded = run.memory?.recorded;
      return recorded !== undefined && (recorded.judgement.events.length > 0 || recorded.claimed.length > 0);
    },
    work: notifications,
  },
  {
    what: 'the keep-alive',
    // With history at most once a day (the date is kept in state.json); without it, in the runs
    // of the first ten minutes after midnight UTC.
    due: (run) => {
      const { ctx, config } = run;
      if (!config.run.keepAlive || run.cancellation || !ctx.workflow || !ctx.repository || !config.run.githubToken) return false;
      return run.memory !== null || (run.runStart.getUTCHours() === 0 && run.runStart.getUTCMinutes() < 10);
    },
    work: keepAlive,
  },
];

async function incidentIssues(run: Run): Promise<void> {
  const watched = run.report.endpoints
    .filter((endpoint) => counted(run, endpoint) !== 'maintenance')
    .map((endpoint) => ({ ...endpoint, status: counted(run, endpoint) as Status }));
  const recorded = run.memory?.recorded;
  // Loaded only when create-issues is on: the GitHub client (Octokit and undici) is most of the
  // bundle, and a run without incident issues should not pay for loading it.
  const { reconcileIncidents, incidentClient } = await import('../incidents/index.js');
  const { config, ctx } = run;
  let outcome: IncidentOutcome;
  try {
    const client = incidentClient(config.run.githubToken, ctx, run.runEnd);
    outcome = await reconcileIncidents({ ...run.report, endpoints: watched }, client, {
      labels: config.run.issueLabels,
      assignees: config.run.issueAssignees,
      closeIssues: config.run.closeIssues,
      runUrl: ctx.runUrl,
      workflow: ctx.workflow,
      // Every configured id, not only those checked: an incident of another id is closed as
      // no longer monitored.
      configuredIds: config.endpoints.map((endpoint) => endpoint.id),
      now: () => ctx.clock.now(),
      ...(recorded ? incidentFacts(recorded) : {}),
    });
  } catch (error) {
    outcome = { opened: [], closed: [], links: new Map(), failure: (error as Error).message };
  }
  run.incidents = outcome;
  if (outcome.failure) {
    ctx.runner.error(outcome.failure, 'Vigil: incident issues');
    run.journal.failures.push(outcome.failure);
    // First among the summary's notices: the issues people rely on are not as they should be.
    run.journal.notices.unshift(outcome.failure);
  }
  if (!recorded || !config.run.createIssues) return;
  // The links learnt, kept on the branch by the follow-up push.
  for (const view of recorded.judgement.endpoints) {
    if (!view.checked) continue;
    // When the issues API failed, a missing link says nothing about the issue: keep the one recorded.
    if (outcome.failure && !outcome.links.has(view.id)) continue;
    const link = outcome.links.get(view.id) ?? null;
    if ((link?.number ?? null) !== (view.figures.incident?.number ?? null)) run.followUp.incidents.set(view.id, link);
  }
}

async function notifications(run: Run): Promise<void> {
  const { config, ctx, redact, journal } = run;
  const recorded = run.memory!.recorded;
  const unsaved = recorded.unsaved;
  const { deliver, sendNotice, failedSendsMarkdown } = await import('../notify/index.js');
  const events = recorded.judgement.events.map((event) =>
    event.incident ? event : { ...event, incident: run.incidents.links.get(event.id) ?? null },
  );
  const result = await deliver({
    events,
    outbox: recorded.claimed,
    targets: config.run.notify,
    now: ctx.clock.now(),
    send: (target, event) =>
      sendNotice(target, event, {
        redact,
        runUrl: ctx.runUrl,
        pageUrl: config.run.pages ? ctx.pagesUrl : null,
        signal: run.runEnd,
        note: unsaved ? repeatNote(config, unsaved.reason) : null,
      }),
    redact,
    signal: run.runEnd,
  });
  run.followUp.outbox = result.outbox;
  for (const sent of result.sent) ctx.runner.info(`Sent ${sent.event} to ${sent.target}`);
  // A titled list already (empty when every send went out).
  const lines = failedSendsMarkdown(result.failed);
  if (lines.length > 0) journal.sections.push(lines.join('\n'));
  // One annotation per failed send when they are few; many (a long outbox given up at once)
  // are one summarised line.
  if (result.failed.length <= FAILED_SENDS_ANNOTATED) {
    for (const failed of result.failed)
      ctx.runner.warning(`Could not notify ${failed.target}: ${failed.error}`, 'Vigil: notification');
  } else {
    ctx.runner.warning(
      `Could not notify ${result.failed.length} times: ${summariseFailures(result.failed)}. The summary lists the first of them.`,
      'Vigil: notification',
    );
  }
  if (unsaved && result.outbox.length > 0)
    journal.notices.push(
      `${result.outbox.length} ${result.outbox.length === 1 ? 'notification' : 'notifications'} could not be sent and cannot be kept for a later run (the history could not be saved).`,
    );
}

async function keepAlive(run: Run): Promise<void> {
  const { config, ctx } = run;
  const workflow = ctx.workflow as string;
  const recorded = run.memory?.recorded ?? null;
  const lastDone = recorded ? (recorded.judgement.state.keepAlive[workflow] ?? null) : null;
  const { keepAlive: keepWorkflowAlive } = await import('../keepalive/index.js');
  const result = await keepWorkflowAlive({
    api: { baseUrl: ctx.apiUrl, token: config.run.githubToken },
    repository: ctx.repository as string,
    workflow: ctx.workflowRef as string,
    lastDone,
    now: ctx.clock.now(),
    signal: run.runEnd,
  });
  if (result.message) run.journal.notices.push(run.redact(result.message));
  if (recorded && result.lastDone && result.lastDone !== lastDone) run.followUp.keepAlive.set(workflow, result.lastDone);
}

/** What the history tells the incident issues: when each outage began, how long the ones that
 * ended this run lasted, and each endpoint's uptime in words. */
function incidentFacts(recorded: Recorded) {
  const { judgement } = recorded;
  const percent = (value: number | null) => (value === null ? '—' : `${value} %`);
  return {
    outageStarts: new Map(Object.entries(judgement.state.endpoints).map(([id, state]) => [id, state.outageStart ?? null])),
    outageLengths: new Map(
      judgement.events
        .filter((event) => event.kind === 'recovered' && event.downtime !== null)
        .map((event) => [event.id, event.downtime as number]),
    ),
    uptimes: new Map(
      judgement.endpoints.map(({ id, figures: f }) => [
        id,
        `${percent(f.uptime['24h'])} over 24 h · ${percent(f.uptime['7d'])} over 7 d · ${percent(f.uptime['30d'])} over 30 d (target ${f.target} %)`,
      ]),
    ),
  };
}

/** Failed sends annotated one by one; the rest are counted in one line. */
const FAILED_SENDS_ANNOTATED = 10;

/** `3 given up (the target is no longer configured), 2 not tried (…)`: failures grouped by the
 * start of their error. */
function summariseFailures(failed: ReadonlyArray<{ error: string }>): string {
  const groups = new Map<string, number>();
  for (const { error } of failed) {
    const kind = /^[^:(]*/.exec(error)?.[0].trim() || 'failed';
    groups.set(kind, (groups.get(kind) ?? 0) + 1);
  }
  return [...groups]
    .slice(0, 5)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}
