/**
 * The runner through `@actions/core`: what `run()` uses when it is given no runner, as under
 * `@github/local-action`, which replaces `@actions/core` with its own to run the action's
 * source on a workstation. Loaded only then (see runner.ts for why the action on GitHub speaks
 * the same protocol without it).
 */
import * as core from '@actions/core';
import { checkSummarySize, inertLog, type Runner } from './runner.js';

export function coreRunner(env: NodeJS.ProcessEnv = process.env): Runner {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (secret) => core.setSecret(secret),
    info: (message) => core.info(inertLog(message)),
    error: (message, title) => core.error(inertLog(message), title ? { title } : {}),
    warning: (message, title) => core.warning(inertLog(message), title ? { title } : {}),
    setFailed: (message) => core.setFailed(inertLog(message)),
    appendSummary: async (markdown) => {
      const file = env.GITHUB_STEP_SUMMARY;
      if (!file) return;
      checkSummarySize(file, markdown);
      try {
        await core.summary.addRaw(markdown).write();
      } finally {
        core.summary.emptyBuffer();
      }
    },
  };
}
