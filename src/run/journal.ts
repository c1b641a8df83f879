/**
 * What a run has to say at its end, gathered as it goes: the lines that fail the step, the
 * notices of the summary, and the summary's extra sections. The two ways a part of the run is
 * carried out live here too: a sink (log, outputs, annotations, summary) runs on its own and a
 * failure becomes one line; a stage that waits on others (git, the issues API, channels) also
 * stops being waited for at the run's end (its deadline or a cancellation).
 */
import { oneLine } from '../text/one-line.js';
import type { Runner } from '../runner.js';

export class Journal {
  /** Lines that fail the step, in order. */
  readonly failures: string[] = [];
  /** Lines the summary's notices show. */
  readonly notices: string[] = [];
  /** Sections of the summary after the table. */
  readonly sections: string[] = [];

  constructor(
    private readonly runner: Runner,
    private readonly redact: (text: string) => string,
  ) {}

  /** A line that fails the step and is said in the summary too. */
  fail(line: string): void {
    this.failures.push(line);
    this.notices.push(line);
  }

  /** Runs one sink; a failure becomes one line (and an annotation, if those still work). */
  async sink(what: string, write: () => void | Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      const line = `Could not write ${what}: ${oneLine(this.redact(error instanceof Error ? error.message : String(error)))}`;
      this.fail(line);
      try {
        this.runner.error(line, 'Vigil');
      } catch {
        // The annotations are what failed; the line is still in the step's failure below.
      }
    }
  }

  /** Runs one stage that waits on others within the run's end: when the deadline or a
   * cancellation comes first, the run stops waiting for it and says so. */
  async stage(what: string, runEnd: AbortSignal, work: () => Promise<void>): Promise<void> {
    if (runEnd.aborted) {
      const line = `${capitalised(what)} ${what.endsWith('s') ? 'were' : 'was'} not started: ${String(runEnd.reason)}.`;
      this.fail(line);
      this.runner.warning(line, 'Vigil: cut short');
      return;
    }
    let stopped: (() => void) | undefined;
    const cut = new Promise<'cut'>((resolve) => {
      stopped = () => resolve('cut');
      runEnd.addEventListener('abort', stopped, { once: true });
    });
    try {
      const outcome = await Promise.race([this.sink(what, work).then(() => 'done' as const), cut]);
      if (outcome === 'cut') {
        const line = `${capitalised(what)} did not finish: ${String(runEnd.reason)}; the run stopped waiting for it.`;
        this.fail(line);
        this.runner.warning(line, 'Vigil: cut short');
      }
    } finally {
      if (stopped) runEnd.removeEventListener('abort', stopped);
    }
  }
}

export function messageOf(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
