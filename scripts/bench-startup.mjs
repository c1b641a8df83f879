// `npm run bench:startup`: why the action speaks the runner protocol itself instead of through
// @actions/core. Builds a second bundle whose entry calls `run()` with its default runner (the
// @actions/core one), then measures, alternating, the whole process of each bundle and of a bare
// `node -e "fetch(url)"` against one fast loopback endpoint: wall time and CPU time (user +
// system, read by the process as it exits), median of BENCH_RUNS runs. BENCH_ALSO_NODE names
// other Node.js binaries (separated by ':') to measure the same way, e.g. the Node 24 GitHub uses.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const nodes = [process.execPath, ...(process.env.BENCH_ALSO_NODE ?? '').split(':').filter(Boolean)];
const work = mkdtempSync(path.join(os.tmpdir(), 'vigil-startup-'));

// The same action, built with run()'s default runner.
const entry = path.join(root, 'src', 'bench-core-entry.ts');
writeFileSync(entry, "import { run } from './main.js';\n\nawait run();\n");
try {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      entry,
      '-o',
      path.join(work, 'core'),
      '--minify',
      '--quiet',
    ],
    { cwd: root, stdio: 'inherit' },
  );
} finally {
  rmSync(entry);
}
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });

const server = http.createServer((req, res) => res.end('ok'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
const cpuFile = path.join(work, 'cpu.txt');
const cpuHook = `data:text/javascript,import fs from 'node:fs';process.on('exit',()=>{const u=process.cpuUsage();fs.writeFileSync(${JSON.stringify(cpuFile)},String((u.user+u.system)/1000))})`;
const env = {
  PATH: process.env.PATH,
  INPUT_ENDPOINTS: `- ${url}`,
  INPUT_RETRIES: '0',
  INPUT_SUMMARY: 'true',
  GITHUB_OUTPUT: path.join(work, 'output'),
  GITHUB_STEP_SUMMARY: path.join(work, 'summary'),
};
writeFileSync(env.GITHUB_OUTPUT, '');
writeFileSync(env.GITHUB_STEP_SUMMARY, '');

/** Wall and CPU time of one whole process, in ms. Asynchronous: the server lives here. */
function measure(node, args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, ['--import', cpuHook, ...args], { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve({ wall: performance.now() - started, cpu: Number(readFileSync(cpuFile, 'utf8')) }));
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const subjects = {
  'bare fetch': ['-e', `fetch(${JSON.stringify(url)}).then((r) => r.text())`],
  'dist/index.js (protocol)': [path.join(root, 'dist', 'index.js')],
  'with @actions/core': [path.join(work, 'core', 'index.js')],
};
console.log(`${RUNS} runs each, alternating, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);
for (const node of nodes) {
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const times = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, args] of Object.entries(subjects)) times[name].push(await measure(node, args));
  }
  const bare = { wall: median(times['bare fetch'].map((t) => t.wall)), cpu: median(times['bare fetch'].map((t) => t.cpu)) };
  console.log(`\nNode ${version}`);
  for (const [name, list] of Object.entries(times)) {
    const wall = median(list.map((t) => t.wall));
    const cpu = median(list.map((t) => t.cpu));
    console.log(
      `  ${name.padEnd(26)} wall ${wall.toFixed(0).padStart(4)} ms (${(wall / bare.wall).toFixed(2)}×)   cpu ${cpu.toFixed(0).padStart(4)} ms (${(cpu / bare.cpu).toFixed(2)}×)`,
    );
  }
}
server.close();
rmSync(work, { recursive: true, force: true });
