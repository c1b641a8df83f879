// `npm run bench:kinds`: check kinds at scale, through the same pool and probers a run uses.
// - 1,000 ws:// endpoints at concurrency 50 against a loopback server that answers each opening
//   handshake after 100 ms: the floor is ceil(n / 50) × 100 ms; the target is within 1.2× of it.
// - 1,000 tcp:// endpoints at concurrency 50 against a loopback listener: under 1 s.
// - 1,000 http:// endpoints the same ways (answered after 100 ms, and at once), for comparison
//   with the kind every run already has: what the pool itself costs on this machine.
// The endpoints are loaded from YAML as the action loads them (loadConfig) and checked with
// checkAll; the time is that of checkAll alone (wall, and this process's CPU), min / median / max
// of BENCH_RUNS runs (default 5). The servers run in a process of their own (`--serve`), as real
// services do: in this one they would compete with the checks for the event loop.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COUNT = 1000;
const CONCURRENCY = 50;
const DELAY_MS = 100;

const listen = (server) =>
  new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => resolve(server.address().port)));

/** The loopback services; prints their ports as JSON and runs until stdin ends. */
async function serve() {
  const wsHttp = http.createServer((_, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ noServer: true });
  wsHttp.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined);
    setTimeout(() => wss.handleUpgrade(req, socket, head, (client) => client.on('error', () => undefined)), DELAY_MS);
  });
  // `/slow/…` answers after DELAY_MS, as the WebSocket server does its upgrade.
  const httpServer = http.createServer((req, res) => {
    if (req.url?.startsWith('/slow/')) setTimeout(() => res.end('ok'), DELAY_MS);
    else res.end('ok');
  });
  const tcpServer = net.createServer((socket) => socket.on('error', () => undefined).end());
  const ports = { ws: await listen(wsHttp), http: await listen(httpServer), tcp: await listen(tcpServer) };
  process.stdout.write(`${JSON.stringify(ports)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

async function main() {
  // A bundle of the check pool and the config loader, kept until the end: the kinds' modules are
  // chunks of it, loaded when first used, so the folder must outlive the import.
  const work = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-kinds-'));
  const entry = path.join(root, 'src', 'bench-kinds-entry.ts');
  writeFileSync(entry, "export { checkAll } from './check/run.js';\nexport { loadConfig } from './config/inputs.js';\n");
  try {
    const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
    execFileSync(process.execPath, [ncc, 'build', entry, '-o', work, '--quiet'], { cwd: root, stdio: 'inherit' });
  } finally {
    rmSync(entry);
  }
  const { checkAll, loadConfig } = await import(pathToFileURL(path.join(work, 'index.js')).href);

  const server = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  const { value: line } = await lines.next();
  const ports = JSON.parse(line);

  const endpoints = (urlOf) => {
    const yaml = Array.from({ length: COUNT }, (_, i) => `- ${urlOf(i)}`).join('\n');
    const inputs = { endpoints: yaml, retries: '0', concurrency: String(CONCURRENCY), timeout: '10s' };
    return loadConfig((name) => inputs[name] ?? '', { env: {}, workspace: work }).endpoints;
  };
  const pick = (sorted) => ({ min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) });
  const measure = async (name, list) => {
    const wall = [];
    const cpu = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const before = process.cpuUsage();
      const report = await checkAll(list, { concurrency: CONCURRENCY });
      wall.push(performance.now() - started);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
      if (report.counts.up !== COUNT) {
        const failed = report.endpoints.find((endpoint) => endpoint.status !== 'up');
        throw new Error(`${name}: ${report.counts.up} of ${COUNT} up (${failed?.error ?? failed?.failures.join('; ')})`);
      }
    }
    return { ...pick(wall.sort((a, b) => a - b)), cpu: pick(cpu.sort((a, b) => a - b)).median };
  };
  const ms = (value) => `${value.toFixed(0)} ms`;
  const times = (m) => `min ${ms(m.min)}, median ${ms(m.median)}, max ${ms(m.max)}; CPU ${ms(m.cpu)} (median)`;

  console.log(
    `${RUNS} runs each, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`,
  );
  const floor = Math.ceil(COUNT / CONCURRENCY) * DELAY_MS;
  const ws = await measure(
    'ws',
    endpoints((i) => `ws://127.0.0.1:${ports.ws}/${i}`),
  );
  console.log(
    `ws://   ${COUNT} endpoints, concurrency ${CONCURRENCY}, upgrade after ${DELAY_MS} ms (floor ${floor} ms): ${times(ws)}; ` +
      `median ${(ws.median / floor).toFixed(2)}× the floor, target ≤ 1.2× ${ws.median <= floor * 1.2 ? 'met' : 'MISSED'}`,
  );
  const tcp = await measure(
    'tcp',
    endpoints((i) => `tcp://127.0.0.1:${ports.tcp}/${i}`),
  );
  console.log(
    `tcp://  ${COUNT} endpoints, concurrency ${CONCURRENCY}: ${times(tcp)}; target < 1000 ms ${tcp.median < 1000 ? 'met' : 'MISSED'}`,
  );
  const slow = await measure(
    'http',
    endpoints((i) => `http://127.0.0.1:${ports.http}/slow/${i}`),
  );
  console.log(
    `http:// ${COUNT} endpoints, concurrency ${CONCURRENCY}, answer after ${DELAY_MS} ms, for comparison: ${times(slow)}; median ${(slow.median / floor).toFixed(2)}× the floor`,
  );
  const plain = await measure(
    'http',
    endpoints((i) => `http://127.0.0.1:${ports.http}/${i}`),
  );
  console.log(`http:// ${COUNT} endpoints, concurrency ${CONCURRENCY}, for comparison: ${times(plain)}`);

  server.stdin.end();
  rmSync(work, { recursive: true, force: true });
}

if (process.argv.includes('--serve')) await serve();
else await main();
