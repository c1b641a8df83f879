/**
 * The runner's side of an action, as GitHub documents it ("Workflow commands for GitHub
 * Actions"): inputs from INPUT_* variables, outputs and the job summary appended to the files
 * the runner names, masks and annotations as `::command::` lines on stdout.
 *
 * This is what we use of `@actions/core`, written out so the action does not load it: its
 * entry module imports `@actions/http-client` and undici (for OIDC tokens Vigil never requests),
 * which was most of the action's start-up time and a tenth of its memory (docs/BENCHMARKS.md).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

export interface Runner {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setSecret(secret: string): void;
  info(message: string): void;
  error(message: string, title?: string): void;
  warning(message: string, title?: string): void;
  setFailed(message: string): void;
  appendSummary(markdown: string): void;
}

/** Escaping of a command's message, as the runner decodes it. */
export const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Escaping of a command's property (title=…), which also may not hold `:` or `,`. */
export const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubRunner(env: NodeJS.ProcessEnv, write: (line: string) => void): Runner {
  const command = (name: string, message: string, properties: Record<string, string> = {}) => {
    const props = Object.entries(properties)
      .map(([key, value]) => `${key}=${escapeProperty(value)}`)
      .join(',');
    write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`);
  };
  return {
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    setOutput: (name, value) => {
      const file = env.GITHUB_OUTPUT;
      if (!file) return;
      // A fresh random delimiter that cannot occur in the value, as the runner expects.
      const delimiter = `ghadelimiter_${randomUUID()}`;
      if (value.includes(delimiter)) throw new Error(`output ${name} contains its delimiter`);
      appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
    },
    setSecret: (secret) => command('add-mask', secret),
    info: (message) => write(message),
    error: (message, title) => command('error', message, title ? { title } : {}),
    warning: (message, title) => command('warning', message, title ? { title } : {}),
    setFailed: (message) => {
      process.exitCode = 1;
      command('error', message);
    },
    appendSummary: (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown, 'utf8');
    },
  };
}
