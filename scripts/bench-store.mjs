// `npm run bench:store`: what the data branch costs a run. A real git server (git http-backend on
// loopback, as in the tests) holds a branch with 30 days × 20 endpoints × 288 checks a day of raw
// history; one run's update (fetch, read every file, add 20 rows, write, push) is timed against
// the same update on a branch with no history, and the bytes each push sends are counted.
// CI does not run this.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DAYS = 30;
const ENDPOINTS = 20;
const PER_DAY = 288;

// The store and the test's git server are TypeScript: compile just them, inside the package so
// Node reads the output as ES modules.
const out = path.join(root, 'node_modules', '.cache', 'vigil-bench-store');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    ...['--outDir', out, '--rootDir', root, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022'],
    ...['--skipLibCheck', '--types', 'node', '--noEmit', 'false'],
    path.join(root, 'src', 'store', 'index.ts'),
    path.join(root, '__tests__', 'support', 'git-server.ts'),
  ],
  { stdio: 'inherit' },
);
const { gitStore } = await import(pathToFileURL(path.join(out, 'src', 'store', 'index.js')).href);

// The git server runs in a process of its own, so that the CPU time counted below is the run's
// alone (this process and the git commands it starts), as on a runner pushing to GitHub.
const serverModule = pathToFileURL(path.join(out, '__tests__', 'support', 'git-server.js')).href;
const serverProcess = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `const { startGitServer } = await import(${JSON.stringify(serverModule)});
     const http = await import('node:http');
     const server = await startGitServer(${JSON.stringify('bench-token')});
     const control = http.createServer((req, res) => {
       const url = new URL(req.url, 'http://local');
       if (url.pathname === '/create') server.createRepo(url.searchParams.get('repo'));
       res.end(JSON.stringify({ pushBytes: server.pushBytes, fetchBytes: server.fetchBytes }));
     });
     control.listen(0, '127.0.0.1', () =>
       console.log(JSON.stringify({ url: server.url, control: 'http://127.0.0.1:' + control.address().port })));`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const server = await new Promise((resolve, reject) => {
  serverProcess.stdout.once('data', (line) => resolve(JSON.parse(String(line))));
  serverProcess.once('exit', (code) => reject(new Error(`the git server stopped (${code})`)));
});
const stats = async (route = '/stats') => (await globalThis.fetch(server.control + route)).json();

/** CPU time (ms) of this process and of the child processes it has waited for (the git commands). */
function cpuMs() {
  const own = process.cpuUsage();
  let children = 0;
  if (existsSync('/proc/self/stat')) {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    children = (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in ticks of 10 ms
  }
  return (own.user + own.system) / 1000 + children;
}

const TOKEN = 'bench-token'; // the server above is started with the same
const HEADER = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';
const ids = Array.from({ length: ENDPOINTS }, (_, n) => `endpoint-${String(n + 1).padStart(2, '0')}`);
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const int = (low, high) => low + Math.floor(random() * (high - low));

function rowsAt(time) {
  return ids
    .map((id) => {
      const down = random() < 0.003;
      const [dns, connect, tls, download] = [int(0, 6), int(8, 40), int(15, 60), int(1, 30)];
      const wait = int(80, 900);
      const total = dns + connect + tls + wait + download;
      return down
        ? `${time},${id},down,,${int(1, 30)},${dns},0,0,0,0,3,connection refused\n`
        : `${time},${id},up,200,${total},${dns},${connect},${tls},${wait},${download},1,\n`;
    })
    .join('');
}

function day(date) {
  let text = HEADER;
  for (let slot = 0; slot < PER_DAY; slot++)
    text += rowsAt(new Date(Date.parse(`${date}T00:00:03Z`) + slot * 300_000).toISOString());
  return text;
}

const today = '2026-11-26';
const dates = Array.from({ length: DAYS }, (_, n) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - (DAYS - 1 - n) * 86_400_000).toISOString().slice(0, 10),
);

/** The files a branch with this many days of raw checks holds (plus what every branch has). */
function branch(days) {
  const files = new Map();
  for (const date of dates.slice(DAYS - days)) files.set(`history/${date}.csv`, day(date));
  let daily = 'date,id,checks,up,degraded,down,maintenance,p50,p95,p99\n';
  for (const date of dates)
    for (const id of ids) daily += `${date},${id},288,287,0,1,0,${int(300, 400)},${int(800, 900)},${int(1200, 1500)}\n`;
  files.set('daily.csv', daily);
  files.set(
    'state.json',
    JSON.stringify({ version: 1, endpoints: Object.fromEntries(ids.map((id) => [id, { id, counted: 'up' }])) }, null, 2),
  );
  for (const id of ids) {
    for (const badge of ['status', 'uptime-24h', 'uptime-7d', 'uptime-30d', 'response-time']) {
      files.set(
        `badges/${id}/${badge}.json`,
        JSON.stringify({ schemaVersion: 1, label: badge, message: `${int(95, 100)}%`, color: 'green' }),
      );
      files.set(
        `badges/${id}/${badge}.svg`,
        `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20"><text>${badge} ${int(95, 100)}%</text></svg>\n`,
      );
    }
  }
  files.set('index.html', `<!doctype html><title>Status</title>${'<div class="bar"></div>'.repeat(ENDPOINTS * 90)}\n`);
  return files;
}

/** One run's change: its 20 rows on today's file, and the files every run rewrites. */
function oneRun(minute) {
  const time = `${today}T10:${String(minute).padStart(2, '0')}:03.000Z`;
  return (files) =>
    new Map([
      [`history/${today}.csv`, (files.get(`history/${today}.csv`) ?? HEADER) + rowsAt(time)],
      ['status.json', JSON.stringify({ version: 1, updatedAt: time, endpoints: ids.map((id) => ({ id, p50: int(300, 400) })) })],
      ['state.json', JSON.stringify({ version: 1, at: time })],
      ...ids.map((id) => [
        `badges/${id}/response-time.json`,
        JSON.stringify({ schemaVersion: 1, message: `${int(300, 400)} ms` }),
      ]),
    ]);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

try {
  // Both branches are measured turn about, so a busy moment of the machine falls on both alike.
  const cases = [];
  for (const [label, days] of [
    ['no raw history', 0],
    [`${DAYS} days × ${ENDPOINTS} endpoints`, DAYS],
  ]) {
    const repository = `bench/${days}`;
    await stats(`/create?repo=${encodeURIComponent(repository)}`);
    const kase = { label, now: new Date(`${today}T10:00:00Z`), times: [], cpu: [], pushed: [], fetched: [] };
    kase.store = gitStore({
      serverUrl: server.url,
      repository,
      token: TOKEN,
      branch: 'vigil-data',
      env: process.env,
      now: () => kase.now,
    });
    const files = branch(days);
    kase.bytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    await kase.store.update(() => files);
    cases.push(kase);
  }
  /** Runs one update of `kase` and notes its time and bytes. */
  async function measure(kase, change, into) {
    const fetchesBefore = (await stats()).fetchBytes.length;
    const [started, cpuBefore] = [performance.now(), cpuMs()];
    const result = await kase.store.update(change, { summary: `${ENDPOINTS} checks` });
    into.times.push(performance.now() - started);
    into.cpu.push(cpuMs() - cpuBefore);
    const after = await stats();
    into.pushed.push(after.pushBytes.at(-1));
    into.fetched.push(after.fetchBytes.slice(fetchesBefore).reduce((sum, n) => sum + n, 0));
    return result;
  }
  for (let run = 1; run <= RUNS; run++) {
    for (const kase of cases) {
      kase.now = new Date(`${today}T10:${String(run).padStart(2, '0')}:00Z`);
      await measure(kase, oneRun(run), kase);
    }
  }
  for (const kase of cases) {
    kase.now = new Date('2026-11-27T00:00:30Z');
    kase.squash = { times: [], cpu: [], pushed: [], fetched: [] };
    if (!(await measure(kase, oneRun(0), kase.squash)).squashed) throw new Error('the new day did not squash');
  }
  console.log(
    `git ${execFileSync('git', ['version'], { encoding: 'utf8' }).trim().replace('git version ', '')}, Node ${process.version}, median of ${RUNS} runs\n`,
  );
  console.log('| branch | files | one run: time | CPU | pushed | fetched | new-day squash: time | CPU | pushed |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const ms = (value) => `${value.toFixed(0)} ms`;
  for (const kase of cases) {
    const { squash } = kase;
    console.log(
      `| ${kase.label} | ${(kase.bytes / 1024 / 1024).toFixed(1)} MiB | ${ms(median(kase.times))} | ${ms(median(kase.cpu))} | ` +
        `${kib(median(kase.pushed))} | ${kib(median(kase.fetched))} | ${ms(squash.times[0])} | ${ms(squash.cpu[0])} | ${kib(squash.pushed[0])} |`,
    );
  }
  const extra = (key) => median(cases[1][key].map((value, n) => value - cases[0][key][n]));
  console.log(
    `\nwhat ${DAYS} days of history add to a run (median of the ${RUNS} pairs): ${ms(extra('times'))} of time, ${ms(extra('cpu'))} of CPU`,
  );
} finally {
  serverProcess.kill();
  rmSync(out, { recursive: true, force: true });
}
