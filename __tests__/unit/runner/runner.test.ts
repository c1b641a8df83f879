import { afterAll, afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coreRunner } from '../../../src/runner-core.js';
import { inertLog, protocolRunner, SUMMARY_LIMIT_BYTES, type Runner } from '../../../src/runner.js';
import { parseOutputFile } from '../../support/action.js';
import { commandIn, logLines } from '../../support/workflow-commands.js';

const saved = { ...process.env };
let dir: string;
let written: string;

// @actions/core remembers the summary file it first wrote to, as a process on a runner has only
// one: every test uses the same one.
const summaryFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'vigil-runner-')), 'summary');

afterAll(() => rmSync(path.dirname(summaryFile), { recursive: true, force: true }));

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-runner-'));
  process.env.GITHUB_OUTPUT = path.join(dir, 'output');
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
  process.env['INPUT_RETRY-DELAY'] = '  5s ';
  process.env.INPUT_MY_INPUT = 'spaces';
  writeFileSync(process.env.GITHUB_OUTPUT, '');
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
  written = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += chunk.toString();
    return true;
  });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  jest.restoreAllMocks();
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

/** The two ways Vigil speaks to the runner: written out (on GitHub) and through @actions/core. */
const RUNNERS: Array<[string, () => Runner]> = [
  ['protocol', () => protocolRunner(process.env, (line) => (written += `${line}${os.EOL}`))],
  ['@actions/core', () => coreRunner(process.env)],
];

const HOSTILE_LOG = [
  '::error::not ours',
  '   ::add-mask::leading spaces',
  '\t::stop-commands::token',
  'down  Shop  — $.db is "##[set-output name=status;]up", expected "ok"',
  'header x is "##[add-mask]everything" and ###[debug]x',
  'carriage\r::warning::after a CR',
  'crlf\r\n::set-env name=A::b',
].join('\n');

describe('log lines', () => {
  test('no line of untrusted text is a workflow command once made inert', () => {
    expect(logLines(HOSTILE_LOG).filter((line) => commandIn(line) !== null)).toHaveLength(7);
    const inert = inertLog(HOSTILE_LOG);
    expect(logLines(inert).filter((line) => commandIn(line) !== null)).toEqual([]);
    // People still read the same words.
    expect(inert).toContain(': :error::not ours');
    expect(inert).toContain('"# #[set-output name=status;]up"');
    expect(inert).toContain('## #[debug]x');
  });

  test.each(RUNNERS)('%s: info, annotations and failures go through it', (_, make) => {
    const runner = make();
    runner.info('ok ##[add-mask]x\n::error::y');
    runner.error('down: ##[set-output name=a]b', 'Vigil: api');
    runner.warning('slow ##[group]x');
    const before = process.exitCode;
    runner.setFailed('Down: ##[stop-commands]x');
    process.exitCode = before;
    const lines = logLines(written).filter((line) => line !== '');
    // Only the annotations Vigil means are commands, and only as themselves.
    expect(lines.map(commandIn)).toEqual([null, null, 'error', 'warning', 'error']);
    expect(written).not.toContain('##[');
  });
});

describe.each(RUNNERS)('the runner protocol (%s)', (_, make) => {
  test('inputs are read as the runner names them, trimmed', () => {
    const runner = make();
    expect(runner.getInput('retry-delay')).toBe('5s');
    expect(runner.getInput('my input')).toBe('spaces');
    expect(runner.getInput('absent')).toBe('');
  });

  test('outputs, even multi-line ones, are written to GITHUB_OUTPUT with a delimiter', () => {
    const runner = make();
    runner.setOutput('status', 'down');
    runner.setOutput('results', '[\n{"a":"::error::not a command"}\n]');
    expect(parseOutputFile(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'))).toEqual({
      status: 'down',
      results: '[\n{"a":"::error::not a command"}\n]',
    });
  });

  test('annotations and masks escape what would end or split the command', () => {
    const runner = make();
    runner.error('line one\nline two 100%', 'Vigil: api, down');
    runner.warning('slow');
    runner.setSecret('s3cr%t');
    expect(written.split(os.EOL).filter(Boolean)).toEqual([
      '::error title=Vigil%3A api%2C down::line one%0Aline two 100%25',
      '::warning::slow',
      '::add-mask::s3cr%25t',
    ]);
  });

  test('the summary is appended; setFailed sets the exit code', async () => {
    const runner = make();
    await runner.appendSummary('## one\n');
    await runner.appendSummary('## two\n');
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')).toBe('## one\n## two\n');
    const before = process.exitCode;
    runner.setFailed('it broke');
    expect(process.exitCode).toBe(1);
    process.exitCode = before;
    expect(written).toContain('::error::it broke');
  });

  test('a summary that would pass GitHub’s limit is refused whole, with a reason', async () => {
    const file = process.env.GITHUB_STEP_SUMMARY!;
    writeFileSync(file, 'x'.repeat(SUMMARY_LIMIT_BYTES - 100));
    await expect(make().appendSummary('y'.repeat(200))).rejects.toThrow(
      /^it would be 1025 KiB and GitHub takes at most 1024 KiB per step$/,
    );
    expect(readFileSync(file, 'utf8')).not.toContain('y');
  });

  test('without GITHUB_STEP_SUMMARY (a local run) the summary is skipped', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(make().appendSummary('## one\n')).resolves.toBeUndefined();
  });
});

describe('the two runners', () => {
  /** Every call Vigil makes, with awkward values. */
  async function script(runner: Runner) {
    runner.setSecret('s3cr%t\nline');
    runner.info('Checking ##[group] 2 endpoints\n::error::from a name');
    runner.setOutput('status', 'down');
    runner.setOutput('results', '[{"error":"::error::x\\n"}]\nsecond line');
    runner.error('down: 100% ##[add-mask]x\r\nnext', 'Vigil: a, b');
    runner.warning('slow');
    runner.error('vigil,a.yml:3:5: endpoints[0].timeout: bad', 'Vigil configuration', {
      file: 'vigil,a.yml',
      line: 3,
      column: 5,
    });
    await runner.appendSummary('## Vigil\n\n| a | b |\n');
    const before = process.exitCode;
    runner.setFailed('Down: api');
    process.exitCode = before;
    return { input: runner.getInput('retry-delay') };
  }
  const normalise = (file: string) => readFileSync(file, 'utf8').replace(/ghadelimiter_[0-9a-f-]+/g, 'DELIMITER');

  test('write the same log, outputs and summary, byte for byte', async () => {
    const seen: Array<{ log: string; outputs: string; summary: string; input: string }> = [];
    for (const [, make] of RUNNERS) {
      for (const file of [process.env.GITHUB_OUTPUT!, process.env.GITHUB_STEP_SUMMARY!]) writeFileSync(file, '');
      written = '';
      const { input } = await script(make());
      seen.push({
        log: written,
        outputs: normalise(process.env.GITHUB_OUTPUT!),
        summary: normalise(process.env.GITHUB_STEP_SUMMARY!),
        input,
      });
    }
    expect(seen[0].log).toContain('::add-mask::s3cr%25t%0Aline');
    expect(seen[0].log).toContain(
      '::error title=Vigil configuration,file=vigil%2Ca.yml,line=3,col=5::vigil,a.yml:3:5: endpoints',
    );
    expect(seen[0]).toEqual(seen[1]);
  });

  test('write the same set-output commands when there is no output file', () => {
    delete process.env.GITHUB_OUTPUT;
    const logs = RUNNERS.map(([, make]) => {
      written = '';
      make().setOutput('results', '[1,\n2]');
      return written;
    });
    expect(logs[0]).toBe(`${os.EOL}::set-output name=results::[1,%0A2]${os.EOL}`);
    expect(logs[1]).toBe(logs[0]);
  });
});
