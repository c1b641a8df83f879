/**
 * The action's run: load the configuration, check every endpoint, then hand the finished
 * report to every sink (log, outputs, annotations, incident issues, summary) and set the exit
 * status. Nothing downstream reads the inputs again. Each sink runs on its own: one that fails
 * is reported in one line and fails the step, and the others still happen. A cancelled run
 * (SIGINT or SIGTERM, as GitHub cancels a job) stops checking at once and still reports what
 * it measured.
 */
import { checkAll, sleep, type RunDeadline } from './check/run.js';
import { worstStatus, type Report, type ReportedEndpoint, type Status } from './check/types.js';
import { heartbeatSecrets, readHeartbeat, sendHeartbeat } from './heartbeat/ping.js';
import { loadConfig } from './config/inputs.js';
import { ConfigError, type Config, type Endpoint } from './config/types.js';
import { formatDuration } from './config/duration.js';
import { kindOf, probeKind } from './probe/kinds/index.js';
import { problemsOf } from './report/format.js';
import { oneLine } from './report/markdown.js';
import { outputsOf } from './report/outputs.js';
import { summaryMarkdown, type Cancellation, type IncidentLink } from './report/summary.js';
import { resultLine, terminalTable, useColour } from './report/terminal.js';
import type { Runner } from './runner.js';
import type { IncidentOptions } from './incidents/lifecycle.js';
import { selectShard } from './config/shard.js';
import type { CountedStatus } from './history/types.js';
import { workflowPathOf } from './incidents/text.js';
import { maintenanceText, windowAt, type ActiveWindow } from './maintenance/index.js';
// The data branch's judge, page and badges are loaded when history is on (import() below): a
// run without it should not pay for parsing them at start-up.
import type { FollowUp, PageSettings, Recorded, UnsavedReason } from './memory.js';
import { rememberedOf } from './report/outputs.js';
import { redactText } from './report/redact.js';
import type { DataStore } from './store/types.js';

/** What a run recorded on the data branch, and the store to make the follow-up push with. */
interface Memory {
  store: DataStore;
  recorded: Recorded;
  page: PageSettings | null;
}

export function runUrlFrom(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return null;
  return `${GITHUB_SERVER_URL || 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}

interface IncidentOutcome {
  opened: number[];
  closed: number[];
  links: Map<string, IncidentLink>;
  /** Set when the issues API could not do what was needed. */
  failure: string | null;
}

async function handleIncidents(
  config: Config,
  report: Report,
  env: NodeJS.ProcessEnv,
  history: Pick<IncidentOptions, 'outageStarts' | 'outageLengths' | 'uptimes'> | undefined,
  signal: AbortSignal,
): Promise<IncidentOutcome> {
  // Loaded only when create-issues is on: the GitHub client (Octokit and undici) is most of the
  // bundle, and a run without incident issues should not pay for loading it.
  const { reconcileIncidents, incidentClient } = await import('./incidents/index.js');
  try {
    const client = incidentClient(config.run.githubToken, env, signal);
    return await reconcileIncidents(report, client, {
      labels: config.run.issueLabels,
      assignees: config.run.issueAssignees,
      closeIssues: config.run.closeIssues,
      runUrl: runUrlFrom(env),
      workflow: workflowPathOf(env.GITHUB_WORKFLOW_REF),
      // Every configured id, not only those checked: an incident of another id is closed as
      // no longer monitored.
      configuredIds: config.endpoints.map((endpoint) => endpoint.id),
      ...history,
    });
  } catch (error) {
    return { opened: [], closed: [], links: new Map(), failure: (error as Error).message };
  }
}

export interface RunOptions {
  /** Cancels the run. Without it, the run cancels itself on SIGINT or SIGTERM and then ends
   * the process, since attempts still in flight would otherwise keep it alive. */
  signal?: AbortSignal;
}

/** The action. Without a runner it speaks to the runner through `@actions/core`, which is how
 * `@github/local-action` runs it (calling `run()` with no arguments, its own core in place);
 * `src/index.ts` gives it the leaner `protocolRunner`. */
export async function run(env: NodeJS.ProcessEnv = process.env, given?: Runner, options: RunOptions = {}): Promise<void> {
  const runner = given ?? (await import('./runner-core.js')).coreRunner(env);
  const cancel = options.signal ? { signal: options.signal, dispose: () => undefined } : cancelOnSignals();
  // Read before anything else, so that even a run whose configuration fails says so (README:
  // "A dead man's switch"); the URLs are masked before anything is logged.
  const heartbeat = readHeartbeat((name) => runner.getInput(name)).urls;
  if (heartbeat) for (const secret of heartbeatSecrets(heartbeat)) runner.setSecret(secret);
  let stoppedWaiting = false;
  const outcome = { checked: false };
  try {
    // A run started by a job's heartbeat report records it and does nothing else, not even the
    // ping (README "Push heartbeats").
    if (env.GITHUB_EVENT_NAME === 'repository_dispatch') {
      const { heartbeatDispatch } = await import('./heartbeat/dispatch.js');
      if (await heartbeatDispatch(env, runner, { signal: cancel.signal, runUrl: runUrlFrom(env) })) return;
    }
    stoppedWaiting = await checkAndReport(env, runner, cancel.signal, outcome);
  } catch (error) {
    // A bug of ours must still fail the step visibly, not end in an unhandled rejection.
    runner.setFailed(`Vigil failed unexpectedly: ${messageOf(error)}`);
    if (error instanceof Error && error.stack) runner.info(error.stack);
  } finally {
    cancel.dispose();
  }
  if (heartbeat && !cancel.signal.aborted) {
    const problem = await sendHeartbeat(heartbeat, outcome.checked).catch((error: unknown) => messageOf(error));
    if (problem !== null) {
      // A notice, never a failure: the checks themselves went as they went.
      const notice = `The heartbeat ping was not delivered (${oneLine(problem)}); the run is not failed for it.`;
      runner.info(notice);
      if (runner.getInput('summary').trim().toLowerCase() !== 'false') await runner.appendSummary(`\n> ${notice}\n`);
    }
  }
  if ((cancel.signal.aborted || stoppedWaiting) && !options.signal) {
    // Everything is written; end now rather than wait for attempts, git or sends still in flight.
    process.stdout.write('', () => process.exit());
  }
}

function cancelOnSignals(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  // GitHub sends SIGINT, then SIGTERM a few seconds later: the first one starts the end, the
  // second must not interrupt the writing of what was measured.
  const onSignal = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted) controller.abort(name);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

function messageOf(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}

/** What a run measured: every endpoint, or, when it was cancelled, those that finished. */
export interface Measured {
  report: Report;
  cancellation: Cancellation | null;
}

class Cancelled extends Error {}

/** Checks every endpoint, within the run deadline when one is given (the endpoints it left no
 * time for are in `report.notChecked`); on cancellation stops waiting at once, starts no attempt
 * and no retry, and reports the endpoints that had not finished as not checked (neither up nor
 * down). */
export async function checkUntilCancelled(
  endpoints: readonly Endpoint[],
  concurrency: number,
  onResult: (result: ReportedEndpoint) => void,
  signal: AbortSignal,
  deadline?: RunDeadline,
): Promise<Measured> {
  const startedAt = new Date();
  const started = performance.now();
  const finished: Array<ReportedEndpoint | undefined> = new Array(endpoints.length);
  const stopped = new Promise<never>((_, reject) => {
    const stop = () => reject(new Cancelled(String(signal.reason)));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
  stopped.catch(() => undefined);
  const unlessCancelled = <T>(work: Promise<T>) => Promise.race([work, stopped]);
  try {
    const report = await unlessCancelled(
      checkAll(endpoints, {
        concurrency,
        deadline,
        probe: (request) => (signal.aborted ? stopped : unlessCancelled(probeKind(request))),
        sleep: (ms) => unlessCancelled(sleep(ms)),
        onResult: (result, index) => {
          if (signal.aborted) return;
          finished[index] = result;
          onResult(result);
        },
      }),
    );
    return { report, cancellation: null };
  } catch (error) {
    if (!signal.aborted) throw error;
    const results = finished.filter((result): result is ReportedEndpoint => result !== undefined);
    // Cancelled as the last endpoint finished: nothing is missing.
    const complete = results.length === endpoints.length;
    const counts: Record<Status, number> = { up: 0, degraded: 0, down: 0 };
    for (const result of results) counts[result.status] += 1;
    return {
      report: {
        status: worstStatus(results.map((result) => result.status)),
        endpoints: results,
        counts,
        // Cancellation keeps its own list of what was not checked.
        notChecked: [],
        startedAt,
        durationMs: Math.round(performance.now() - started),
      },
      cancellation: complete
        ? null
        : {
            reason: String(signal.reason),
            notChecked: endpoints.filter((_, index) => !finished[index]).map((endpoint) => endpoint.name),
          },
    };
  }
}

/** One run: configuration, checks, memory, then every sink, each on its own. */
/** Returns true when the run stopped waiting for work still in flight (the run deadline). */
async function checkAndReport(
  env: NodeJS.ProcessEnv,
  runner: Runner,
  signal: AbortSignal,
  outcome: { checked: boolean },
): Promise<boolean> {
  let config: Config;
  try {
    config = loadConfig((name) => runner.getInput(name), { env, workspace: env.GITHUB_WORKSPACE || process.cwd() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const secret of error.secrets) runner.setSecret(secret);
    for (const problem of error.problems) runner.error(`${problem.where}: ${problem.message}`, 'Vigil configuration');
    runner.setFailed(`${error.message}\nNothing was checked.`);
    return false;
  }

  if (config.run.githubToken) runner.setSecret(config.run.githubToken);
  for (const secret of config.secrets) runner.setSecret(secret);
  for (const endpoint of config.endpoints) for (const secret of endpoint.secrets) runner.setSecret(secret);
  const secrets = [config.run.githubToken, ...config.secrets, ...config.endpoints.flatMap((endpoint) => endpoint.secrets)].filter(
    (secret) => secret !== '',
  );
  const redact = (text: string) => redactText(text, secrets);

  let endpoints = selectShard(config.endpoints, config.run.shard);
  const runStart = new Date();
  // Windows are judged at the start of the run: a check is in maintenance or it is not.
  const windows = new Map<string, ActiveWindow>();
  for (const endpoint of endpoints) {
    const window = windowAt(config.run.maintenance, endpoint.id, runStart);
    if (window) windows.set(endpoint.id, window);
  }

  const shard = config.run.shard ? ` (shard ${config.run.shard.index} of ${config.run.shard.count})` : '';
  const checking = endpoints.length;
  runner.info(`Checking ${checking} ${checking === 1 ? 'endpoint' : 'endpoints'}${shard}, ${config.run.concurrency} at a time`);
  const deadline: RunDeadline = { at: performance.now() + config.run.deadline, label: formatDuration(config.run.deadline) };
  // Everything after the checks (git, issues, notifications, keep-alive) ends at the same run
  // deadline, or at once on cancellation; only the summary and outputs are written after it.
  const runEnd = new AbortController();
  const deadlineTimer = setTimeout(() => runEnd.abort(`run deadline (${deadline.label}) reached`), config.run.deadline);
  deadlineTimer.unref();
  const onCancel = () => runEnd.abort(`run cancelled (${String(signal.reason)})`);
  if (signal.aborted) onCancel();
  else signal.addEventListener('abort', onCancel, { once: true });
  try {
    // Push heartbeats are judged from their last reports on the data branch, read first.
    if (endpoints.some((endpoint) => kindOf(endpoint.url) === 'heartbeat')) {
      const { withHeartbeatReports } = await import('./heartbeat/store.js');
      endpoints = await withHeartbeatReports(endpoints, config, env, runEnd.signal);
    }
    await checkAndAct(env, runner, signal, config, redact, endpoints, windows, runStart, deadline, runEnd.signal);
    outcome.checked = true;
    return runEnd.signal.aborted;
  } finally {
    clearTimeout(deadlineTimer);
    signal.removeEventListener('abort', onCancel);
  }
}

/** The checks, then every stage and sink of the run. */
async function checkAndAct(
  env: NodeJS.ProcessEnv,
  runner: Runner,
  signal: AbortSignal,
  config: Config,
  redact: (text: string) => string,
  endpoints: readonly Endpoint[],
  windows: ReadonlyMap<string, ActiveWindow>,
  runStart: Date,
  deadline: RunDeadline,
  runEnd: AbortSignal,
): Promise<void> {
  const colour = useColour(process.stdout, env);
  const count = endpoints.length;
  const { report, cancellation } = await checkUntilCancelled(
    endpoints,
    config.run.concurrency,
    (result) => runner.info(resultLine(result, colour)),
    signal,
    deadline,
  );

  const failures: string[] = [];
  const notices: string[] = [];
  const sections: string[] = [];
  /** Runs one sink; a failure becomes one line (and an annotation, if those still work). */
  const sink = async (what: string, write: () => void | Promise<void>) => {
    try {
      await write();
    } catch (error) {
      const line = `Could not write ${what}: ${messageOf(redact(error instanceof Error ? error.message : String(error)))}`;
      failures.push(line);
      notices.push(line);
      try {
        runner.error(line, 'Vigil');
      } catch {
        // The annotations are what failed; the line is still in the step's failure below.
      }
    }
  };

  /** Runs one stage that waits on others (git, the issues API, channels) within the run's end:
   * when the deadline or a cancellation comes first, the run stops waiting for it and says so. */
  const stage = async (what: string, work: () => Promise<void>) => {
    if (runEnd.aborted) {
      const line = `${capitalised(what)} ${what.endsWith('s') ? 'were' : 'was'} not started: ${String(runEnd.reason)}.`;
      failures.push(line);
      notices.push(line);
      runner.warning(line, 'Vigil: cut short');
      return;
    }
    let stopped: (() => void) | undefined;
    const cut = new Promise<'cut'>((resolve) => {
      if (runEnd.aborted) resolve('cut');
      else {
        stopped = () => resolve('cut');
        runEnd.addEventListener('abort', stopped, { once: true });
      }
    });
    try {
      const outcome = await Promise.race([sink(what, work).then(() => 'done' as const), cut]);
      if (outcome === 'cut') {
        const line = `${capitalised(what)} did not finish: ${String(runEnd.reason)}; the run stopped waiting for it.`;
        failures.push(line);
        notices.push(line);
        runner.warning(line, 'Vigil: cut short');
      }
    } finally {
      if (stopped) runEnd.removeEventListener('abort', stopped);
    }
  };

  if (cancellation) {
    const { reason, notChecked } = cancellation;
    runner.error(
      `The run was cancelled (${reason}) after checking ${report.endpoints.length} of ${count} endpoints. ` +
        `Not checked: ${notChecked.join(', ')}. The summary and outputs hold what was measured; incident issues were left as they were.`,
      'Vigil: run cancelled',
    );
    failures.push(`Cancelled (${reason}): ${notChecked.length} of ${count} endpoints were not checked.`);
  }

  if (report.notChecked.length > 0) {
    const names = report.notChecked.map((endpoint) => endpoint.name);
    const line =
      `The run deadline (${deadline.label}) came before ${names.length} of ${count} endpoints could be checked: ${names.join(', ')}. ` +
      'They are not counted and not recorded; raise `deadline` or `concurrency`, or lower `timeout` or `retries`.';
    runner.error(line, 'Vigil: run deadline reached');
    failures.push(`Not checked (run deadline ${deadline.label} reached): ${names.join(', ')}`);
    notices.push(line);
  }

  const runUrl = runUrlFrom(env);
  const workflow = workflowPathOf(env.GITHUB_WORKFLOW_REF);
  const pagesUrl = config.run.pages ? pagesUrlOf(env) : null;

  // Memory: one push records every check, the figures, the state, the page and the badges.
  // Typed by `as` so the assignment inside the sink's callback is not narrowed away.
  let memory = null as Memory | null;
  /** Why the branch could not be read at all (null when it was, or history is off). */
  let unread = null as string | null;
  if (config.run.history && !cancellation) {
    await stage('the history', async () => {
      const saved = await remember(config, report, windows, env, runStart, workflow, runUrl, runEnd);
      // Finished after the run stopped waiting for it: the stages after it have moved on.
      if (runEnd.aborted) return;
      if (typeof saved === 'string') {
        unread = saved;
        notices.push(saved);
        runner.warning(saved, 'Vigil: history not saved');
      } else {
        memory = saved;
        for (const warning of [...saved.recorded.warnings, ...saved.recorded.judgement.warnings]) {
          const line = redact(warning);
          notices.push(line);
          runner.warning(line, 'Vigil: data branch');
        }
        if (saved.recorded.unsaved) {
          const line = unsavedLine(config.run.historyBranch, saved.recorded, config.run.notify.length > 0);
          notices.push(line);
          runner.warning(line, 'Vigil: history not saved');
        }
      }
    });
    if (memory === null && config.run.notify.length > 0) {
      // Events are judged against the branch: without it, nothing can say what changed.
      const line =
        `Notifications could not be judged, so none was sent: ${notifyTargetsText(config)}. ` +
        `${unread ?? (runEnd.aborted ? `The data branch was not read in time (${String(runEnd.reason)}).` : 'The data branch could not be read.')}`;
      failures.push(line);
      if (!notices.includes(line)) notices.push(line);
      runner.error(line, 'Vigil: notifications not judged');
    }
  }
  const recorded = memory?.recorded ?? null;
  const unsaved = recorded?.unsaved ?? null;
  const views = new Map((recorded?.judgement.endpoints ?? []).map((view) => [view.id, view]));
  /** The status that counts (after the thresholds, and maintenance): what issues, notifications
   * and `fail-on` follow. Without history, thresholds are 1. */
  const counted = (endpoint: ReportedEndpoint): CountedStatus =>
    views.get(endpoint.id)?.figures.status ?? (windows.has(endpoint.id) ? 'maintenance' : endpoint.status);

  let incidents: IncidentOutcome = { opened: [], closed: [], links: new Map(), failure: null };
  // A cancelled run knows too little to open or close issues.
  if (config.run.createIssues && !cancellation) {
    await stage('the incident issues', async () => {
      const watched = report.endpoints
        .filter((endpoint) => counted(endpoint) !== 'maintenance')
        .map((endpoint) => ({ ...endpoint, status: counted(endpoint) as Status }));
      incidents = await handleIncidents(
        config,
        { ...report, endpoints: watched },
        env,
        recorded ? incidentFacts(recorded) : undefined,
        runEnd,
      );
    });
  }

  const followUp: FollowUp = { incidents: new Map(), outbox: [], keepAlive: new Map() };
  if (recorded) {
    for (const view of recorded.judgement.endpoints) {
      if (!view.checked) continue;
      // When the issues API failed, a missing link says nothing about the issue: keep the one recorded.
      if (incidents.failure && !incidents.links.has(view.id)) continue;
      const link = incidents.links.get(view.id) ?? null;
      if (config.run.createIssues && (link?.number ?? null) !== (view.figures.incident?.number ?? null)) {
        followUp.incidents.set(view.id, link);
      }
    }
  }

  // Notifications: the events this run's push recorded, and what waited in the outbox.
  if (recorded && (recorded.judgement.events.length > 0 || recorded.claimed.length > 0)) {
    await stage('the notifications', async () => {
      const { deliver, sendNotice, failedSendsMarkdown } = await import('./notify/index.js');
      const events = recorded.judgement.events.map((event) =>
        event.incident ? event : { ...event, incident: incidents.links.get(event.id) ?? null },
      );
      const result = await deliver({
        events,
        outbox: recorded.claimed,
        targets: config.run.notify,
        now: new Date(),
        send: (target, event) =>
          sendNotice(target, event, {
            redact,
            runUrl,
            pageUrl: pagesUrl,
            signal: runEnd,
            note: unsaved ? repeatNote(config, unsaved.reason) : null,
          }),
        redact,
        signal: runEnd,
      });
      followUp.outbox = result.outbox;
      for (const sent of result.sent) runner.info(`Sent ${sent.event} to ${sent.target}`);
      // A titled list already (empty when every send went out).
      const lines = failedSendsMarkdown(result.failed);
      if (lines.length > 0) sections.push(lines.join('\n'));
      // One annotation per failed send when they are few; many (a long outbox given up at once)
      // are one summarised line.
      if (result.failed.length <= FAILED_SENDS_ANNOTATED) {
        for (const failed of result.failed)
          runner.warning(`Could not notify ${failed.target}: ${failed.error}`, 'Vigil: notification');
      } else {
        runner.warning(
          `Could not notify ${result.failed.length} times: ${summariseFailures(result.failed)}. The summary lists the first of them.`,
          'Vigil: notification',
        );
      }
      if (unsaved && result.outbox.length > 0)
        notices.push(
          `${result.outbox.length} ${result.outbox.length === 1 ? 'notification' : 'notifications'} could not be sent and cannot be kept for a later run (the history could not be saved).`,
        );
    });
  }

  // Keep-alive: with history at most once a day (the date is kept in state.json); without it,
  // in the runs of the first ten minutes after midnight UTC.
  if (config.run.keepAlive && !cancellation && workflow && env.GITHUB_REPOSITORY && config.run.githubToken) {
    const lastDone = recorded ? (recorded.judgement.state.keepAlive[workflow] ?? null) : null;
    const due = recorded !== null || (runStart.getUTCHours() === 0 && runStart.getUTCMinutes() < 10);
    if (due) {
      await stage('the keep-alive', async () => {
        const { keepAlive } = await import('./keepalive/index.js');
        const result = await keepAlive({
          api: { baseUrl: env.GITHUB_API_URL || 'https://api.github.com', token: config.run.githubToken },
          repository: env.GITHUB_REPOSITORY as string,
          workflow: env.GITHUB_WORKFLOW_REF as string,
          lastDone,
          now: new Date(),
          signal: runEnd,
        });
        if (result.message) notices.push(redact(result.message));
        if (recorded && result.lastDone && result.lastDone !== lastDone) followUp.keepAlive.set(workflow, result.lastDone);
      });
    }
  }

  let historyCommit = recorded?.commit ?? null;
  const saved = memory;
  if (saved && !unsaved && (followUp.incidents.size > 0 || followUp.outbox.length > 0 || followUp.keepAlive.size > 0)) {
    await stage('the history (incident links and notices)', async () => {
      const { followUpChanges, followUpReads } = await import('./memory.js');
      const page = saved.page && saved.recorded.pageInput ? { input: saved.recorded.pageInput, settings: saved.page } : null;
      const result = await saved.store.update((files) => followUpChanges(files, followUp, page), {
        summary: 'incidents and notices',
        signal: runEnd,
        read: followUpReads,
      });
      historyCommit = result.commit ?? historyCommit;
    });
  }

  if (recorded) {
    const [{ historyMarkdown }, { badgeMarkdown }] = await Promise.all([
      import('./report/history-summary.js'),
      import('./page/badges.js'),
    ]);
    const checkedViews = report.endpoints.map((endpoint) => views.get(endpoint.id)).filter((view) => view !== undefined);
    const maintenance = new Map([...windows].map(([id, window]) => [id, maintenanceText(window, runStart)]));
    const badges = pagesUrl
      ? report.endpoints.map((endpoint) => badgeMarkdown(pagesUrl, endpoint.id, endpoint.name)).join('\n')
      : null;
    sections.unshift(historyMarkdown({ views: checkedViews, maintenance, badges }));
  }

  await sink('the log table', () => {
    runner.info('');
    runner.info(terminalTable(report, colour));
  });

  await sink('the outputs', () => {
    const remembered = new Map([...views].map(([id, view]) => [id, rememberedOf(view)]));
    const history = config.run.history ? { commit: historyCommit, remembered } : null;
    for (const [name, value] of Object.entries(outputsOf(report, incidents, history))) runner.setOutput(name, value);
  });

  await sink('the annotations', () => {
    for (const endpoint of report.endpoints) {
      const details = problemsOf(endpoint).map(oneLine).join('; ');
      const state = counted(endpoint);
      const pending = views.get(endpoint.id)?.pending;
      if (state === 'maintenance') {
        runner.info(`${endpoint.name} is in maintenance (${endpoint.status}): ${details || 'no problem'}`);
      } else if (endpoint.status === 'down' && state !== 'down' && pending) {
        runner.warning(`${endpoint.name} is ${pending.text}: ${details}`, `Vigil: ${endpoint.name} is down (pending)`);
      } else if (endpoint.status === 'down') {
        runner.error(`${endpoint.name} is down: ${details}`, `Vigil: ${endpoint.name} is down`);
      } else if (endpoint.status === 'degraded') {
        runner.warning(`${endpoint.name} is degraded: ${details}`, `Vigil: ${endpoint.name} is degraded`);
      }
    }
  });

  if (incidents.failure) {
    runner.error(incidents.failure, 'Vigil: incident issues');
    failures.push(incidents.failure);
    notices.unshift(incidents.failure);
  }

  if (config.run.summary) {
    await sink('the job summary', () =>
      runner.appendSummary(summaryMarkdown(report, { runUrl, incidents: incidents.links, notices, cancellation, sections })),
    );
  }

  if (config.run.failOn !== 'never') {
    const failing = report.endpoints.filter((endpoint) => {
      const state = counted(endpoint);
      return state === 'down' || (config.run.failOn === 'degraded' && state === 'degraded');
    });
    if (failing.length > 0) {
      const worst = failing.some((endpoint) => counted(endpoint) === 'down') ? 'Down' : 'Degraded';
      failures.unshift(`${worst}: ${failing.map((endpoint) => `${endpoint.name} (${counted(endpoint)})`).join(', ')}`);
    }
  }
  if (failures.length > 0) runner.setFailed(failures.join('\n'));
}

/** What the history tells the incident issues: when each outage began, how long the ones that
 * ended this run lasted, and each endpoint's uptime in words. */
function incidentFacts(recorded: Recorded): Pick<IncidentOptions, 'outageStarts' | 'outageLengths' | 'uptimes'> {
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

/** `https://OWNER.github.io/REPO/`, where GitHub Pages serves the data branch (github.com only). */
function pagesUrlOf(env: NodeJS.ProcessEnv): string | null {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (server !== 'https://github.com' || !owner || !repo) return null;
  return `https://${owner.toLowerCase()}.github.io/${repo}/`;
}

/** Records the run on the data branch. Returns what it recorded, or, when the branch cannot be
 * written, one line saying why and what to change. */
async function remember(
  config: Config,
  report: Report,
  windows: ReadonlyMap<string, ActiveWindow>,
  env: NodeJS.ProcessEnv,
  now: Date,
  workflow: string | null,
  runUrl: string | null,
  signal: AbortSignal,
): Promise<Memory | string> {
  const branch = config.run.historyBranch;
  if (!env.GITHUB_REPOSITORY)
    return 'History was not saved: GITHUB_REPOSITORY is not set (run in GitHub Actions, or set `history: false`).';
  if (!config.run.githubToken) return 'History was not saved: there is no token (`github-token`).';
  const [{ gitStore, StoreError }, { checksOf, recordRun, recordSettingsOf }] = await Promise.all([
    import('./store/index.js'),
    import('./memory.js'),
  ]);
  const store = gitStore({
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    repository: env.GITHUB_REPOSITORY,
    token: config.run.githubToken,
    branch,
    env,
    workdir: env.RUNNER_TEMP || undefined,
  });
  const settings = recordSettingsOf(config, {
    repository: `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}`,
    run: runUrl,
  });
  try {
    const recorded = await recordRun({ store, checks: checksOf(report, windows), workflow, now, signal, ...settings });
    return { store, recorded, page: settings.page };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    const reason = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
    return `History was not saved to branch \`${branch}\`: ${reason} Checks, outputs and issues go on; thresholds count as 1 this run.`;
  }
}

/** Failed sends annotated one by one; the rest are counted in one line. */
const FAILED_SENDS_ANNOTATED = 10;

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

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

/** The notification targets, as people name them: `telegram (down, recovered), webhook (down) for api`. */
function notifyTargetsText(config: Config): string {
  return config.run.notify
    .map((target) => {
      const endpoints = target.endpoints === null ? '' : ` for ${target.endpoints.join(', ')}`;
      return `${target.channel} (${target.on.join(', ')})${endpoints}`;
    })
    .join('; ');
}

const FIX: Record<UnsavedReason, (branch: string) => string> = {
  permission: () => "add `contents: write` to the workflow's `permissions:`",
  protected: (branch) =>
    `let the workflow push (and force-push) to the protected branch \`${branch}\`, or choose another \`history-branch\``,
  auth: () => 'give `github-token` a token that may write to the repository',
};

/** Said in every notification of a run that could not save its history. */
function repeatNote(config: Config, reason: UnsavedReason): string {
  return (
    `This run could not save its history, so a later run may send this again until it can. ` +
    `To fix it, ${FIX[reason](config.run.historyBranch).replace(/`/g, '')}.`
  );
}

/** The summary's line for a branch that was read but not written. */
function unsavedLine(branch: string, recorded: Recorded, notifying: boolean): string {
  const unsaved = recorded.unsaved!;
  const reason = /[.!?]$/.test(unsaved.message) ? unsaved.message : `${unsaved.message}.`;
  const events = recorded.judgement.events.length + recorded.claimed.length;
  const sent = notifying
    ? ` The notifications judged from what was read are sent anyway (${events} this run); while the branch cannot be written, a later run may send them again. To fix it, ${FIX[unsaved.reason](branch)}.`
    : '';
  return `History was not saved to branch \`${branch}\`: ${reason}${sent} Checks, outputs and issues go on; thresholds count as 1 this run.`;
}
