/**
 * Running the `git` binary for the store: in its own temporary repository, with the token only
 * in the environment (as an `Authorization` header, never in argv or a file), no prompt, no
 * credential helper, messages in English (they are classified), and the token scrubbed from
 * everything git says.
 *
 * git reads no configuration of the machine: not the system's, not the user's (HOME points at an
 * empty folder, GIT_CONFIG_GLOBAL at a file that is not there). A runner's config can hold an
 * `http.<url>.extraheader` (actions/checkout leaves one with its own token), a
 * `url.<base>.insteadOf` that sends the push elsewhere, or a credential helper; any of them would
 * change what is sent, or where, for reasons no message of ours could explain.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { StoreError } from './types.js';

export interface GitOutput {
  stdout: Buffer;
  /** Scrubbed of the token. */
  stderr: string;
}

/** git exited with an error; its words are already scrubbed of the token. */
export class GitFailure extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly stdout: string,
    readonly timedOut: boolean,
  ) {
    super(`git ${args[0]} failed: ${lastLine(stderr) || 'no message'}`);
  }
}

export interface GitRunOptions {
  input?: string | Buffer;
  /** Network commands get a deadline, so a server that stops answering cannot hang the run. */
  timeoutMs?: number;
  /** More variables for this command. */
  env?: Record<string, string>;
  /** Takes stdout as it comes instead of collecting it (the result's stdout is then empty): for
   * output as large as the branch itself. */
  onStdout?: (chunk: Buffer) => void;
}

export type Git = (args: string[], options?: GitRunOptions) => Promise<GitOutput>;

/** The deadline of the commands that talk to the server (fetches and the push). */
export const NETWORK_TIMEOUT_MS = 120_000;

/** Who Vigil's commits are by: they are written so (git-write.ts), and recognised so (git-read.ts). */
export const VIGIL_AUTHOR = { name: 'Vigil', email: 'vigil@users.noreply.github.com' };

/** Inherited variables git must not see: they would point it at another repository, or make
 * it write a trace (with our requests in it) to a file we do not scrub. */
function inherited(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (name.startsWith('GIT_') && !name.startsWith('GIT_SSL_') && name !== 'GIT_EXEC_PATH') continue;
    kept[name] = value;
  }
  return kept;
}

export function gitRunner(options: {
  gitDir: string;
  token: string;
  env: NodeJS.ProcessEnv;
  hooksDir: string;
  /** An empty folder git may take as HOME (the hooks folder when not given). */
  homeDir?: string;
  /** Aborting it kills any git process still running, and the call fails with reason `cancelled`. */
  signal?: AbortSignal;
}): {
  git: Git;
  scrub: (text: string) => string;
} {
  const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64');
  const secrets = [options.token, encodeURIComponent(options.token), basic, Buffer.from(options.token).toString('base64')]
    .filter((secret) => secret.length >= 4)
    .sort((a, b) => b.length - a.length);
  const scrub = (text: string) => secrets.reduce((shown, secret) => shown.split(secret).join('***'), text);

  // Settings given as GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n (git >= 2.31) override every config file.
  const config: Array<[string, string]> = [
    ['credential.helper', ''], // an empty value clears any helper configured on the machine
    ['http.extraHeader', ''], // likewise clears any header configured elsewhere
    ['http.extraHeader', `Authorization: Basic ${basic}`],
    ['http.lowSpeedLimit', '1000'], // give up on a transfer slower than 1 kB/s ...
    ['http.lowSpeedTime', '30'], // ... for 30 s
    ['core.hooksPath', options.hooksDir], // no hook configured on the machine runs on our push
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
    ['init.defaultBranch', 'vigil'],
  ];
  const env: Record<string, string> = {
    ...inherited(options.env),
    GIT_DIR: options.gitDir,
    GIT_CONFIG_NOSYSTEM: '1',
    // A file that does not exist reads as empty, on every system (the null device has no name git
    // takes everywhere).
    GIT_CONFIG_GLOBAL: options.homeDir ? path.join(options.homeDir, 'no-gitconfig') : os.devNull,
    HOME: options.homeDir ?? options.hooksDir,
    XDG_CONFIG_HOME: options.homeDir ?? options.hooksDir,
    LC_ALL: 'C',
    LANGUAGE: '',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '', // set but empty: git asks no program (not even SSH_ASKPASS) for a password
    GCM_INTERACTIVE: 'never',
    GIT_CONFIG_COUNT: String(config.length),
  };
  config.forEach(([key, value], n) => {
    env[`GIT_CONFIG_KEY_${n}`] = key;
    env[`GIT_CONFIG_VALUE_${n}`] = value;
  });

  const git: Git = (args, runOptions = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn('git', args, {
        env: { ...env, ...runOptions.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: runOptions.timeoutMs,
        killSignal: 'SIGKILL',
        signal: options.signal,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const onStdout = runOptions.onStdout;
      let refused: unknown = null; // what onStdout threw: git is stopped and the call fails with it
      child.stdout.on('data', (chunk: Buffer) => {
        if (!onStdout) out.push(chunk);
        else if (refused === null) {
          try {
            onStdout(chunk);
          } catch (error) {
            refused = error;
            child.kill('SIGKILL');
          }
        }
      });
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.stdin.on('error', () => {}); // git may exit before reading all of its input; its exit code says why
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.name === 'AbortError') reject(cancelled());
        else if (error.code === 'ENOENT')
          reject(new StoreError('no-git', 'git is not installed (or not on PATH); the data branch needs it'));
        else reject(new StoreError('other', `could not run git: ${scrub(error.message)}`));
      });
      child.on('close', (code, signal) => {
        if (options.signal?.aborted) {
          reject(cancelled());
          return;
        }
        if (refused !== null) {
          reject(refused);
          return;
        }
        const stdout = Buffer.concat(out);
        const stderr = scrub(Buffer.concat(err).toString('utf8'));
        if (code === 0) resolve({ stdout, stderr });
        else reject(new GitFailure(args, stderr, scrub(stdout.toString('utf8')), signal === 'SIGKILL'));
      });
      child.stdin.end(runOptions.input ?? '');
    });
  return { git, scrub };
}

export function cancelled(): StoreError {
  return new StoreError('cancelled', 'stopped saving the history: the run was cancelled or reached its deadline');
}

/** The last line of git's message that says something (git ends with the reason). */
export function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^(hint:|To |remote: *$)/.test(line));
  return lines.at(-1) ?? '';
}
