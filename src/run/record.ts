/**
 * The recording stage: one push records every check, the figures, the state, the page and the
 * badges on the data branch. When the branch cannot be read, or read but not written, the run
 * goes on and says why and what to change.
 */
import type { Report } from '../check/types.js';
import type { Config } from '../config/types.js';
import type { ActiveWindow } from '../maintenance/index.js';
// The data branch's judge, page and badges are loaded when history is on (import() below): a
// run without it should not pay for parsing them at start-up.
import type { Recorded, UnsavedReason } from './record-run.js';
import type { RunContext } from './context.js';
import { collectGarbage, holdYoungGeneration } from './heap.js';
import type { Memory, Plan, Run } from './state.js';

/**
 * The data branch's update, begun before the checks: git fetches the branch's tip (its commit and
 * trees) while the endpoints are checked, and the rest waits for their results — the files to
 * read are chosen by the days the checks fall on, then fetched, judged and pushed. On a real
 * schedule the checks take seconds (services waking up, the network), and the tip's fetch (three
 * requests to GitHub) is done by then. Only git's processes work meanwhile: the judge and the
 * page load once the checks are done (see record-run.ts), so no check's timing waits for them.
 */
export interface Recording {
  /** Settles once git is fetching the branch (or the update ended before that): the checks
   * start then, so the fetch runs beside every one of them. */
  fetching: Promise<void>;
  /** What the update recorded, or one line saying why the branch could not be written. */
  saved: Promise<Memory | string>;
  /** Gives the update the run's checks, to judge and push. */
  record(report: Report): void;
  /** The run records nothing (cancelled, or failed before its checks ended): the update stops,
   * its git processes killed, nothing pushed. */
  abandon(): void;
}

/** Begins the update when history is on (null when it is off). */
export function startRecording(plan: Plan, ctx: RunContext, runEnd: AbortSignal): Recording | null {
  const { config } = plan;
  if (!config.run.history) return null;
  const stop = new AbortController();
  const onEnd = () => stop.abort(runEnd.reason);
  if (runEnd.aborted) onEnd();
  else runEnd.addEventListener('abort', onEnd, { once: true });
  let give!: (report: Report) => void;
  let refuse!: (error: Error) => void;
  const report = new Promise<Report>((resolve, reject) => {
    give = resolve;
    refuse = reject;
  });
  let fetched!: () => void;
  const fetching = new Promise<void>((resolve) => (fetched = resolve));
  holdYoungGeneration();
  const saved = remember(ctx, config, report, plan.windows, plan.runStart, stop.signal, fetched).finally(() => {
    runEnd.removeEventListener('abort', onEnd);
    fetched();
  });
  // Until record() takes it, a failure (an abandoned update) must not count as unhandled.
  saved.catch(() => {});
  return {
    fetching,
    saved,
    record: give,
    abandon: () => {
      refuse(new Error('the run records nothing'));
      stop.abort('the run records nothing');
    },
  };
}

/** Records the run when history is on; sets `run.memory` and `run.views`. */
export async function record(run: Run, recording: Recording | null): Promise<void> {
  const { config, journal, redact } = run;
  const { runner } = run.ctx;
  if (!recording) return;
  if (run.cancellation) {
    recording.abandon();
    return;
  }
  recording.record(run.report);
  /** Why the branch could not be read at all (null when it was). */
  let unread: string | null = null;
  await journal.stage('the history', run.runEnd, async () => {
    const saved = await recording.saved;
    // Finished after the run stopped waiting for it: the stages after it have moved on.
    if (run.runEnd.aborted) return;
    if (typeof saved === 'string') {
      unread = saved;
      journal.notices.push(saved);
      runner.warning(saved, 'Vigil: history not saved');
      return;
    }
    run.memory = saved;
    run.views = new Map(saved.recorded.judgement.endpoints.map((view) => [view.id, view]));
    run.historyCommit = saved.recorded.commit;
    for (const warning of [...saved.recorded.warnings, ...saved.recorded.judgement.warnings]) {
      const line = redact(warning);
      journal.notices.push(line);
      runner.warning(line, 'Vigil: data branch');
    }
    if (saved.recorded.unsaved) {
      const line = unsavedLine(config.run.historyBranch, saved.recorded, config.run.notify.length > 0);
      journal.notices.push(line);
      runner.warning(line, 'Vigil: history not saved');
    }
  });
  if (run.memory === null && config.run.notify.length > 0) {
    // Events are judged against the branch: without it, nothing can say what changed.
    const why =
      unread ??
      (run.runEnd.aborted
        ? `The data branch was not read in time (${String(run.runEnd.reason)}).`
        : 'The data branch could not be read.');
    const line = `Notifications could not be judged, so none was sent: ${notifyTargetsText(config)}. ${why}`;
    journal.failures.push(line);
    if (!journal.notices.includes(line)) journal.notices.push(line);
    runner.error(line, 'Vigil: notifications not judged');
  }
}

/** Records the run on the data branch. Returns what it recorded, or, when the branch cannot be
 * written, one line saying why and what to change. */
async function remember(
  ctx: RunContext,
  config: Config,
  report: Promise<Report>,
  windows: ReadonlyMap<string, ActiveWindow>,
  now: Date,
  signal: AbortSignal,
  fetching: () => void,
): Promise<Memory | string> {
  const branch = config.run.historyBranch;
  if (!ctx.repository)
    return 'History was not saved: GITHUB_REPOSITORY is not set (run in GitHub Actions, or set `history: false`).';
  if (!config.run.githubToken) return 'History was not saved: there is no token (`github-token`).';
  const [{ gitStore, StoreError }, { checksOf, recordRun, recordSettingsOf }] = await Promise.all([
    import('../store/index.js'),
    import('./record-run.js'),
  ]);
  const store = gitStore({
    serverUrl: ctx.serverUrl,
    repository: ctx.repository,
    token: config.run.githubToken,
    branch,
    env: ctx.env,
    workdir: ctx.tempDir,
    now: () => ctx.clock.now(),
  });
  const settings = recordSettingsOf(config, { repository: `${ctx.serverUrl}/${ctx.repository}`, run: ctx.runUrl });
  try {
    const recorded = await recordRun({
      store,
      checks: report.then((measured) => checksOf(measured, windows)),
      workflow: ctx.workflow,
      now,
      signal,
      collect: collectGarbage,
      fetching,
      ...settings,
    });
    return { store, recorded, page: settings.page };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return `History was not saved to branch \`${branch}\`: ${sentence(error.message)} Checks, outputs and issues go on; thresholds count as 1 this run.`;
  }
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
export function repeatNote(config: Config, reason: UnsavedReason): string {
  return (
    `This run could not save its history, so a later run may send this again until it can. ` +
    `To fix it, ${FIX[reason](config.run.historyBranch).replace(/`/g, '')}.`
  );
}

/** The summary's line for a branch that was read but not written. */
function unsavedLine(branch: string, recorded: Recorded, notifying: boolean): string {
  const unsaved = recorded.unsaved!;
  const events = recorded.judgement.events.length + recorded.claimed.length;
  const sent = notifying
    ? ` The notifications judged from what was read are sent anyway (${events} this run); while the branch cannot be written, a later run may send them again. To fix it, ${FIX[unsaved.reason](branch)}.`
    : '';
  return `History was not saved to branch \`${branch}\`: ${sentence(unsaved.message)}${sent} Checks, outputs and issues go on; thresholds count as 1 this run.`;
}

/** A message as a sentence of the summary: ended by a full stop unless it has its own. */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
