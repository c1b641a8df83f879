/**
 * The measuring stage: every endpoint checked within the run deadline, stopped at once by a
 * cancellation, and what was left unchecked said plainly.
 */
import { checkAll, sleep, type RunDeadline } from '../check/run.js';
import { worstStatus, type Report, type ReportedEndpoint, type Status } from '../check/types.js';
import type { Endpoint } from '../config/types.js';
import { probeKind } from '../probe/kinds/index.js';
import { resultLine } from '../report/terminal.js';
import type { Cancellation } from '../report/summary.js';
import type { Clock } from './context.js';
import type { Run } from './state.js';

/** What a run measured: every endpoint, or, when it was cancelled, those that finished. */
export interface Measured {
  report: Report;
  cancellation: Cancellation | null;
}

/** Checks the run's endpoints, logging each result as it comes, and says what was not checked
 * (cancelled, or past the run deadline): those lines fail the step. */
export async function measure(
  run: Pick<Run, 'ctx' | 'config' | 'endpoints' | 'signal' | 'deadline' | 'journal'>,
): Promise<Measured> {
  const { runner, colour, clock } = run.ctx;
  const measured = await checkUntilCancelled(
    run.endpoints,
    run.config.run.concurrency,
    (result) => runner.info(resultLine(result, colour)),
    run.signal,
    run.deadline,
    clock,
  );
  const { report, cancellation } = measured;
  const count = run.endpoints.length;
  if (cancellation) {
    const { reason, notChecked } = cancellation;
    runner.error(
      `The run was cancelled (${reason}) after checking ${report.endpoints.length} of ${count} endpoints. ` +
        `Not checked: ${notChecked.join(', ')}. The summary and outputs hold what was measured; incident issues were left as they were.`,
      'Vigil: run cancelled',
    );
    run.journal.failures.push(`Cancelled (${reason}): ${notChecked.length} of ${count} endpoints were not checked.`);
  }
  if (report.notChecked.length > 0) {
    const names = report.notChecked.map((endpoint) => endpoint.name);
    const label = run.deadline.label;
    const line =
      `The run deadline (${label}) came before ${names.length} of ${count} endpoints could be checked: ${names.join(', ')}. ` +
      'They are not counted and not recorded; raise `deadline` or `concurrency`, or lower `timeout` or `retries`.';
    runner.error(line, 'Vigil: run deadline reached');
    run.journal.failures.push(`Not checked (run deadline ${label} reached): ${names.join(', ')}`);
    run.journal.notices.push(line);
  }
  return measured;
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
  clock: Clock = { now: () => new Date() },
): Promise<Measured> {
  const startedAt = clock.now();
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
        now: () => clock.now(),
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
