/**
 * The action's run: load the configuration, check every endpoint, then hand the finished
 * report to every sink (log, outputs, annotations, incident issues, summary) and set the exit
 * status. Nothing downstream reads the inputs again. Each sink runs on its own: one that fails
 * is reported in one line and fails the step, and the others still happen. A cancelled run
 * (SIGINT or SIGTERM, as GitHub cancels a job) stops checking at once and still reports what
 * it measured.
 */
import { checkAll, sleep, type RunDeadline } from './check/run.js';
import { failsOn, worstStatus, type Report, type ReportedEndpoint, type Status } from './check/types.js';
import { loadConfig } from './config/inputs.js';
import { ConfigError, type Config, type Endpoint } from './config/types.js';
import { probe } from './probe/probe.js';
import { problemsOf } from './report/format.js';
import { oneLine } from './report/markdown.js';
import { outputsOf } from './report/outputs.js';
import { summaryMarkdown, type Cancellation, type IncidentLink } from './report/summary.js';
import { resultLine, terminalTable, useColour } from './report/terminal.js';
import type { Runner } from './runner.js';

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

async function handleIncidents(config: Config, report: Report, env: NodeJS.ProcessEnv): Promise<IncidentOutcome> {
  // Loaded only when create-issues is on: the GitHub client (Octokit and undici) is most of the
  // bundle, and a run without incident issues should not pay for loading it.
  const { reconcileIncidents, incidentClient, workflowPathOf } = await import('./incidents/index.js');
  try {
    const client = incidentClient(config.run.githubToken, env);
    return await reconcileIncidents(report, client, {
      labels: config.run.issueLabels,
      assignees: config.run.issueAssignees,
      closeIssues: config.run.closeIssues,
      runUrl: runUrlFrom(env),
      workflow: workflowPathOf(env.GITHUB_WORKFLOW_REF),
      // Every configured id, not only those checked: an incident of another id is closed as
      // no longer monitored.
      configuredIds: config.endpoints.map((endpoint) => endpoint.id),
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
  try {
    await checkAndReport(env, runner, cancel.signal);
  } catch (error) {
    // A bug of ours must still fail the step visibly, not end in an unhandled rejection.
    runner.setFailed(`Vigil failed unexpectedly: ${messageOf(error)}`);
    if (error instanceof Error && error.stack) runner.info(error.stack);
  } finally {
    cancel.dispose();
  }
  if (cancel.signal.aborted && !options.signal) {
    // Everything is written; end now rather than wait for attempts still in flight.
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
        probe: (request) => (signal.aborted ? stopped : unlessCancelled(probe(request))),
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

/** The secrets a configuration error knows of (the `${VAR}` values it had substituted). */
async function checkAndReport(env: NodeJS.ProcessEnv, runner: Runner, signal: AbortSignal): Promise<void> {
  let config: Config;
  try {
    config = loadConfig((name) => runner.getInput(name), { env, workspace: env.GITHUB_WORKSPACE || process.cwd() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const secret of error.secrets) runner.setSecret(secret);
    for (const problem of error.problems) runner.error(`${problem.where}: ${problem.message}`, 'Vigil configuration');
    runner.setFailed(`${error.message}\nNothing was checked.`);
    return;
  }

  if (config.run.githubToken) runner.setSecret(config.run.githubToken);
  for (const endpoint of config.endpoints) for (const secret of endpoint.secrets) runner.setSecret(secret);

  const colour = useColour(process.stdout, env);
  const count = config.endpoints.length;
  runner.info(`Checking ${count} ${count === 1 ? 'endpoint' : 'endpoints'}, ${config.run.concurrency} at a time`);
  const { report, cancellation } = await checkUntilCancelled(
    config.endpoints,
    config.run.concurrency,
    (result) => runner.info(resultLine(result, colour)),
    signal,
  );

  const failures: string[] = [];
  /** Runs one sink; a failure becomes one line (and an annotation, if those still work). */
  const sink = async (what: string, write: () => void | Promise<void>) => {
    try {
      await write();
    } catch (error) {
      const line = `Could not write ${what}: ${messageOf(error)}`;
      failures.push(line);
      try {
        runner.error(line, 'Vigil');
      } catch {
        // The annotations are what failed; the line is still in the step's failure below.
      }
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

  let incidents: IncidentOutcome = { opened: [], closed: [], links: new Map(), failure: null };
  // A cancelled run knows too little to open or close issues.
  if (config.run.createIssues && !cancellation) {
    await sink('the incident issues', async () => {
      incidents = await handleIncidents(config, report, env);
    });
  }

  await sink('the log table', () => {
    runner.info('');
    runner.info(terminalTable(report, colour));
  });

  await sink('the outputs', () => {
    for (const [name, value] of Object.entries(outputsOf(report, incidents))) runner.setOutput(name, value);
  });

  await sink('the annotations', () => {
    for (const endpoint of report.endpoints) {
      const details = problemsOf(endpoint).map(oneLine).join('; ');
      if (endpoint.status === 'down') runner.error(`${endpoint.name} is down: ${details}`, `Vigil: ${endpoint.name} is down`);
      if (endpoint.status === 'degraded') {
        runner.warning(`${endpoint.name} is degraded: ${details}`, `Vigil: ${endpoint.name} is degraded`);
      }
    }
  });

  if (incidents.failure) {
    runner.error(incidents.failure, 'Vigil: incident issues');
    failures.push(incidents.failure);
  }

  if (config.run.summary) {
    await sink('the job summary', () =>
      runner.appendSummary(
        summaryMarkdown(report, {
          runUrl: runUrlFrom(env),
          incidents: incidents.links,
          notices: [
            ...(incidents.failure ? [incidents.failure] : []),
            ...failures.filter((line) => line.startsWith('Could not')),
          ],
          cancellation,
        }),
      ),
    );
  }

  if (failsOn(report, config.run.failOn)) {
    const names = report.endpoints.filter((e) => e.status !== 'up' && (config.run.failOn === 'degraded' || e.status === 'down'));
    failures.unshift(
      `${report.status === 'down' ? 'Down' : 'Degraded'}: ${names.map((e) => `${e.name} (${e.status})`).join(', ')}`,
    );
  }
  if (failures.length > 0) runner.setFailed(failures.join('\n'));
}
