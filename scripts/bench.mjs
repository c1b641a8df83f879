// `npm run bench`: measures the built action as a whole process, the way a runner starts it,
// against loopback services with known delays, and rewrites docs/BENCHMARKS.md with the figures.
// Every figure is a ratio or a difference of two things measured side by side in one run, so it
// means the same on a slow machine as on a fast one. CI does not run this.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { historyFiles } from './history-fixture.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const action = path.join(root, 'dist', 'index.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const quick = process.argv.includes('--quick');
// `--history`: only the history figures, printed and not written (to look into them alone).
const historyOnly = process.argv.includes('--history');
// Other Node.js binaries to measure the same way (e.g. the Node 24 that GitHub runs actions
// with), separated by ':'. Their tables are added below the main one.
const ALSO = (process.env.BENCH_ALSO_NODE ?? '').split(':').filter(Boolean);
/** The Node.js binary that runs the action for the figures being measured. */
let NODE = process.execPath;

// ---------------------------------------------------------------- loopback services
function certificate() {
  const key = path.join(work, 'key.pem');
  const cert = path.join(work, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      '/CN=localhost',
      '-days',
      '30',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/** /delay/MS answers after MS ms; /stream/MIB streams MIB MiB; anything else answers at once. */
function handler(req, res) {
  const [, route, param] = (req.url ?? '/').split('/');
  if (route === 'delay') {
    setTimeout(() => res.end('ok'), Number(param));
  } else if (route === 'stream') {
    const total = Number(param) * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    res.writeHead(200, { 'content-length': String(total) });
    res.write('marker');
    let sent = 6;
    const pump = () => {
      while (sent < total) {
        const size = Math.min(chunk.length, total - sent);
        sent += size;
        if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  } else {
    res.end('ok');
  }
}

async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.maxConnections = 10_000;
  return server.address().port;
}

// ---------------------------------------------------------------- running the action
function env(inputs, outputFile, extra = {}) {
  const summary = path.join(work, 'summary.md');
  writeFileSync(summary, '');
  writeFileSync(outputFile, '');
  const variables = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: work,
    INPUT_RETRIES: '0',
    INPUT_SUMMARY: 'true',
    // The check-only figures are a run without the data branch; the history section turns it on.
    INPUT_HISTORY: 'false',
  };
  for (const [name, value] of Object.entries(inputs)) variables[`INPUT_${name.toUpperCase()}`] = value;
  return { ...variables, ...extra };
}

function readOutputs(file) {
  const outputs = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const value = [];
    for (i++; lines[i] !== match[2]; i++) value.push(lines[i]);
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}

/** Runs a command to its end and returns its wall time in ms (spawn to exit). */
function timed(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stderr }));
  });
}

/** curl's own time_total for one fresh request, in ms. Asynchronous: the service that answers
 * lives in this process. */
function curlTime(url) {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-s', '-o', '/dev/null', '-H', 'Connection: close', '-w', '%{time_total}', url]);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(Number(out) * 1000));
  });
}

async function runAction(inputs) {
  const outputFile = path.join(work, 'output.txt');
  const result = await timed(NODE, [action], { env: env(inputs, outputFile) });
  return { ...result, outputs: readOutputs(outputFile) };
}

/** Peak resident memory of the whole process, in MiB, as /usr/bin/time -f %M reports it. */
async function peakRss(inputs) {
  const outputFile = path.join(work, 'output.txt');
  const report = path.join(work, 'rss.txt');
  if (existsSync('/usr/bin/time')) {
    await timed('/usr/bin/time', ['-f', '%M', '-o', report, NODE, action], { env: env(inputs, outputFile) });
    return Number(readFileSync(report, 'utf8').trim().split('\n').pop()) / 1024;
  }
  // Without GNU time: the process reports its own peak (getrusage ru_maxrss) as it exits.
  const hook = `data:text/javascript,import fs from 'node:fs';process.on('exit',()=>fs.writeFileSync(${JSON.stringify(report)},String(process.resourceUsage().maxRSS)))`;
  await timed(NODE, ['--import', hook, action], { env: env(inputs, outputFile) });
  return Number(readFileSync(report, 'utf8')) / 1024;
}

/** Wall time, CPU time (user + system of the process and the git commands it waited for) and peak
 * RSS of one run of the action, with GNU time. */
async function accounted(inputs, extra) {
  const outputFile = path.join(work, 'output.txt');
  const report = path.join(work, 'usage.txt');
  const result = await timed('/usr/bin/time', ['-f', '%U %S %M', '-o', report, NODE, action], {
    env: env(inputs, outputFile, extra),
  });
  const [user, system, rss] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { ...result, cpu: (user + system) * 1000, rss: rss / 1024, outputs: readOutputs(outputFile) };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
};
const median = (values) => stats(values).median;
const endpointsYaml = (urls) => urls.map((url) => `- ${url}`).join('\n');

// ---------------------------------------------------------------- the data branch
const GIT_TOKEN = 'bench-token';
const HISTORY_ENDPOINTS = 20;
const HISTORY_IDS = Array.from({ length: HISTORY_ENDPOINTS }, (_, i) => `endpoint-${i + 1}`);

/** The tests' git server (`git http-backend` behind basic auth on 127.0.0.1), transpiled from
 * TypeScript: it imports only Node.js's own modules, so the one file is enough. */
async function startGitServer() {
  const source = readFileSync(path.join(root, '__tests__', 'support', 'git-server.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = path.join(work, 'git-server.mjs');
  writeFileSync(file, outputText);
  return (await import(pathToFileURL(file).href)).startGitServer(GIT_TOKEN);
}

/** Puts `files` on the branch `vigil-data` of the bare repository `gitDir`, as one commit. */
function seedBranch(gitDir, files) {
  const tree = mkdtempSync(path.join(work, 'seed-'));
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    writeFileSync(path.join(tree, file), text);
  }
  const identity = {
    GIT_AUTHOR_NAME: 'Vigil',
    GIT_AUTHOR_EMAIL: 'vigil@localhost',
    GIT_COMMITTER_NAME: 'Vigil',
    GIT_COMMITTER_EMAIL: 'vigil@localhost',
  };
  const git = (args) =>
    execFileSync('git', args, { cwd: tree, stdio: 'ignore', env: { ...process.env, ...identity, GIT_CONFIG_NOSYSTEM: '1' } });
  git(['init', '--quiet']);
  git(['add', '-A']);
  git(['commit', '--quiet', '-m', 'History so far']);
  git(['push', '--quiet', gitDir, 'HEAD:refs/heads/vigil-data']);
  // GitHub serves repositories from packs; a push of a few dozen objects is stored loose, and
  // serving loose objects would charge every fetch below for compressing them again.
  execFileSync('git', ['repack', '-a', '-d', '--quiet'], { env: { ...process.env, GIT_DIR: gitDir }, stdio: 'ignore' });
}

/** CPU time (ms) of the child processes this process has waited for: the action (through GNU
 * time) and the `git http-backend` processes of the git server. */
function childrenCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in ticks of 10 ms
}

/** The judge alone, on NODE: `scripts/bench-judge.mjs` (its first call in fresh processes, then warm calls). */
function judgeFigures() {
  const run = spawnSync(NODE, [path.join(root, 'scripts', 'bench-judge.mjs')], { encoding: 'utf8' });
  const [firstLine = '', warmLine = ''] = run.stdout.split('\n').slice(1, 3);
  const figures = (line, label) => {
    const match = new RegExp(`${label} median ([\\d.]+) ms \\(min ([\\d.]+), max ([\\d.]+)\\)`).exec(line);
    if (!match) throw new Error(`bench-judge.mjs printed no "${label}" figure:\n${run.stdout}${run.stderr}`);
    const [median, min, max] = match.slice(1).map(Number);
    return { min, median, max };
  };
  return {
    first: {
      wall: figures(firstLine, 'wall'),
      thread: figures(firstLine, 'CPU of the main thread'),
      all: figures(firstLine, 'CPU of all threads'),
    },
    warm: { wall: figures(warmLine, 'wall'), thread: figures(warmLine, 'CPU of the main thread') },
    processes: Number(/in (\d+) fresh processes/.exec(firstLine)?.[1]),
    warmCalls: Number(/warm calls, (\d+) in all/.exec(warmLine)?.[1]),
    output: run.stdout.trim(),
  };
}

/** A run with history against one without, turn about, on a branch of 30 days of raw checks. */
async function measureHistory(base, gitServer, repository) {
  const gitDir = gitServer.createRepo(repository);
  const { files, rawRows } = await historyFiles({ ids: HISTORY_IDS, now: Date.now(), rawDays: 30 });
  const branchBytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  seedBranch(gitDir, files);
  const endpoints = HISTORY_IDS.map((id) => `- { id: ${id}, url: "${base}/${id}" }`).join('\n');
  const common = { endpoints, concurrency: '20', 'keep-alive': 'false' };
  const extra = {
    GITHUB_SERVER_URL: gitServer.url,
    GITHUB_REPOSITORY: repository,
    // Nothing here calls the REST API (no issues, no keep-alive); should anything try, it stays on this machine.
    GITHUB_API_URL: 'http://127.0.0.1:9',
  };
  const run = async (history) => {
    const before = gitServer.pushBytes.length;
    const inputs = history ? { ...common, history: 'true', 'github-token': GIT_TOKEN } : common;
    const childrenBefore = childrenCpuMs();
    const result = await accounted(inputs, extra);
    result.serverCpu = childrenCpuMs() - childrenBefore - result.cpu;
    if (result.outputs['up-count'] !== String(HISTORY_ENDPOINTS) || (history && !result.outputs['history-commit']))
      throw new Error(`history run (history: ${history}) failed:\n${result.stderr}`);
    const pushed = gitServer.pushBytes.slice(before).reduce((sum, n) => sum + n, 0);
    if (historyOnly)
      console.log(
        `history: ${history}: ${result.ms.toFixed(0)} ms, CPU ${result.cpu.toFixed(0)} ms, server CPU ${result.serverCpu} ms, pushed ${pushed} B`,
      );
    return { ...result, pushed };
  };
  // The first run on the seeded branch also writes state.json, the page and the badges for the
  // first time; it is shown on its own, and the runs after it are those every schedule makes.
  const first = await run(true);
  await run(false);
  const on = [];
  const off = [];
  for (let n = 0; n < RUNS; n++) {
    off.push(await run(false));
    on.push(await run(true));
  }
  const pick = (list, key) => list.map((r) => r[key]);
  const paired = (key) => on.map((r, n) => r[key] - off[n][key]);
  return {
    rawRows,
    branchBytes,
    first: { ms: first.ms, cpu: first.cpu, pushed: first.pushed },
    on: {
      walls: stats(pick(on, 'ms')),
      cpu: stats(pick(on, 'cpu')),
      serverCpu: stats(pick(on, 'serverCpu')),
      pushed: stats(pick(on, 'pushed')),
      rss: stats(pick(on, 'rss')),
    },
    off: { walls: stats(pick(off, 'ms')), cpu: stats(pick(off, 'cpu')), rss: stats(pick(off, 'rss')) },
    addedWall: stats(paired('ms')),
    addedCpu: stats(paired('cpu')),
    judge: judgeFigures(),
  };
}

// ---------------------------------------------------------------- the figures
function versionOf(node) {
  return spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

async function main() {
  const rendering = process.argv.indexOf('--render');
  if (rendering > 0) {
    // `--render results.json`: the document again from figures a run saved, without measuring.
    const saved = JSON.parse(readFileSync(process.argv[rendering + 1], 'utf8'));
    const before = saved.previous && { ...saved.previous, medians: new Map(saved.previous.medians) };
    writeFileSync(path.join(root, 'docs', 'BENCHMARKS.md'), document(saved.primary, saved.others, saved.extras, before));
    console.log('docs/BENCHMARKS.md rewritten from saved figures');
    process.exit(0);
  }
  const previous = existsSync(path.join(root, 'docs', 'BENCHMARKS.md'))
    ? previousMedians(readFileSync(path.join(root, 'docs', 'BENCHMARKS.md'), 'utf8'))
    : null;
  const tls = certificate();
  const plain = http.createServer(handler);
  const secure = https.createServer(tls, handler);
  const port = await listen(plain);
  const securePort = await listen(secure);
  const gitServer = await startGitServer();
  if (historyOnly) {
    for (const node of [process.execPath, ...ALSO]) {
      NODE = node;
      const label = versionOf(NODE);
      const figures = await measureHistory(`http://127.0.0.1:${port}`, gitServer, `bench/history-${label.replace(/\W/g, '-')}`);
      console.log(label, JSON.stringify(figures, null, 1));
    }
    await gitServer.close();
    process.exit(0);
  }
  const primary = await measure({ port, securePort, gitServer });
  const others = [];
  for (const node of ALSO) {
    NODE = node;
    others.push(await measure({ port, securePort, gitServer }));
  }
  plain.close();
  secure.close();
  plain.closeAllConnections?.();
  secure.closeAllConnections?.();
  await gitServer.close();
  const extras = quick || process.env.BENCH_EXTRAS === '0' ? [] : otherScripts();
  // The figures as measured, kept apart from the document so that a mistake in writing it loses none.
  writeFileSync(
    path.join(work, 'results.json'),
    JSON.stringify({ primary, others, extras, previous: previous && { ...previous, medians: [...previous.medians] } }),
  );
  console.log(`figures saved in ${path.join(work, 'results.json')}`);
  if (!quick) writeFileSync(path.join(root, 'docs', 'BENCHMARKS.md'), document(primary, others, extras, previous));
  console.log(quick ? JSON.stringify([primary, ...others], null, 2) : 'docs/BENCHMARKS.md rewritten');
}

/** The load average over 1, 5 and 15 minutes, as text. */
const loadAverage = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(', ');

/** The project's other benchmark scripts, run one after another, each with its output as printed. */
function otherScripts() {
  const env = { ...process.env };
  delete env.BENCH_RUNS; // each script has its own number of runs
  const also = ALSO.join(':');
  const scripts = [
    { command: 'npm run bench:store', args: ['scripts/bench-store.mjs'] },
    { command: 'npm run bench:page', args: ['scripts/bench-page.mjs'] },
    { command: 'npm run bench:kinds', args: ['scripts/bench-kinds.mjs'] },
    {
      command: `${also ? 'BENCH_ALSO_NODE=/path/to/node24 ' : ''}npm run bench:startup`,
      args: ['scripts/bench-startup.mjs'],
      env: { BENCH_ALSO_NODE: also },
    },
    {
      command: `node scripts/body-memory.mjs "$(command -v node)"${also ? ' /path/to/node24' : ''}`,
      args: ['scripts/body-memory.mjs', process.execPath, ...ALSO],
    },
  ];
  return scripts.map(({ command, args, env: extra }) => {
    console.log(`running ${command}`);
    const before = loadAverage();
    const started = performance.now();
    const run = spawnSync(process.execPath, args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...env, ...extra },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout}${run.status === 0 ? '' : `\n(exit ${run.status}) ${run.stderr}`}`
      .replaceAll(root, '.')
      .replaceAll(os.tmpdir(), 'TMP')
      .trim();
    return { command, output, seconds: (performance.now() - started) / 1000, load: [before, loadAverage()] };
  });
}

async function measure({ port, securePort, gitServer }) {
  const base = `http://127.0.0.1:${port}`;
  const results = { node: versionOf(NODE), load: [loadAverage()] };
  console.log(`Benchmarking dist/index.js on Node ${results.node}, ${RUNS} runs per figure (${os.cpus().length} cores)`);

  // Warm the disk cache so the first figure is not charged for it.
  await runAction({ endpoints: `- ${base}/` });

  // scale
  results.scale = [];
  for (const n of quick ? [10, 100] : [10, 100, 1000]) {
    const urls = Array.from({ length: n }, (_, i) => `${base}/delay/100/e${i}`);
    const floor = Math.ceil(n / 50) * 100;
    const walls = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await runAction({ endpoints: endpointsYaml(urls), concurrency: '50', timeout: '10s' });
      if (result.outputs['up-count'] !== String(n))
        throw new Error(`scale ${n}: ${result.outputs['up-count']} up\n${result.stderr}`);
      walls.push(result.ms);
    }
    results.scale.push({ n, floor, walls: stats(walls), ratios: stats(walls.map((ms) => ms / floor)) });
    console.log(`scale ${n}: median ${median(walls).toFixed(0)} ms, floor ${floor} ms`);
  }

  // exactness against curl
  const curl = spawnSync('curl', ['--version']).status === 0;
  const exactUrls = Array.from({ length: 20 }, (_, i) => `${base}/delay/100/x${i}`);
  const ours = [];
  const theirs = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await runAction({ endpoints: endpointsYaml(exactUrls), concurrency: '1' });
    ours.push(median(JSON.parse(result.outputs.results).map((r) => r.responseTime)));
    if (curl) {
      const times = [];
      for (const url of exactUrls) times.push(await curlTime(url));
      theirs.push(median(times));
    }
  }
  results.exactness = {
    curl,
    ours: stats(ours),
    theirs: curl ? stats(theirs) : null,
    differences: curl ? stats(ours.map((v, i) => v - theirs[i])) : null,
  };
  console.log(`exactness: vigil median ${median(ours)} ms, curl median ${curl ? median(theirs).toFixed(2) : 'n/a'} ms`);

  // start-up against a bare node fetch
  const bare = `fetch(${JSON.stringify(`${base}/`)}).then((r) => r.text())`;
  const startRatios = [];
  const startOurs = [];
  const startBare = [];
  for (let run = 0; run < RUNS * 2; run++) {
    const a = (await runAction({ endpoints: `- ${base}/` })).ms;
    const b = (await timed(NODE, ['-e', bare])).ms;
    startOurs.push(a);
    startBare.push(b);
    startRatios.push(a / b);
  }
  results.startup = { ours: stats(startOurs), bare: stats(startBare), ratios: stats(startRatios) };
  console.log(`start-up: vigil ${median(startOurs).toFixed(0)} ms, bare fetch ${median(startBare).toFixed(0)} ms`);

  // memory
  const streamRss = [];
  const hugeRss = [];
  const manyRss = [];
  const manyUrls = Array.from({ length: 1000 }, (_, i) => `${base}/e${i}`);
  for (let run = 0; run < Math.max(3, Math.ceil(RUNS / 2)); run++) {
    streamRss.push(await peakRss({ endpoints: `- { url: "${base}/stream/200", body-contains: marker, timeout: 60s }` }));
    if (!quick) manyRss.push(await peakRss({ endpoints: endpointsYaml(manyUrls), concurrency: '50' }));
    if (!quick)
      hugeRss.push(await peakRss({ endpoints: `- { url: "${base}/stream/1024", body-contains: marker, timeout: 60s }` }));
  }
  const baselineRss = [];
  for (let run = 0; run < 3; run++) baselineRss.push(await peakRss({ endpoints: `- ${base}/` }));
  results.memory = {
    stream: stats(streamRss),
    huge: quick ? null : stats(hugeRss),
    baseline: stats(baselineRss),
    many: quick ? null : stats(manyRss),
    tool: existsSync('/usr/bin/time') ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS',
  };
  console.log(
    `memory: 200 MiB body ${median(streamRss).toFixed(0)} MiB${quick ? '' : `, 1000 endpoints ${median(manyRss).toFixed(0)} MiB`}`,
  );

  // phases add up to the total
  const phaseUrls = [
    ...Array.from({ length: 10 }, (_, i) => `http://localhost:${port}/delay/20/p${i}`),
    ...Array.from({ length: 10 }, (_, i) => `https://localhost:${securePort}/delay/20/s${i}`),
  ];
  const gaps = { http: [], https: [] };
  for (let run = 0; run < RUNS; run++) {
    const result = await runAction({ endpoints: endpointsYaml(phaseUrls), insecure: 'true', concurrency: '5' });
    for (const r of JSON.parse(result.outputs.results)) {
      const t = r.timings;
      gaps[r.url.startsWith('https') ? 'https' : 'http'].push(
        Math.abs(t.dns + t.connect + t.tls + t.wait + t.download - t.total),
      );
    }
  }
  results.phases = { http: stats(gaps.http), https: stats(gaps.https), samples: gaps.http.length + gaps.https.length };

  // history: the data branch on a loopback git server, and the judge
  results.history = await measureHistory(base, gitServer, `bench/node-${results.node.replace(/\W/g, '-')}`);
  const h = results.history;
  console.log(
    `history: +${h.addedWall.median.toFixed(0)} ms wall, +${h.addedCpu.median.toFixed(0)} ms CPU, ` +
      `${(h.on.pushed.median / 1024).toFixed(1)} KiB pushed; judge ${h.judge.first.wall.median.toFixed(0)} ms first call`,
  );
  results.load.push(loadAverage());
  return results;
}

// ---------------------------------------------------------------- the document
const f0 = (v) => v.toFixed(0);
const f2 = (v) => v.toFixed(2);
const row = (s, format) => `${format(s.min)} | ${format(s.median)} | ${format(s.max)}`;
const verdict = (ok) => (ok ? '✅ met' : '❌ missed');

function figureTable(r) {
  const lines = ['| figure | how | target | min | median | max | result |', '| --- | --- | --- | --: | --: | --: | --- |'];
  for (const s of r.scale) {
    const target = s.n === 1000 ? 1.3 : s.n === 100 ? 1.8 : null;
    lines.push(
      `| scale, ${s.n} endpoints | wall time of \`node dist/index.js\` ÷ floor ⌈n/50⌉ × 100 ms = ${s.floor} ms | ${target ? `≤ ${target}×` : '—'} | ${row(s.ratios, (v) => `${f2(v)}×`)} | ${target ? verdict(s.ratios.median <= target) : '—'} |`,
    );
  }
  const e = r.exactness;
  if (e.curl) {
    lines.push(
      `| exactness | median \`responseTime\` − median curl \`time_total\`, 20 endpoints answering after 100 ms, one at a time | ±2 ms | ${row(e.differences, (v) => `${v >= 0 ? '+' : ''}${f2(v)} ms`)} | ${verdict(Math.abs(e.differences.median) <= 2 && Math.abs(e.differences.max) <= 2 && Math.abs(e.differences.min) <= 2)} |`,
    );
  } else {
    lines.push('| exactness | curl not installed on this machine | ±2 ms | — | — | — | not measured |');
  }
  lines.push(
    `| start-up | one fast local endpoint, whole process ÷ bare \`node -e "fetch(url)"\` | ≤ 1.5× | ${row(r.startup.ratios, (v) => `${f2(v)}×`)} | ${verdict(r.startup.ratios.median <= 1.5)} |`,
    `| memory, 200 MiB body | peak RSS, one endpoint streaming 200 MiB with \`body-contains\` | ≤ 128 MiB | ${row(r.memory.stream, (v) => `${f0(v)} MiB`)} | ${verdict(r.memory.stream.max <= 128)} |`,
  );
  if (r.memory.huge) {
    lines.push(
      `| memory, 1 GiB body | the same with a 1 GiB body, to show the peak does not follow the body size | — | ${row(r.memory.huge, (v) => `${f0(v)} MiB`)} | — |`,
      `| memory, baseline | peak RSS, one small endpoint | — | ${row(r.memory.baseline, (v) => `${f0(v)} MiB`)} | — |`,
    );
  }
  if (r.memory.many) {
    lines.push(
      `| memory, 1000 endpoints | peak RSS, 1000 endpoints, \`concurrency: 50\` | ≤ 128 MiB | ${row(r.memory.many, (v) => `${f0(v)} MiB`)} | ${verdict(r.memory.many.max <= 128)} |`,
    );
  }
  lines.push(
    `| phases, http | \\|dns + connect + tls + wait + download − total\\| | ≤ 1 ms | ${row(r.phases.http, (v) => `${f0(v)} ms`)} | ${verdict(r.phases.http.max <= 1)} |`,
    `| phases, https | the same for https endpoints | ≤ 1 ms | ${row(r.phases.https, (v) => `${f0(v)} ms`)} | ${verdict(r.phases.https.max <= 1)} |`,
  );
  const h = r.history;
  if (h) {
    const ms = (v) => `${v >= 0 ? '+' : ''}${f0(v)} ms`;
    const kib = (v) => `${(v / 1024).toFixed(1)} KiB`;
    lines.push(
      `| history, time added | wall time of a run with \`history: true\` − the run before it with \`history: false\` (20 endpoints; branch of ${h.rawRows.toLocaleString('en')} raw rows) | ≤ 1 s | ${row(h.addedWall, ms)} | ${verdict(h.addedWall.median <= 1000)} |`,
      `| history, CPU added | the same in CPU time: user + system of the action and the git commands it starts (the git server's own: ${f0(h.on.serverCpu.median)} ms median, not included) | ≤ 1 s | ${row(h.addedCpu, ms)} | ${verdict(h.addedCpu.median <= 1000)} |`,
      `| history, bytes pushed | request bodies of the pushes of one run (pack and ref updates), page and badges on | ≤ 64 KiB | ${row(h.on.pushed, kib)} | ${verdict(h.on.pushed.max <= 64 * 1024)} |`,
      `| history, peak RSS | peak RSS of a run with history (without: ${f0(h.off.rss.median)} MiB median) | ≤ 128 MiB | ${row(h.on.rss, (v) => `${f0(v)} MiB`)} | ${verdict(h.on.rss.max <= 128)} |`,
      `| judge, first call, wall | wall time of the first \`judge()\` call of a fresh process over 90 days of 20 endpoints (30 raw), the one call a run makes; ${h.judge.processes} processes | < 200 ms | ${row(h.judge.first.wall, (v) => `${f0(v)} ms`)} | ${verdict(h.judge.first.wall.max < 200)} |`,
      `| judge, first call, CPU | CPU time of that call on the main thread (all threads, with the compiler and the garbage collector: ${f0(h.judge.first.all.median)} ms median) | — | ${row(h.judge.first.thread, (v) => `${f0(v)} ms`)} | — |`,
      `| judge, warm | wall time of the next calls, ${h.judge.warmCalls} in all | < 200 ms | ${row(h.judge.warm.wall, (v) => `${f0(v)} ms`)} | ${verdict(h.judge.warm.wall.median < 200)} |`,
    );
  }
  return lines;
}

/** The median of every figure of the document being replaced, by Node.js major version and figure. */
function previousMedians(text) {
  const medians = new Map();
  let node = /Node (v\d+)/.exec(text)?.[1] ?? '?';
  const date = /Measured on (\d{4}-\d{2}-\d{2})/.exec(text)?.[1] ?? 'an earlier date';
  const processor = /Measured on [^:]*: \d+ cores \(([^)]*)\)/.exec(text)?.[1] ?? null;
  for (const line of text.split('\n')) {
    const heading = /^## The same on Node (v\d+)/.exec(line);
    if (heading) node = heading[1];
    const cells = line.split(' | ');
    if (cells.length === 7 && !line.startsWith('| figure') && !line.startsWith('| ---'))
      medians.set(`${node} ${cells[0].slice(2)}`, cells[4]);
  }
  return { date, processor, medians };
}

/** Each figure of this run next to the same figure in the document it replaces. */
function changes(previous, results) {
  if (!previous) return [];
  const lines = [
    `## Since the previous figures`,
    '',
    `Medians of the document this run replaced (measured on ${previous.date}) next to this run's, by Node.js major version.`,
    'New figures have no earlier value. Wall-time ratios (scale, exactness, start-up) follow the load of the',
    'machine: read the load averages above before taking a change in them for a change in Vigil; peak RSS,',
    'CPU times and bytes move far less with the load.',
    ...(previous.processor && previous.processor !== (os.cpus()[0]?.model?.trim() ?? '')
      ? [`The previous figures were measured on another processor (${previous.processor}).`]
      : []),
    '',
    '| Node | figure | before | now |',
    '| --- | --- | --: | --: |',
  ];
  for (const r of results) {
    const major = /^v\d+/.exec(r.node)[0];
    for (const line of figureTable(r).slice(2)) {
      const cells = line.split(' | ');
      const figure = cells[0].slice(2);
      lines.push(`| ${major} | ${figure} | ${previous.medians.get(`${major} ${figure}`) ?? '—'} | ${cells[4]} |`);
    }
  }
  return [...lines, ''];
}

/** The other benchmark scripts' output, each under the command that prints it. */
function otherFigures(extras) {
  if (extras.length === 0) return [];
  return [
    '## The other benchmark scripts',
    '',
    'Run one after another after the figures above, on the same machine; each prints its own figures.',
    '',
    ...extras.flatMap((e) => [
      `### \`${e.command}\``,
      '',
      `Took ${f0(e.seconds)} s; load average ${e.load[0]} before, ${e.load[1]} after.`,
      '',
      '```text',
      e.output,
      '```',
      '',
    ]),
  ];
}

function document(r, others, extras = [], previous = null) {
  const e = r.exactness;
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (scripts/bench.mjs); edit the script, not this table. -->',
    '',
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${r.node}, ${os.platform()}. ` +
      `Each figure is measured side by side in one run against loopback services with known delays; min / median / max of ${RUNS} runs ` +
      '(start-up: twice as many, alternating).',
    '',
    `**The machine was shared and loaded while this ran**: load average (1, 5, 15 min) ${r.load[0]} at the start of the Node ${r.node} figures, ` +
      `${r.load[1]} at their end${others.map((o) => `; ${o.load[0]} and ${o.load[1]} for Node ${o.node}`).join('')}. ` +
      'Wall times include waiting for a core; the ratios, the CPU times and the bytes are the steadier figures.',
    '',
    ...figureTable(r),
  ];
  lines.push(
    '',
    '## Wall time against the number of endpoints',
    '',
    '```mermaid',
    'xychart-beta',
    '  title "Wall time of one run (ms), concurrency 50, endpoints answering after 100 ms"',
    `  x-axis "endpoints" [${r.scale.map((s) => s.n).join(', ')}]`,
    `  y-axis "ms" 0 --> ${Math.ceil((Math.max(...r.scale.map((s) => s.walls.max)) * 1.15) / 100) * 100}`,
    `  bar [${r.scale.map((s) => f0(s.walls.median)).join(', ')}]`,
    `  line [${r.scale.map((s) => s.floor).join(', ')}]`,
    '```',
    '',
    'Bars: the median wall time of the whole process. Line: the floor, ⌈n/50⌉ × 100 ms — the time the',
    'requests alone take when 50 run at once and each answers after 100 ms.',
    '',
    '| endpoints | floor | min | median | max |',
    '| --: | --: | --: | --: | --: |',
    ...r.scale.map((s) => `| ${s.n} | ${s.floor} ms | ${row(s.walls, (v) => `${f0(v)} ms`)} |`),
    '',
    `Side by side: Vigil's median \`responseTime\` ${f2(e.ours.median)} ms${e.curl ? `, curl's median \`time_total\` ${f2(e.theirs.median)} ms` : ''}; ` +
      `start-up ${f0(r.startup.ours.median)} ms for the whole action against ${f0(r.startup.bare.median)} ms for a bare \`node -e "fetch(url)"\`.`,
    '',
    ...others.flatMap((o) => [
      `## The same on Node ${o.node}`,
      '',
      `Measured in the same run with \`BENCH_ALSO_NODE\` pointing at a Node ${o.node} binary, the kind of`,
      'runtime GitHub starts actions with (`runs.using: node24`). The bare `fetch` of the start-up',
      'figure runs on the same binary.',
      '',
      ...figureTable(o),
      '',
    ]),
    '## What each figure means',
    '',
    '- **Scale**: the whole process, start-up and summary included, against the least time the',
    '  requests themselves can take. Close to 1× means the pool keeps 50 requests in flight and',
    '  the rest (start-up, configuration, summary, outputs) costs little.',
    '- **Exactness**: Vigil measures each request on a fresh connection, like curl does. A',
    '  difference near 0 means Vigil reports what the request really took, without overhead of',
    '  its own in the figure.',
    '- **Start-up**: what a scheduled run pays before its first request, against the cheapest',
    '  possible Node.js process that makes one request.',
    '- **Memory**: bodies are read to the end but only the first 1 MiB is kept. On plain http the',
    '  socket reads into one shared buffer, and the rest of a body of known length is counted past',
    "  Node.js's HTTP parser rather than handed over in fresh 64 KiB buffers, so a large body adds",
    '  little over the baseline and the 1 GiB row stays near the 200 MiB one. Over https the TLS layer',
    '  still allocates a buffer per read (see `scripts/body-memory.mjs` below, which measures both).',
    `- **Phases**: the phases are contiguous, so they add up to the total. ${r.phases.samples} endpoint results checked.`,
    ...(r.history
      ? [
          `- **History**: a loopback \`git http-backend\` server (the tests' own, \`__tests__/support/git-server.ts\`) holds a data`,
          `  branch with ${HISTORY_ENDPOINTS} endpoints checked every 5 minutes for 30 days (${r.history.rawRows.toLocaleString('en')} raw rows,`,
          `  ${(r.history.branchBytes / 2 ** 20).toFixed(1)} MiB, plus daily.csv), made with the project's own row format. The action checks`,
          `  the same ${HISTORY_ENDPOINTS} endpoints (answering at once) with \`history: false\`, then with \`history: true\`, turn about,`,
          `  ${RUNS} pairs: the fetch, the judge, state, page and badges, and the push are what the second run adds.`,
          '  `keep-alive: false`, so no REST call is part of it. Bytes pushed are what the server received',
          '  in the POST bodies of git-receive-pack. The first run on the seeded branch writes state.json,',
          `  the page and the badges for the first time: it took ${f0(r.history.first.ms)} ms (${f0(r.history.first.cpu)} ms CPU) and pushed`,
          `  ${(r.history.first.pushed / 1024).toFixed(1)} KiB, and is not among the ${RUNS}.`,
          '- **Judge**: `scripts/bench-judge.mjs` starts 5 fresh processes; each builds the branch, collects the',
          '  garbage that left, and times its first `judge()` call, which pays for compiling the code as the',
          "  action's single call does. Wall time is the figure against the target. CPU time is shown for the",
          '  main thread (from `/proc/thread-self/schedstat`) and for all threads: the second also counts the',
          '  compiler and garbage-collector threads that run beside it, which a second core absorbs.',
        ]
      : []),
    '',
    `Peak RSS is read with \`${r.memory.tool}\`.`,
    '',
    '## Where the time and the memory go',
    '',
    '- **Start-up.** What the action adds to a bare Node.js process is loading its bundle. The bundle',
    '  does not include `@actions/core`: its entry module imports `@actions/http-client` and undici',
    '  (for OIDC tokens Vigil never asks for), and loading those was most of the start-up time and',
    '  about 8 MiB of every run (the action measured 100 ms to start here with it, 83 ms without).',
    '  The runner protocol it needs is `src/runner.ts`. The GitHub client (Octokit, with undici) is',
    '  loaded only when `create-issues` is on. Node 24 starts a bare `fetch` much faster than',
    '  Node 20 (its fetch is in the start-up snapshot), so the start-up ratio is higher there.',
    '- **Large bodies on Node 24.** Node 24 frees the 64 KiB buffers that Node.js allocates per socket',
    '  read later than Node 20 does; when each read got such a buffer, a 200 MiB body peaked at 161 MiB',
    '  there. Reading plain sockets into one shared buffer and counting the rest of the body past the',
    '  parser took that figure under the 128 MiB target on both versions.',
    '- **History.** Every run fetches the tip of the data branch (depth 1: every file, the 30 days of',
    '  raw checks included, as one pack), reads every file, judges, writes the page and badges, and',
    '  pushes only the files that changed: the push stays a few KiB while the fetch and the reading',
    '  grow with the raw days kept (`history-days`); the judge is the smaller part (its rows above).',
    '- **The judge and the memory of a history run.** The judge reads the last 7 raw days whole',
    '  (the 7-day percentiles need every response time) but only 4 of the 12 columns: a line as Vigil',
    "  writes it is read where it lies, by its first five commas, and its time as its day's midnight",
    '  plus the clock time. Decoding every column of every row, as it did before, made its first call',
    '  up to 1.5 times as long (median wall time, old and new code side by side: 128–169 ms against',
    '  111–122 ms) and its warm calls 1.3–1.6 times, and left 37,000 row objects of 13 fields to',
    '  collect. The store reads `git cat-file --batch` as it arrives, one blob at a time into one',
    "  reused buffer: holding git's whole output and then its text had put the branch in memory",
    '  three times (148 MiB peak on Node 24, now about 115).',
    '',
    ...changes(previous, [r, ...others]),
    ...otherFigures(extras),
    '## Reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench            # builds dist/, measures, runs the other scripts, rewrites this file',
    'BENCH_ALSO_NODE=/path/to/node24 npm run bench   # and the same figures on a second Node.js',
    'BENCH_RUNS=9 npm run bench',
    'BENCH_EXTRAS=0 npm run bench                    # without the other scripts',
    'node scripts/bench.mjs --history                # only the history figures, printed',
    'npm run bench:judge                             # only the judge figures, printed',
    'node scripts/bench.mjs --render FILE            # this file again from the figures a run saved',
    '```',
    '',
    'Each of the other scripts also runs on its own, with the command above its figures. The',
    'benchmark needs `openssl` (for the https certificate), `git` (the data branch), GNU `time`',
    '(peak RSS and CPU time), Chromium for `bench:page` (`CHROMIUM_PATH`, default /usr/bin/chromium)',
    'and, for the exactness figure, `curl`. It only talks to services it starts on 127.0.0.1.',
    '',
  );
  return lines.join('\n');
}

await main();
process.exit(0);
