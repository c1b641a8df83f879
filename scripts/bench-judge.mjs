// `node scripts/bench-judge.mjs`: times the judge on a branch of 90 days of 20 endpoints checked
// every 5 minutes (30 raw days ≈ 172,800 rows, 60 older days only in daily.csv), the size it
// must stay quick at, and prints the median of several runs. A few endpoints have outages, some
// on old days, so the lazy reading of older raw days is part of what is measured.
import { historyFiles } from './history-fixture.mjs';
import { transpile } from './transpile.mjs';

const load = transpile(['history']);
const { judge } = await load('history/judge.js');

const ENDPOINTS = 20;
const RAW_DAYS = 30;
const ALL_DAYS = 90;
const now = Date.parse('2026-11-26T12:00:03.000Z');
const ids = Array.from({ length: ENDPOINTS }, (_, i) => `endpoint-${i + 1}`);
const { files, rawRows } = await historyFiles({ ids, now, rawDays: RAW_DAYS, allDays: ALL_DAYS, load });

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
};

// CPU time of this process (not wall time), so other work on a shared machine does not count.
// The first call also pays for warming up the JIT, as the action's single call does.
const cpuMs = (fn) => {
  const start = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(start);
  return [result, (used.user + used.system) / 1000];
};
let [judgement, cold] = cpuMs(() => judge(input));
const times = [];
for (let i = 0; i < Number(process.env.BENCH_REPEAT ?? 15); i++) {
  const [result, ms] = cpuMs(() => judge(input));
  judgement = result;
  times.push(ms);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const bytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
console.log(
  `judge over ${ENDPOINTS} endpoints, ${RAW_DAYS} raw days (${rawRows} rows, ${(bytes / 1048576).toFixed(1)} MiB) + ${ALL_DAYS - RAW_DAYS} days in daily.csv`,
);
console.log(
  `  CPU time: first call ${cold.toFixed(1)} ms, then median ${median.toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times.at(-1).toFixed(1)}) — Node ${process.version}`,
);
const one = judgement.status.endpoints[0];
console.log(`  e.g. ${one.id}: uptime ${JSON.stringify(one.uptime)}, downtime ${JSON.stringify(one.downtime)}`);
