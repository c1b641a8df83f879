// `npm run bench`: measures the built action as a whole process, the way a runner starts it,
// against loopback services with known delays, and rewrites docs/BENCHMARKS.md with the figures.
// Every figure is a ratio or a difference of two things measured side by side in one run, so it
// means the same on a slow machine as on a fast one. CI does not run this.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const action = path.join(root, 'dist', 'index.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const quick = process.argv.includes('--quick');
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
function env(inputs, outputFile) {
  const summary = path.join(work, 'summary.md');
  writeFileSync(summary, '');
  writeFileSync(outputFile, '');
  const variables = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: work,
    INPUT_RETRIES: '0',
    INPUT_SUMMARY: 'true',
  };
  for (const [name, value] of Object.entries(inputs)) variables[`INPUT_${name.toUpperCase()}`] = value;
  return variables;
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

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
};
const median = (values) => stats(values).median;
const endpointsYaml = (urls) => urls.map((url) => `- ${url}`).join('\n');

// ---------------------------------------------------------------- the figures
function versionOf(node) {
  return spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

async function main() {
  const tls = certificate();
  const plain = http.createServer(handler);
  const secure = https.createServer(tls, handler);
  const port = await listen(plain);
  const securePort = await listen(secure);
  const primary = await measure({ port, securePort });
  const others = [];
  for (const node of ALSO) {
    NODE = node;
    others.push(await measure({ port, securePort }));
  }
  plain.close();
  secure.close();
  plain.closeAllConnections?.();
  secure.closeAllConnections?.();
  if (!quick) writeFileSync(path.join(root, 'docs', 'BENCHMARKS.md'), document(primary, others));
  console.log(quick ? JSON.stringify([primary, ...others], null, 2) : 'docs/BENCHMARKS.md rewritten');
}

async function measure({ port, securePort }) {
  const base = `http://127.0.0.1:${port}`;
  const results = { node: versionOf(NODE) };
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
  return lines;
}

function document(r, others) {
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
    '- **Memory**: bodies are read to the end but only the first 1 MiB is kept. What a large body',
    '  adds over the baseline is not the body: it is the 64 KiB read buffers Node.js allocates for',
    '  every socket read, freed by the garbage collector in batches (a bare `http.get` that drains',
    '  1 GiB and keeps nothing peaks about 50 MiB above an empty `node -e 0` on the same machine).',
    '  It levels off rather than growing with the body, as the 1 GiB row shows.',
    `- **Phases**: the phases are contiguous, so they add up to the total. ${r.phases.samples} endpoint results checked.`,
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
    '- **Large bodies on Node 24.** Node 24 frees the 64 KiB buffers of socket reads later than',
    '  Node 20: a bare `http.get` that drains 1 GiB and keeps nothing peaks well above 128 MiB on',
    '  Node 24 on the same machine, so the figure there is Node.js, not Vigil, which keeps 1 MiB. It',
    '  grows far more slowly than the body does (compare the 1 GiB row).',
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench            # builds dist/, measures, rewrites this file',
    'BENCH_RUNS=9 npm run bench',
    '```',
    '',
    'The benchmark needs `openssl` (for the https certificate) and, for the exactness figure, `curl`.',
    'It only talks to services it starts on 127.0.0.1.',
    '',
  );
  return lines.join('\n');
}

await main();
process.exit(0);
