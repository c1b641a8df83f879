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
import type { Memory, Run } from './state.js';

/** Records the run when history is on; sets `run.memory` and `run.views`. */
export async function record(run: Run): Promise<void> {
  const { config, journal, redact } = run;
  const { runner } = run.ctx;
  if (!config.run.history || run.cancellation) return;
  /** Why the branch could not be read at all (null when it was). */
  let unread: string | null = null;
  await journal.stage('the history', run.runEnd, async () => {
    holdYoungGeneration();
    const saved = await remember(run.ctx, config, run.report, run.windows, run.runStart, run.runEnd);
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
  report: Report,
  windows: ReadonlyMap<string, ActiveWindow>,
  now: Date,
  signal: AbortSignal,
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
      checks: checksOf(report, windows),
      workflow: ctx.workflow,
      now,
      signal,
      collect: collectGarbage,
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
