/**
 * The action's run, as named stages: the context (everything read of the environment, once) →
 * prepare (the configuration, secrets, shard, maintenance windows) → measure → record (the data
 * branch) → act (incident issues, notifications, keep-alive) → follow-up → report (log, outputs,
 * annotations, summary) → verdict. Each stage after the checks runs on its own: one that fails
 * is reported in one line and fails the step, and the others still happen. A cancelled run
 * (SIGINT or SIGTERM, as GitHub cancels a job) stops checking at once and still reports what it
 * measured.
 */
import { readHeartbeat } from './config/heartbeat-urls.js';
import { heartbeatSecrets, sendHeartbeat } from './heartbeat/ping.js';
import { oneLine } from './text/one-line.js';
import type { Runner } from './runner.js';
import { ACTS } from './run/act.js';
import { contextOf, ContextError, type RunContext } from './run/context.js';
import { followUp } from './run/follow-up.js';
import { Journal, messageOf } from './run/journal.js';
import { measure } from './run/measure.js';
import { prepare } from './run/prepare.js';
import { record } from './run/record.js';
import { historySection, SINKS } from './run/report.js';
import type { Plan, Run } from './run/state.js';
import { isHeartbeat } from './probe/kinds/index.js';
import { verdict } from './run/verdict.js';

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
    const ctx = contextOf(env, runner);
    // A run started by a job's heartbeat report records it and does nothing else, not even the
    // ping (README "Push heartbeats").
    if (ctx.event.name === 'repository_dispatch') {
      const { heartbeatDispatch } = await import('./run/heartbeat-dispatch.js');
      if (await heartbeatDispatch(ctx, cancel.signal)) return;
    }
    stoppedWaiting = await checkAndReport(ctx, cancel.signal, outcome);
  } catch (error) {
    if (error instanceof ContextError) runner.setFailed(`${error.message}\nNothing was checked.`);
    else {
      // A bug of ours must still fail the step visibly, not end in an unhandled rejection.
      runner.setFailed(`Vigil failed unexpectedly: ${messageOf(error)}`);
      if (error instanceof Error && error.stack) runner.info(error.stack);
    }
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

/** One run, stage by stage. Returns true when the run stopped waiting for work still in flight
 * (the run deadline). */
async function checkAndReport(ctx: RunContext, signal: AbortSignal, outcome: { checked: boolean }): Promise<boolean> {
  const prepared = prepare(ctx);
  if (!prepared) return false;
  return withRunEnd(prepared.config.run.deadline, prepared.deadline.label, signal, async (runEnd) => {
    const plan = await withHeartbeats(ctx, prepared, runEnd);
    const journal = new Journal(ctx.runner, plan.redact);
    const run: Run = {
      ...plan,
      ctx,
      signal,
      runEnd,
      journal,
      ...(await measure({ ...plan, ctx, signal, journal })),
      memory: null,
      views: new Map(),
      incidents: { opened: [], closed: [], links: new Map(), failure: null },
      followUp: { incidents: new Map(), outbox: [], keepAlive: new Map() },
      historyCommit: null,
    };
    await record(run);
    for (const act of ACTS) if (act.due(run)) await journal.stage(act.what, runEnd, () => act.work(run));
    await followUp(run);
    await historySection(run);
    for (const sink of SINKS) if (sink.due(run)) await journal.sink(sink.what, () => sink.write(run));
    verdict(run);
    outcome.checked = true;
  });
}

/** Push heartbeats are judged from their last reports on the data branch, read first. */
async function withHeartbeats(ctx: RunContext, plan: Plan, runEnd: AbortSignal): Promise<Plan> {
  if (!plan.endpoints.some(isHeartbeat)) return plan;
  const { branchStore, withHeartbeatReports } = await import('./run/heartbeat-reports.js');
  const { config } = plan;
  const endpoints = await withHeartbeatReports(plan.endpoints, {
    storeOf: () => branchStore(config, ctx),
    place: 'the data branch',
    secrets: [config.run.githubToken, ...config.secrets],
    signal: runEnd,
  });
  return { ...plan, endpoints };
}

/** Runs the stages with the run's end: everything after the checks (git, issues, notifications,
 * keep-alive) ends at the run deadline, or at once on cancellation; only the summary and outputs
 * are written after it. Returns whether the end came. */
async function withRunEnd(
  deadlineMs: number,
  label: string,
  signal: AbortSignal,
  stages: (runEnd: AbortSignal) => Promise<void>,
): Promise<boolean> {
  const runEnd = new AbortController();
  const timer = setTimeout(() => runEnd.abort(`run deadline (${label}) reached`), deadlineMs);
  timer.unref();
  const onCancel = () => runEnd.abort(`run cancelled (${String(signal.reason)})`);
  if (signal.aborted) onCancel();
  else signal.addEventListener('abort', onCancel, { once: true });
  try {
    await stages(runEnd.signal);
    return runEnd.signal.aborted;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onCancel);
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
