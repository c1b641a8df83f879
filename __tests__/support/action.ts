/**
 * Runs the built action (dist/index.js) the way a runner does: every input as an INPUT_*
 * variable, unset ones filled with action.yml's defaults, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY pointing at files that are read back afterwards.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { description: string }>;
}

export const actionYml = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

export interface ActionRun {
  code: number;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
  /** Milliseconds from the interrupt (see RunOptions.interrupt) to the end of the process. */
  afterInterrupt: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
    outputs[name] = value.join('\n');
  }
  return outputs;
}

export interface RunOptions {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** Files to create in the workspace before the run. */
  files?: Record<string, string>;
  /** Sends `signal` to the action once its stdout contains `when`, as GitHub does to cancel. */
  interrupt?: { when: string; signal: NodeJS.Signals };
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'vigil-ws-'));
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(path.join(workspace, name), content);
  const outputFile = path.join(workspace, '.output');
  const summaryFile = path.join(workspace, '.summary');
  // Empty unless the test gave them content (e.g. a summary already near GitHub's limit).
  if (!existsSync(outputFile)) writeFileSync(outputFile, '');
  if (!existsSync(summaryFile)) writeFileSync(summaryFile, '');

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.example',
    RUNNER_TEMP: workspace,
  };
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    const value = options.inputs[name] ?? (spec.default?.includes('${{') ? '' : (spec.default ?? ''));
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  // The data branch is on by default, and GITHUB_SERVER_URL above is no server at all: a test that
  // wants history names its own git server (GITHUB_SERVER_URL) and sets `history: 'true'`.
  if (options.inputs.history === undefined) env.INPUT_HISTORY = 'false';
  Object.assign(env, options.env);

  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'index.js')], { env, cwd: workspace });
  let stdout = '';
  let stderr = '';
  let interruptedAt: number | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (options.interrupt && interruptedAt === null && stdout.includes(options.interrupt.when)) {
      interruptedAt = performance.now();
      child.kill(options.interrupt.signal);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code, signal] = await new Promise<[number, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (exit, signal) => resolve([exit ?? -1, signal])),
  );
  const run = {
    code,
    signal,
    afterInterrupt: interruptedAt === null ? null : performance.now() - interruptedAt,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
  // Everything a test reads of the run is read: the workspace goes, not to pile up one per run.
  rmSync(workspace, { recursive: true, force: true });
  return run;
}

export function results(run: ActionRun): Array<Record<string, any>> {
  return JSON.parse(run.outputs.results ?? '[]') as Array<Record<string, any>>;
}
