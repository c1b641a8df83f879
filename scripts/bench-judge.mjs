// `node scripts/bench-judge.mjs`: times the judge on a branch of 90 days of 20 endpoints checked
// every 5 minutes (30 raw days ≈ 172,800 rows, 60 older days only in daily.csv), the size it
// must stay quick at. A few endpoints have outages, some on old days, so the lazy reading of older
// raw days is part of what is measured.
//
// The action judges once per run, in a fresh process: that first call, which also pays for
// compiling the code, is the figure that counts. Each of PROCESSES fresh processes builds the
// branch, collects the garbage building it left (an action run has little of that before it
// judges), and times its first call, then a few warm ones. Wall time is the figure against the
// target; CPU time is shown beside it, of the main thread and of all threads (the second also
// counts the compiler and garbage-collector threads that run beside the main one).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { historyFiles } from './history-fixture.mjs';
import { loaderOf, transpile } from './transpile.mjs';

// BENCH_ENDPOINTS=200 for the large branch of docs/BENCHMARKS.md ("Memory that scales").
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 20);
const RAW_DAYS = 30;
const ALL_DAYS = 90;
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 5);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 15);

const NOW = Date.parse('2026-11-26T12:00:03.000Z');
const IDS = Array.from({ length: ENDPOINTS }, (_, i) => `endpoint-${i + 1}`);

if (!isMainThread) await convert();
else if (process.env.BENCH_JUDGE_CHILD) await timeTheJudge();
else report();

/**
 * In a worker (its own heap and compiled code, so the judge stays cold in the process that times
 * it): builds the branch, lets one earlier run convert it to aggregates, and returns the files the
 * run being timed reads (`filesToRead`) and every path, as the store gives them.
 */
async function convert() {
  const load = loaderOf(workerData.dir);
  const { judge, filesToRead } = await load('history/judge.js');
  const { files, rawRows } = await historyFiles({ ids: IDS, now: NOW, rawDays: RAW_DAYS, allDays: ALL_DAYS, load });
  const bytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const base = { checks: [], endpoints: [], workflow: '.github/workflows/uptime.yml', configuredIds: IDS, historyDays: 30 };
  const { changes } = judge({ ...base, files, now: new Date(NOW - 3_600_000) });
  for (const [path, text] of changes) {
    if (text === null) files.delete(path);
    else files.set(path, text);
  }
  // A build from before `filesToRead` (the "before" of bench-memory.mjs) read the whole branch.
  const read = filesToRead ? filesToRead(files.keys(), new Date(NOW), 30) : new Set(files.keys());
  parentPort.postMessage({ files: [...files].filter(([path]) => read.has(path)), paths: [...files.keys()], rawRows, bytes });
}

/** In a fresh process: builds the branch, times the judge's first call and REPEAT more, prints JSON. */
async function timeTheJudge() {
  const load = transpile(['history']);
  const now = NOW;
  const ids = IDS;
  // The judge is timed once the worker has exited: its heap (the whole branch, built) is torn
  // down on other threads, which would otherwise share the two cores with the judge. An action
  // run has no such worker.
  const converted = await new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { dir: load.dir } });
    let message;
    worker.once('message', (value) => (message = value));
    worker.once('error', reject);
    worker.once('exit', () => (message ? resolve(message) : reject(new Error('the worker gave no branch'))));
  });
  const files = new Map(converted.files);
  const { rawRows } = converted;
  const { judge } = await load('history/judge.js');
  const checks = ids.map((id) => ({
    id,
    name: id,
    url: `https://example.com/${id}`,
    status: 'up',
    inMaintenance: false,
    httpStatus: 200,
    timings: { dns: 3, connect: 20, tls: 40, wait: 300, download: 17, total: 380 },
    attempts: 1,
    error: null,
    failures: [],
    checkedAt: new Date(now - 1000).toISOString(),
  }));
  const endpoints = ids.map((id) => ({
    id,
    name: id,
    url: `https://example.com/${id}`,
    target: 99.9,
    failureThreshold: 1,
    successThreshold: 1,
  }));
  const input = {
    files,
    checks,
    endpoints,
    workflow: '.github/workflows/uptime.yml',
    configuredIds: ids,
    historyDays: 30,
    now: new Date(now),
    paths: converted.paths,
  };

  // Nanoseconds the main thread has run on a CPU (Linux), or NaN elsewhere.
  const threadNs = () => {
    try {
      return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    } catch {
      return NaN;
    }
  };
  const timed = (fn) => {
    const cpu = process.cpuUsage();
    const thread = threadNs();
    const wall = performance.now();
    const result = fn();
    const wallMs = performance.now() - wall;
    const threadMs = (threadNs() - thread) / 1e6;
    const used = process.cpuUsage(cpu);
    return { result, wall: wallMs, thread: threadMs, cpu: (used.user + used.system) / 1000 };
  };

  globalThis.gc?.();
  const first = timed(() => judge(input));
  const repeated = Array.from({ length: REPEAT }, () => {
    const { wall, thread } = timed(() => judge(input));
    return { wall, thread };
  });
  const one = first.result.status.endpoints[0];
  console.log(
    JSON.stringify({
      rawRows,
      bytes: converted.bytes,
      read: [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0),
      wall: first.wall,
      thread: first.thread,
      cpu: first.cpu,
      repeated,
      example: { id: one.id, uptime: one.uptime, downtime: one.downtime },
    }),
  );
}

/** Starts PROCESSES fresh processes that time the judge, and prints their figures. */
function report() {
  const runs = Array.from({ length: PROCESSES }, () => {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_JUDGE_CHILD: '1' },
    });
    if (child.status !== 0) throw new Error(`bench-judge child failed:\n${child.stdout}${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').at(-1));
  });
  const sorted = (values) => [...values].sort((a, b) => a - b);
  const median = (values) => sorted(values)[Math.floor(values.length / 2)];
  const spread = (values) =>
    `median ${median(values).toFixed(1)} ms (min ${sorted(values)[0].toFixed(1)}, max ${sorted(values).at(-1).toFixed(1)})`;
  const warm = runs.flatMap((run) => run.repeated);
  const { rawRows, bytes, read, example } = runs[0];
  console.log(
    `judge over ${ENDPOINTS} endpoints, ${RAW_DAYS} raw days (${rawRows} rows, ${(bytes / 1048576).toFixed(1)} MiB) + ${ALL_DAYS - RAW_DAYS} days in daily.csv, ` +
      `of which it reads ${(read / 1048576).toFixed(1)} MiB — Node ${process.version}`,
  );
  console.log(
    `  first call, in ${PROCESSES} fresh processes: wall ${spread(runs.map((run) => run.wall))}; ` +
      `CPU of the main thread ${spread(runs.map((run) => run.thread))}; CPU of all threads ${spread(runs.map((run) => run.cpu))}`,
  );
  console.log(
    `  warm calls, ${warm.length} in all: wall ${spread(warm.map((call) => call.wall))}; ` +
      `CPU of the main thread ${spread(warm.map((call) => call.thread))}`,
  );
  console.log(`  e.g. ${example.id}: uptime ${JSON.stringify(example.uptime)}, downtime ${JSON.stringify(example.downtime)}`);
}
