/**
 * The runner's side of an action: inputs, outputs, masks, annotations, the log and the job
 * summary, through `@actions/core` (which is also what `@github/local-action` replaces to run
 * the action on a workstation). The rest of the action only sees the `Runner` interface, so
 * tests hand it a runner of their own.
 *
 * Start-up: `@actions/core` loads undici (for OIDC tokens Vigil never asks for), which costs
 * about 40 ms before the first request on Node 24; docs/BENCHMARKS.md keeps the whole action's
 * start-up within 1.5× a bare `node -e "fetch(url)"` with it.
 */
import * as core from '@actions/core';
import { statSync } from 'node:fs';

export interface Runner {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setSecret(secret: string): void;
  /** Log lines for people. They may hold text from a response or a configuration. */
  info(message: string): void;
  error(message: string, title?: string): void;
  warning(message: string, title?: string): void;
  setFailed(message: string): void;
  appendSummary(markdown: string): Promise<void>;
}

/** GitHub's limit on one step's job summary. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/**
 * Text made inert for the runner's log, which executes workflow commands found in any line it
 * reads: `::command::` at the start of a line (after spaces) and `##[command]` anywhere. Lines
 * are split as the runner splits them (CR, LF or CRLF); a line that would start a command gets
 * a space between its colons, and every `##[` becomes `# #[`. What people read stays the same
 * text, give or take a space.
 */
export function inertLog(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/#(?=#\[)/g, '# ').replace(/^(\s*):(?=:)/, '$1: '))
    .join('\n');
}

/** The runner of a GitHub Actions job (or of `@github/local-action`), through `@actions/core`. */
export function actionsRunner(env: NodeJS.ProcessEnv = process.env): Runner {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (secret) => core.setSecret(secret),
    info: (message) => core.info(inertLog(message)),
    // An annotation is one command line, so the runner reads its text as data; it is made
    // inert anyway, because the same words are also shown in the log.
    error: (message, title) => core.error(inertLog(message), title ? { title } : {}),
    warning: (message, title) => core.warning(inertLog(message), title ? { title } : {}),
    setFailed: (message) => core.setFailed(inertLog(message)),
    appendSummary: async (markdown) => {
      const file = env.GITHUB_STEP_SUMMARY;
      // Outside a job (a local run without the variable) there is nowhere to write it.
      if (!file) return;
      const before = sizeOf(file);
      const after = before + Buffer.byteLength(markdown);
      if (after > SUMMARY_LIMIT_BYTES) {
        throw new Error(
          `it would be ${Math.ceil(after / 1024)} KiB and GitHub takes at most ${SUMMARY_LIMIT_BYTES / 1024} KiB per step`,
        );
      }
      await core.summary.addRaw(markdown).write();
    },
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
