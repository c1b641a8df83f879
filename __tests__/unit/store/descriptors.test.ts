/**
 * Saving opens a bounded number of files (README "What Vigil promises under faults"): 1,000
 * endpoints save their history, badges included, in a process allowed 1,024 open files, to the
 * data branch on the real git server and to the history folder.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../support/action.js';
import { git, startGitServer, type GitServer } from '../../support/git-server.js';

const TOKEN = 'ghs_DescriptorsT0ken';
let server: GitServer;
beforeAll(async () => {
  server = await startGitServer(TOKEN);
});
afterAll(() => server.close());

/** Runs support/save-many.mjs under `ulimit -n`; its JSON line, or the reason it failed. */
async function saveUnderLimit(limit: number, args: string[]): Promise<{ seen: number; files: number; commit: string | null }> {
  const script = path.join(ROOT, '__tests__', 'support', 'save-many.mjs');
  const child = spawn('bash', ['-c', `ulimit -n ${limit} && exec "$0" "$@"`, process.execPath, script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? -1)));
  if (code !== 0) throw new Error(`save-many exited with ${code}: ${stderr}`);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
}

describe('a process allowed 1,024 open files', () => {
  test('saves 1,000 endpoints (3,000 badges and a day file) to the data branch, twice', async () => {
    const repository = 'octo/many';
    const gitDir = server.createRepo(repository);
    const result = await saveUnderLimit(1024, ['git', server.url, repository, TOKEN, '1000']);
    expect(result).toEqual({ seen: 3002, files: 3002, commit: git(gitDir, ['rev-parse', 'vigil-data']).trim() });
    const day = git(gitDir, ['show', 'vigil-data:history/2026-11-26.csv']).trim().split('\n');
    expect(day).toHaveLength(2001);
    expect(git(gitDir, ['show', 'vigil-data:badges/endpoint-999/uptime.svg'])).toBe(
      '<svg><!-- endpoint-999 uptime run 2 --></svg>\n',
    );
  }, 120_000);

  test('saves 1,000 endpoints to the history folder, twice', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-many-'));
    try {
      const result = await saveUnderLimit(1024, ['folder', dir, '1000']);
      expect(result).toEqual({ seen: 3002, files: 3002, commit: null });
      expect(readdirSync(path.join(dir, 'badges'))).toHaveLength(1000);
      expect(
        readFileSync(path.join(dir, 'history', '2026-11-26.csv'), 'utf8')
          .trim()
          .split('\n'),
      ).toHaveLength(2001);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
