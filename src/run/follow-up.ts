/**
 * The follow-up stage: what the run learnt only after its push (the incident issues it opened or
 * closed, notices that could not be sent, the day's keep-alive) goes in one small push, made only
 * when there is something to keep — most runs push once.
 */
import type { Run } from './state.js';

export async function followUp(run: Run): Promise<void> {
  const saved = run.memory;
  const { incidents, outbox, keepAlive } = run.followUp;
  if (!saved || saved.recorded.unsaved || (incidents.size === 0 && outbox.length === 0 && keepAlive.size === 0)) return;
  await run.journal.stage('the history (incident links and notices)', run.runEnd, async () => {
    const { followUpChanges, followUpReads } = await import('./follow-up-changes.js');
    const page = saved.page && saved.recorded.pageInput ? { input: saved.recorded.pageInput, settings: saved.page } : null;
    const result = await saved.store.update((files) => followUpChanges(files, run.followUp, page), {
      summary: 'incidents and notices',
      signal: run.runEnd,
      read: followUpReads,
    });
    run.historyCommit = result.commit ?? run.historyCommit;
  });
}
