// `node scripts/bench-memory.mjs` (run by `npm run bench`): what a data branch's history costs a
// run, for two branches a schedule of a check every five minutes leaves behind (README "Memory
// that scales" in docs/history.md):
//   small: 20 endpoints, 30 raw days;
//   large: 200 endpoints, 30 raw days, and 60 older days only in daily.csv.
// Each branch is built by git itself (a work tree, `git commit`, `git push`) on the tests' loopback
// git server (`git http-backend`), then the built action runs against it in fresh processes, turn
// about with history on and off. Figures: the wall time a run with history adds over one without,
// the bytes the run's fetches receive (the server's upload-pack answers), and the run's peak RSS
// (GNU time). The build before (`--before <commit>`, the committed dist/ of that commit; default:
// none) and the build of this work tree (dist/) are measured side by side in one run.
// CI does not run this.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { historyFiles } from './history-fixture.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const work = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-memory-'));
// Five runs a build and branch: on a shared machine a slow spell of a few seconds moved the median
// of three by 100 ms on 20 endpoints.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const JUDGE_PROCESSES = Number(process.env.BENCH_JUDGE_PROCESSES ?? 5);
const TOKEN = 'bench-token';
const argument = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const only = argument('--only'); // small | large
const ACTION_NODE = Number(/using:\s*['"]?node(\d+)/.exec(readFileSync(path.join(root, 'action.yml'), 'utf8'))?.[1]);
// Every figure is taken at noon UTC (the action's clock set by VIGIL_NOW, a run every five
// minutes from there): today's raw day is then half full, as it is on average over a day. The
// cost of a run grows through the day with today's raw file, which the run must read to add to it.
const NOON = Date.now() - (Date.now() % 86_400_000) + 12 * 3_600_000;

const BRANCHES = [
  {
    key: 'small',
    label: '20 endpoints, 30 raw days',
    endpoints: 20,
    rawDays: 30,
    allDays: 30,
    time: 300,
    fetched: 200 * 1024,
    rss: 100,
  },
  {
    key: 'large',
    label: '200 endpoints, 30 raw days + 60 days in daily.csv',
    endpoints: 200,
    rawDays: 30,
    allDays: 90,
    time: 1000,
    fetched: 2 * 1024 * 1024,
    rss: 128,
  },
].filter((branch) => !only || branch.key === only);

/** The builds to compare: `before` from a commit's committed dist/, `after` from this work tree. */
const builds = [];
const beforeCommit = argument('--before');
if (beforeCommit) {
  const dir = path.join(work, 'before');
  mkdirSync(dir);
  execFileSync('sh', ['-c', `git -C "${root}" archive ${beforeCommit} dist | tar -x -C "${dir}"`]);
  execFileSync('sh', ['-c', `git -C "${root}" archive ${beforeCommit} src | tar -x -C "${dir}"`]);
  builds.push({ label: `before (${beforeCommit})`, action: path.join(dir, 'dist', 'index.js'), source: dir });
}
if (!process.argv.includes('--before-only'))
  builds.push({ label: 'after (this build)', action: path.join(root, 'dist', 'index.js'), source: root });

async function startGitServer() {
  const source = readFileSync(path.join(root, '__tests__', 'support', 'git-server.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = path.join(work, 'git-server.mjs');
  writeFileSync(file, outputText);
  return (await import(pathToFileURL(file).href)).startGitServer(TOKEN);
}

/** The branch as git makes it: files in a work tree, one commit by Vigil's identity, pushed. */
function seedBranch(gitDir, files) {
  const tree = mkdtempSync(path.join(work, 'seed-'));
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    writeFileSync(path.join(tree, file), text);
  }
  const identity = {
    GIT_AUTHOR_NAME: 'Vigil',
    GIT_AUTHOR_EMAIL: 'vigil@users.noreply.github.com',
    GIT_COMMITTER_NAME: 'Vigil',
    GIT_COMMITTER_EMAIL: 'vigil@users.noreply.github.com',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const git = (args) => execFileSync('git', args, { cwd: tree, stdio: 'ignore', env: { ...process.env, ...identity } });
  git(['init', '--quiet']);
  git(['add', '-A']);
  git(['commit', '--quiet', '-m', 'History so far\n\nVigil-Commits: 1']);
  git(['push', '--quiet', gitDir, 'HEAD:refs/heads/vigil-data']);
  // GitHub serves repositories from packs; serving loose objects would charge every fetch below
  // for compressing them again.
  execFileSync('git', ['repack', '-a', '-d', '--quiet'], { env: { ...process.env, GIT_DIR: gitDir }, stdio: 'ignore' });
  rmSync(tree, { recursive: true, force: true });
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

/** One run of `action` in a fresh process under GNU time: wall ms, peak RSS (MiB), outputs. */
function runAction(action, inputs, extra) {
  const outputFile = path.join(work, 'output.txt');
  const summary = path.join(work, 'summary.md');
  const report = path.join(work, 'usage.txt');
  writeFileSync(outputFile, '');
  writeFileSync(summary, '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: work,
    INPUT_RETRIES: '0',
    INPUT_SUMMARY: 'false',
    ...extra,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', report, process.execPath, ...nodeArgs, action], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', () => {
      const ms = performance.now() - started;
      const rss = Number(readFileSync(report, 'utf8').trim().split('\n').pop()) / 1024;
      resolve({ ms, rss, stderr, outputs: readOutputs(outputFile) });
    });
  });
}

/**
 * The judge alone over the large branch, in fresh processes (`scripts/bench-judge.mjs` with 200
 * endpoints): wall and main-thread CPU of its first call, the one call a run makes. `sourceRoot`
 * holds the `src/` judged; the script and its helpers are this work tree's.
 */
function judgeFigures(sourceRoot) {
  if (sourceRoot !== root) {
    mkdirSync(path.join(sourceRoot, 'scripts'), { recursive: true });
    for (const name of ['bench-judge.mjs', 'transpile.mjs', 'history-fixture.mjs'])
      copyFileSync(path.join(root, 'scripts', name), path.join(sourceRoot, 'scripts', name));
    if (!existsSync(path.join(sourceRoot, 'node_modules')))
      symlinkSync(path.join(root, 'node_modules'), path.join(sourceRoot, 'node_modules'));
  }
  const run = spawnSync(process.execPath, [path.join(sourceRoot, 'scripts', 'bench-judge.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_ENDPOINTS: '200', BENCH_PROCESSES: String(JUDGE_PROCESSES), BENCH_REPEAT: '3' },
  });
  const first = run.stdout.split('\n').find((line) => line.includes('first call')) ?? '';
  const figure = (label) => Number(new RegExp(`${label} median ([\\d.]+) ms`).exec(first)?.[1]);
  const wall = figure('wall');
  if (!Number.isFinite(wall)) throw new Error(`bench-judge.mjs printed no figure:\n${run.stdout}${run.stderr}`);
  return { wall, thread: figure('CPU of the main thread') };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  // BENCH_SERVICE_DELAY_MS: the endpoints answer after that long, as real services do, instead of
  // at once; the run's checks then take that long, beside which the branch's tip is fetched.
  const delay = Number(process.env.BENCH_SERVICE_DELAY_MS ?? 0);
  const service = http.createServer((req, res) => setTimeout(() => res.end('ok'), delay));
  await new Promise((resolve) => service.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${service.address().port}`;
  const gitServer = await startGitServer();
  const results = [];
  try {
    for (const branch of BRANCHES) {
      const ids = Array.from({ length: branch.endpoints }, (_, i) => `endpoint-${i + 1}`);
      const { files, rawRows } = await historyFiles({ ids, now: NOON, rawDays: branch.rawDays, allDays: branch.allDays });
      const branchBytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
      const endpoints = ids.map((id) => `- { id: ${id}, url: "${base}/${id}" }`).join('\n');
      const common = { endpoints, concurrency: '50', 'keep-alive': 'false' };
      // Each build gets its own copy of the branch, so neither reads what the other wrote.
      const measured = builds.map((build) => {
        const repository = `bench/${branch.key}-${builds.indexOf(build)}`;
        seedBranch(gitServer.createRepo(repository), files);
        const extra = { GITHUB_SERVER_URL: gitServer.url, GITHUB_REPOSITORY: repository, GITHUB_API_URL: 'http://127.0.0.1:9' };
        let runs = 0;
        const run = async (history) => {
          const before = gitServer.fetchBytes.length;
          extra.VIGIL_NOW = new Date(NOON + ++runs * 5 * 60_000).toISOString();
          const inputs = history ? { ...common, history: 'true', 'github-token': TOKEN } : { ...common, history: 'false' };
          const result = await runAction(build.action, inputs, extra);
          if (result.outputs['up-count'] !== String(branch.endpoints) || (history && !result.outputs['history-commit']))
            throw new Error(`${build.label}, ${branch.label}, history ${history}: the run failed:\n${result.stderr}`);
          result.fetched = gitServer.fetchBytes.slice(before).reduce((sum, n) => sum + n, 0);
          if (process.env.BENCH_VERBOSE)
            console.error(
              `  ${build.label}, history ${history}: ${result.ms.toFixed(0)} ms, ${result.rss.toFixed(0)} MiB, fetches ${JSON.stringify(gitServer.fetchBytes.slice(before))}`,
            );
          return result;
        };
        return { build, run, first: null, on: [], off: [] };
      });
      // The first run on a branch git made writes state.json and (for the new build) converts
      // the branch; it is shown on its own, the runs after it are those every schedule makes.
      for (const build of measured) build.first = await build.run(true);
      // The builds take turns run by run, so a slow spell of the machine falls on both.
      for (let n = 0; n < RUNS; n++)
        for (const build of measured) {
          build.off.push(await build.run(false));
          build.on.push(await build.run(true));
        }
      for (const { build, first, on, off } of measured) {
        const figures = {
          build: build.label,
          branch: branch.label,
          key: branch.key,
          rawRows,
          branchBytes,
          first: { ms: first.ms, fetched: first.fetched, rss: first.rss },
          added: median(on.map((r, n) => r.ms - off[n].ms)),
          fetched: median(on.map((r) => r.fetched)),
          rss: Math.max(...on.map((r) => r.rss)),
          target: branch,
        };
        results.push(figures);
        console.error(
          `${figures.build} · ${figures.branch}: +${figures.added.toFixed(0)} ms, ${(figures.fetched / 1024).toFixed(0)} KiB, ${figures.rss.toFixed(0)} MiB`,
        );
      }
    }
  } finally {
    service.close();
    await gitServer.close?.();
  }
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const ok = (pass) => (pass ? 'meets' : '**misses**');
  const lines = [
    `Node ${process.version}, git ${execFileSync('git', ['version'], { encoding: 'utf8' }).trim().replace('git version ', '')}; median of ${RUNS} runs with history against the run without it just before (peak RSS: the largest)`,
    ...runtimeNote(),
    '',
    '| branch | build | time a run with history adds | bytes fetched per run | peak RSS | first run on the branch (time, fetched) |',
    '|---|---|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.branch} (${(r.branchBytes / 2 ** 20).toFixed(1)} MiB) | ${r.build} | ${r.added.toFixed(0)} ms (≤ ${r.target.time} ms: ${ok(r.added <= r.target.time)}) | ` +
        `${kib(r.fetched)} (≤ ${kib(r.target.fetched)}: ${ok(r.fetched <= r.target.fetched)}) | ${r.rss.toFixed(0)} MiB (≤ ${r.target.rss} MiB: ${ok(r.rss <= r.target.rss)}) | ` +
        `${r.first.ms.toFixed(0)} ms, ${kib(r.first.fetched)} |`,
    ),
  ];
  if ((!only || only === 'large') && JUDGE_PROCESSES > 0) {
    lines.push(
      '',
      `The judge alone over the large branch, its first call in ${JUDGE_PROCESSES} fresh processes (\`BENCH_ENDPOINTS=200 node scripts/bench-judge.mjs\`, the branch at noon; median):`,
      '',
      '| build | wall | CPU of the main thread |',
      '|---|---:|---:|',
    );
    for (const build of builds) {
      const judged = judgeFigures(build.source);
      lines.push(
        `| ${build.label} | ${judged.wall.toFixed(0)} ms (≤ 200 ms: ${ok(judged.wall <= 200)}) | ${judged.thread.toFixed(0)} ms |`,
      );
      console.error(
        `${build.label} · judge over the large branch: ${judged.wall.toFixed(0)} ms wall, ${judged.thread.toFixed(0)} ms CPU`,
      );
    }
  }
  console.log(lines.join('\n'));
  if (process.argv.includes('--write')) writeSection(lines);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
}

/**
 * The action runs on the Node that action.yml names (node24), and every figure here depends on the
 * Node that runs the script (it starts the action with its own binary): Node 24's process alone is
 * about 14 MiB larger than Node 20's, and its compilers make the judge faster. Said beside the
 * figures when they are another Node's.
 */
function runtimeNote() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major === ACTION_NODE) return [];
  const supported = major >= 22 ? '' : ', older than the Node 22 that package.json asks for';
  return [
    '',
    `These are Node ${major}'s figures${supported}; GitHub runs the action on Node ${ACTION_NODE}: run this script with it for the action's own.`,
  ];
}

/** Puts the figures in docs/BENCHMARKS.md, in a section of their own (after what bench.mjs wrote). */
function writeSection(lines) {
  const file = path.join(root, 'docs', 'BENCHMARKS.md');
  const start = '<!-- memory-that-scales -->';
  const end = '<!-- /memory-that-scales -->';
  const section = [
    start,
    '## Memory that scales: what a run with history costs',
    '',
    'Measured by `node scripts/bench-memory.mjs --before c4ef77c --write` (part of `npm run bench`): each',
    'branch is built by git (a work tree, a commit, a push) on a loopback `git http-backend` server, 20 or',
    "200 endpoints checked every five minutes, made with the project's own row format; the action checks",
    'the same endpoints (answering at once) with `history: false`, then with `history: true`, turn about, in',
    "fresh processes, at noon UTC by the action's clock (`VIGIL_NOW`; today's raw day half full).",
    '"before" is the build of commit c4ef77c (every run fetched the whole branch and read the last 7 raw',
    'days); "after" is this build (today\'s raw day, yesterday\'s points, older days from aggregates, only',
    "the files read fetched, the new objects written by Vigil). Bytes fetched are the bodies of the server's",
    "`git-upload-pack` answers during one run; peak RSS is the action process's (GNU time). The server runs",
    "git-http-backend itself as CGI, as git's documentation sets it up for a web server. The action runs on",
    'the Node that runs the script. The first run on',
    "a branch git made also converts it (reads every raw day once, writes the aggregates and yesterday's",
    'points) and is shown on its own.',
    '',
    ...lines,
    end,
  ].join('\n');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = text.indexOf(start);
  if (at >= 0) text = text.slice(0, at) + section + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
