/**
 * The runner through `@actions/core`: what `run()` uses when it is given no runner, as under
 * `@github/local-action`, which replaces `@actions/core` with its own to run the action's
 * source on a workstation. Loaded only then (see runner.ts for why the action on GitHub speaks
 * the same protocol without it).
 */
import * as core from '@actions/core';
import type { Place } from './config/yaml.js';
import { checkSummarySize, inertLog, type Runner } from './runner.js';

/** Only the properties given: `@actions/core` writes a space before the properties for any key,
 * even one left undefined (`::warning ::text`). */
function annotation(title: string | undefined, place: Place | undefined): core.AnnotationProperties {
  return {
    ...(title ? { title } : {}),
    ...(place ? { file: place.file, startLine: place.line, startColumn: place.column } : {}),
  };
}

export function coreRunner(env: NodeJS.ProcessEnv = process.env): Runner {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (secret) => core.setSecret(secret),
    info: (message) => core.info(inertLog(message)),
    error: (message, title, place) => core.error(inertLog(message), annotation(title, place)),
    warning: (message, title, place) => core.warning(inertLog(message), annotation(title, place)),
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
