// Removes the run's temporary folder that global-setup.mjs made, with all that tests left in it.
import { rmSync } from 'node:fs';

export default function globalTeardown() {
  const made = globalThis.vigilTestTmp;
  if (!made) return;
  rmSync(made.dir, { recursive: true, force: true });
  if (made.before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = made.before;
}
