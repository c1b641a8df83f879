/**
 * The report: the sinks that tell people and the workflow what the run found — the log table,
 * the step outputs, the annotations and the job summary. Every sink has the same signature and
 * runs on its own (one that fails is one line; the others still happen).
 */
import { problemsOf } from '../report/format.js';
import { oneLine } from '../text/one-line.js';
import { outputsOf, rememberedOf } from '../report/outputs.js';
import { summaryMarkdown } from '../report/summary.js';
import { terminalTable } from '../report/terminal.js';
import { maintenanceText } from '../maintenance/index.js';
import { counted, type Run } from './state.js';

export interface Sink {
  /** What it writes, as the failure line names it (`Could not write the outputs: …`). */
  what: string;
  due(run: Run): boolean;
  write(run: Run): void | Promise<void>;
}

export const SINKS: readonly Sink[] = [
  { what: 'the log table', due: () => true, write: logTable },
  { what: 'the outputs', due: () => true, write: outputs },
  { what: 'the annotations', due: () => true, write: annotations },
  { what: 'the job summary', due: (run) => run.config.run.summary, write: summary },
];

/** The summary's History section (figures, hourly squares, badges), put first among its sections. */
export async function historySection(run: Run): Promise<void> {
  const recorded = run.memory?.recorded;
  if (!recorded) return;
  const [{ historyMarkdown }, { badgeMarkdown }] = await Promise.all([
    import('../report/history-summary.js'),
    import('../page/badges.js'),
  ]);
  const { report, views, windows } = run;
  const pagesUrl = run.config.run.pages ? run.ctx.pagesUrl : null;
  const checkedViews = report.endpoints.map((endpoint) => views.get(endpoint.id)).filter((view) => view !== undefined);
  const maintenance = new Map([...windows].map(([id, window]) => [id, maintenanceText(window, run.runStart)]));
  const badges = pagesUrl
    ? report.endpoints.map((endpoint) => badgeMarkdown(pagesUrl, endpoint.id, endpoint.name)).join('\n')
    : null;
  run.journal.sections.unshift(
    historyMarkdown({ views: checkedViews, maintenance, badges, monitor: recorded.judgement.status.monitor }),
  );
}

function logTable(run: Run): void {
  run.ctx.runner.info('');
  run.ctx.runner.info(terminalTable(run.report, run.ctx.colour));
}

function outputs(run: Run): void {
  const remembered = new Map([...run.views].map(([id, view]) => [id, rememberedOf(view)]));
  const history = run.config.run.history ? { commit: run.historyCommit, remembered } : null;
  for (const [name, value] of Object.entries(outputsOf(run.report, run.incidents, history)))
    run.ctx.runner.setOutput(name, value);
}

function annotations(run: Run): void {
  const { runner } = run.ctx;
  for (const endpoint of run.report.endpoints) {
    const details = problemsOf(endpoint).map(oneLine).join('; ');
    const state = counted(run, endpoint);
    const pending = run.views.get(endpoint.id)?.pending;
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
}

function summary(run: Run): Promise<void> {
  const { notices, sections } = run.journal;
  return run.ctx.runner.appendSummary(
    summaryMarkdown(run.report, {
      runUrl: run.ctx.runUrl,
      incidents: run.incidents.links,
      notices,
      cancellation: run.cancellation,
      sections,
    }),
  );
}
