// Bundles the action (src/index.ts → dist/index.js) and the CLI (src/cli-entry.ts →
// dist/cli/index.js) with ncc. `--if-needed` skips the build when dist/ is newer than every
// source file, so `npm test` and `npm run demo` stay quick after a build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const outputs = ['dist/index.js', 'dist/cli/index.js'].map((file) => path.join(root, file));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-needed')) {
  const inputs = Math.max(newestSource(path.join(root, 'src')), statSync(path.join(root, 'package-lock.json')).mtimeMs);
  if (outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= inputs)) process.exit(0);
}

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const build = (entry, out) =>
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
build('src/index.ts', 'dist');
build('src/cli-entry.ts', 'dist/cli');
