// Bundles the action (src/index.ts → dist/index.js) and the CLI (src/cli-entry.ts →
// dist/cli/index.js) with ncc, and writes dist/build-hash.txt: a hash of everything the bundles
// are made from (src/, package.json for the version the CLI prints, package-lock.json,
// tsconfig.json and this script). `--sources` prints that list of files.
//
// `--if-needed` skips the build when that hash still matches the sources. It compares content,
// not file times: a fresh clone writes dist/ and src/ in whatever order git checks them out, so
// a time check would rebuild a dist/ that is already right (35 s of silence before `npm run
// demo` does 1 s of work). When a build is needed, the first line printed says so.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const outputs = ['dist/index.js', 'dist/cli/index.js'].map((file) => path.join(root, file));
const hashFile = path.join(root, 'dist', 'build-hash.txt');

/** Every file under dir, as paths relative to root with forward slashes, sorted. */
function filesUnder(dir) {
  const found = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...filesUnder(relative));
    else if (entry.isFile()) found.push(relative);
  }
  return found.sort();
}

/** What the bundles are built from: package.json too, for the version the CLI prints. */
const sources = () => [...filesUnder('src'), 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

/** The hash of what the bundles are built from: each file's path and its bytes. */
function sourceHash() {
  const hash = createHash('sha256');
  for (const file of sources()) {
    // Line endings are normalised, so a checkout with core.autocrlf gets the same hash.
    const text = readFileSync(path.join(root, file), 'utf8').replace(/\r\n/g, '\n');
    hash.update(`${file}\0${text.length}\0${text}\0`);
  }
  return hash.digest('hex');
}

if (process.argv.includes('--sources')) {
  console.log(sources().join('\n'));
  process.exit(0);
}

const wanted = sourceHash();
if (process.argv.includes('--if-needed')) {
  const built = existsSync(hashFile) ? readFileSync(hashFile, 'utf8').trim() : '';
  const present = outputs.every((file) => existsSync(file));
  if (built === wanted && present) process.exit(0);
  const why = present ? 'it was built from other sources than these' : 'there is none yet';
  console.error(`Building dist/ first (${why}); about 30 s…`);
}

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const build = (entry, out) =>
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
build('src/index.ts', 'dist');
build('src/cli-entry.ts', 'dist/cli');
writeFileSync(hashFile, `${wanted}\n`);
