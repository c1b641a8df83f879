/**
 * What the end-to-end tests with history share, so each file says only what is its own: the git
 * server and a switchable endpoint started once per file, the data branch read back as files,
 * commits put on a branch as earlier runs would have left them, and Markdown read as a person
 * reads it.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { BRANCH, TOKEN, switchableEndpoint } from './data-branch.js';
import { git, startGitServer, type GitServer } from './git-server.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { behaviours, startServer, type Service } from './servers.js';

export interface HistoryFixture {
  /** The git server that holds every repository of the file (see `dataRepo`). */
  server: GitServer;
  /** One endpoint for the whole file: `up` answers 200, otherwise 503. */
  endpoint: Service & { up: boolean };
}

/**
 * Starts the git server (accepting `token`) and a switchable endpoint before the file's tests and
 * stops both after them. Call it at the top of a test file; read its fields inside the tests.
 */
export function historyFixture(token = TOKEN): HistoryFixture {
  const fixture = {} as HistoryFixture;
  beforeAll(async () => {
    fixture.server = await startGitServer(token);
    fixture.endpoint = await switchableEndpoint();
  });
  afterAll(async () => Promise.all([fixture.server?.close(), fixture.endpoint?.close()]));
  return fixture;
}

/** Every file of a branch of the repository in `gitDir`, by its path. */
export function branchFiles(gitDir: string, ref = BRANCH): Map<string, string> {
  const names = git(gitDir, ['ls-tree', '-r', '--name-only', '-z', ref]).split('\0').filter(Boolean);
  return new Map(names.map((name) => [name, git(gitDir, ['show', `${ref}:${name}`])]));
}

export interface SeedCommit {
  /** The committer date, in milliseconds. */
  at: number;
  message: string;
  files: Record<string, string>;
  /** `Name <email>`; someone else than Vigil unless given. */
  committer?: string;
}

/** Writes commits on a branch in one go (`git fast-import`), each with its date, message and files. */
export function seedCommits(gitDir: string, commits: SeedCommit[], branch = BRANCH): void {
  let stream = '';
  for (const commit of commits) {
    const committer = commit.committer ?? 'Someone <someone@example.com>';
    stream += `commit refs/heads/${branch}\ncommitter ${committer} ${Math.floor(commit.at / 1000)} +0000\n`;
    stream += `data ${Buffer.byteLength(commit.message)}\n${commit.message}\n`;
    for (const [name, text] of Object.entries(commit.files))
      stream += `M 100644 inline ${name}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  }
  git(gitDir, ['fast-import', '--quiet'], stream);
}

/** Markdown text with its backslash escapes taken out, as a reader sees it. */
export const rendered = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

export interface ServiceFixture {
  /** A loopback service answering as `behaviours` says (`/ok`, `/status/503`, …). */
  service: Service;
  /** The fake GitHub API, to see what a run asked of it (or that it asked nothing). */
  github: FakeGitHub;
}

/** Starts a `behaviours` service and the fake GitHub API before the file's tests, and stops both after. */
export function serviceFixture(): ServiceFixture {
  const fixture = {} as ServiceFixture;
  beforeAll(async () => {
    fixture.service = await startServer(behaviours);
    fixture.github = await startFakeGitHub();
  });
  afterAll(async () => Promise.all([fixture.service?.close(), fixture.github?.close()]));
  return fixture;
}
