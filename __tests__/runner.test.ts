import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { escapeData, escapeProperty, githubRunner } from '../src/runner.js';
import { parseOutputFile } from './support/action.js';

function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-runner-'));
  const env = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    'INPUT_RETRY-DELAY': '  5s ',
    INPUT_MY_INPUT: 'spaces',
  };
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  const lines: string[] = [];
  return { env, lines, runner: githubRunner(env, (line) => lines.push(line)) };
}

describe('the runner protocol', () => {
  test('inputs are read as the runner names them, trimmed', () => {
    const { runner } = setup();
    expect(runner.getInput('retry-delay')).toBe('5s');
    expect(runner.getInput('my input')).toBe('spaces');
    expect(runner.getInput('absent')).toBe('');
  });

  test('outputs, even multi-line ones, are written to GITHUB_OUTPUT with a delimiter', () => {
    const { env, runner } = setup();
    runner.setOutput('status', 'down');
    runner.setOutput('results', '[\n{"a":"::error::not a command"}\n]');
    expect(parseOutputFile(readFileSync(env.GITHUB_OUTPUT, 'utf8'))).toEqual({
      status: 'down',
      results: '[\n{"a":"::error::not a command"}\n]',
    });
  });

  test('annotations and masks escape what would end or split the command', () => {
    const { lines, runner } = setup();
    runner.error('line one\nline two 100%', 'Vigil: api, down');
    runner.warning('slow');
    runner.setSecret('s3cr%t');
    expect(lines).toEqual([
      '::error title=Vigil%3A api%2C down::line one%0Aline two 100%25',
      '::warning::slow',
      '::add-mask::s3cr%25t',
    ]);
    expect(escapeData('a\r\nb')).toBe('a%0D%0Ab');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });

  test('the summary is appended; setFailed sets the exit code', () => {
    const { env, lines, runner } = setup();
    runner.appendSummary('## one\n');
    runner.appendSummary('## two\n');
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('## one\n## two\n');
    const before = process.exitCode;
    runner.setFailed('it broke');
    expect(process.exitCode).toBe(1);
    expect(lines).toEqual(['::error::it broke']);
    process.exitCode = before;
  });
});
