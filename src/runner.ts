/**
 * The runner's side of an action: inputs, outputs, masks, annotations, the log and the job
 * summary. The rest of the action only sees the `Runner` interface, so tests hand it a runner of
 * their own. Two implementations speak the same protocol, byte for byte (the tests compare them):
 *
 * - `protocolRunner`, below, is what the action runs on GitHub: the workflow-command protocol
 *   as GitHub documents it ("Workflow commands for GitHub Actions"), written out.
 * - `coreRunner` (runner-core.ts) goes through `@actions/core`, and is the default of `run()`,
 *   which is what `@github/local-action` calls after putting its own `@actions/core` in place.
 *
 * Why not `@actions/core` on GitHub too: its entry module loads `@actions/http-client` and
 * undici (for OIDC tokens Vigil never asks for). On Node 24, the runtime GitHub starts the
 * action with, that takes the whole action from about 1.0× to 1.43–1.59× the start-up of a bare
 * `node -e "fetch(url)"` (wall and CPU time, `npm run bench:startup`): at or past the 1.5× the
 * project holds itself to. On Node 20 both stay under 1× (a bare fetch loads undici there too).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { EOL } from 'node:os';
import type { Place } from './config/yaml.js';
import { escapeData, escapeProperty } from './text/escape.js';

export interface Runner {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setSecret(secret: string): void;
  /** Log lines for people. They may hold text from a response or a configuration. */
  info(message: string): void;
  /** An annotation; `place`, when given, shows it on that line of a file of the repository. */
  error(message: string, title?: string, place?: Place): void;
  warning(message: string, title?: string, place?: Place): void;
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

/** Refuses, whole and with a reason, a summary that would take the step's file past GitHub's
 * limit (GitHub would drop all of it). */
export function checkSummarySize(file: string, markdown: string): void {
  let before = 0;
  try {
    before = statSync(file).size;
  } catch {
    // No file yet: writing will say why if it cannot be created.
  }
  const after = before + Buffer.byteLength(markdown);
  if (after > SUMMARY_LIMIT_BYTES) {
    throw new Error(
      `it would be ${Math.ceil(after / 1024)} KiB and GitHub takes at most ${SUMMARY_LIMIT_BYTES / 1024} KiB per step`,
    );
  }
}

/** An annotation's properties as the runner reads them (`@actions/core`'s names for the same). */
function annotationProperties(title: string | undefined, place: Place | undefined): Record<string, string> {
  const properties: Record<string, string> = title ? { title } : {};
  if (place) Object.assign(properties, { file: place.file, line: String(place.line), col: String(place.column) });
  return properties;
}

/** The runner protocol written out, as `@actions/core` speaks it. `write` prints one line. */
export function protocolRunner(env: NodeJS.ProcessEnv, write: (line: string) => void): Runner {
  const command = (name: string, message: string, properties: Record<string, string> = {}) => {
    const props = Object.entries(properties)
      .map(([key, value]) => `${key}=${escapeProperty(value)}`)
      .join(',');
    write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`);
  };
  return {
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim(),
    setOutput: (name, value) => {
      const file = env.GITHUB_OUTPUT;
      if (!file) {
        // What the runner understood before output files; what @actions/core still does.
        write('');
        command('set-output', value, { name });
        return;
      }
      if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
      // A fresh random delimiter that cannot occur in the value, as the runner expects.
      const delimiter = `ghadelimiter_${randomUUID()}`;
      if (value.includes(delimiter)) throw new Error(`output ${name} contains its delimiter`);
      appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
    },
    setSecret: (secret) => command('add-mask', secret),
    info: (message) => write(inertLog(message)),
    // An annotation is one command line, so the runner reads its text as data; it is made
    // inert anyway, because the same words are also shown in the log.
    error: (message, title, place) => command('error', inertLog(message), annotationProperties(title, place)),
    warning: (message, title, place) => command('warning', inertLog(message), annotationProperties(title, place)),
    setFailed: (message) => {
      process.exitCode = 1;
      command('error', inertLog(message));
    },
    appendSummary: async (markdown) => {
      const file = env.GITHUB_STEP_SUMMARY;
      // Outside a job (a local run without the variable) there is nowhere to write it.
      if (!file) return;
      checkSummarySize(file, markdown);
      appendFileSync(file, markdown, 'utf8');
    },
  };
}
