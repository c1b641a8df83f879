// Gives the test run a temporary folder of its own: every test, worker and child process that
// asks os.tmpdir() gets it (TMPDIR is read on each call, and the workers start after this with
// this environment), and global-teardown.mjs removes it, so `npm test` leaves the machine's
// temporary folder as it found it, whatever a test forgets to remove.
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function globalSetup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-test-run-'));
  // Passable by other users (not listable): the PostgreSQL test server runs as `postgres` and
  // must reach its own data folder below this one.
  chmodSync(dir, 0o711);
  globalThis.vigilTestTmp = { dir, before: process.env.TMPDIR };
  process.env.TMPDIR = dir;
}
