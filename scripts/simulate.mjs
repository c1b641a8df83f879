// `npm run simulate`: a month in a minute. Runs the real judge (src/history) in this process
// with a simulated clock over 8,640 five-minute runs of a simulated service, and rewrites
// docs/SIMULATION.md with what it found. `--quick` simulates 7 days (for trying changes).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as prettier from 'prettier';
import { loaderOf, transpile } from './transpile.mjs';

// A worker thread simulates one month and posts back its result.
if (!isMainThread) {
  const { simulateMonth } = await loaderOf(workerData.dir)('simulate/month.js');
  const result = simulateMonth(workerData.settings);
  parentPort.postMessage({ ...result, status: undefined });
  process.exit(0);
}

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const load = transpile(['history', 'simulate', 'store', 'text']);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const quick = process.argv.includes('--quick');
const days = quick ? 7 : 30;
const start = Date.parse('2026-11-01T00:00:00.000Z');
const at = (day, time) => start + (day - 1) * DAY + Date.parse(`1970-01-01T${time}:00.000Z`);
const outages = (
  quick
    ? [
        [2, '14:03', 7],
        [4, '02:17', 40],
        [6, '09:41', 180],
      ]
    : [
        [5, '14:03', 7],
        [12, '02:17', 40],
        [21, '09:41', 180],
      ]
).map(([day, time, minutes]) => ({ start: at(day, time), end: at(day, time) + minutes * MINUTE }));

const base = {
  seed: 2026,
  days,
  start,
  historyDays: 30,
  successThreshold: 1,
  // Sleeps after 15 idle minutes, then the first request takes 25 s; 1 % of attempts fail alone.
  service: { outages, idleBeforeColdStart: 15 * MINUTE, coldStart: 25_000, blip: 0.01 },
  // GitHub starts scheduled runs 3–15 minutes late (the delay drifts with its load), about 5 % of
  // them 5–10 minutes later still, and skips about 2 %.
  schedule: { skipped: 0.02, straggler: 0.05, delay: { min: 3 * MINUTE, max: 15 * MINUTE } },
  // The action's defaults: timeout 30s, retries 2, retry-delay 5s, max-response-time 3s.
  check: { timeout: 30_000, retries: 2, retryDelay: 5_000, maxResponseTime: 3_000 },
};

// Faults of the data branch, seeded apart from the service (so the checks are the same): 5 % of
// runs overlap the run before them and have their first push refused; the branch is read-only for
// a whole day without an outage; at noon of another day a person re-saves the day's file as UTF-16.
const faults = quick
  ? { refusedPushes: 0.05, readOnlyDay: 3, utf16At: at(5, '12:00') }
  : { refusedPushes: 0.05, readOnlyDay: 8, utf16At: at(15, '12:00') };

const variants = [
  { label: 'failure-threshold 1 (default)', failureThreshold: 1, retries: 2 },
  { label: 'failure-threshold 2', failureThreshold: 2, retries: 2 },
  { label: 'failure-threshold 3', failureThreshold: 3, retries: 2 },
  { label: 'failure-threshold 1, retries 0', failureThreshold: 1, retries: 0 },
  { label: 'failure-threshold 2, retries 0', failureThreshold: 2, retries: 0 },
  { label: 'failure-threshold 3, retries 0', failureThreshold: 3, retries: 0 },
  { label: 'default settings, with faults', failureThreshold: 1, retries: 2, faults },
];

// The months are independent: simulate them side by side, one worker thread per core.
const began = Date.now();
const simulate = (settings) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { dir: load.dir, settings } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
const threads = Math.max(1, Math.min(variants.length, os.availableParallelism?.() ?? os.cpus().length));
const results = new Array(variants.length);
let next = 0;
await Promise.all(
  Array.from({ length: threads }, async () => {
    while (next < variants.length) {
      const index = next++;
      const variant = variants[index];
      const settings = {
        ...base,
        failureThreshold: variant.failureThreshold,
        check: { ...base.check, retries: variant.retries },
        ...(variant.faults ? { faults: variant.faults } : {}),
      };
      results[index] = { variant, result: await simulate(settings) };
    }
  }),
);
const seconds = ((Date.now() - began) / 1000).toFixed(1);

const minutes = (s) => (s === null ? '—' : s < 60 ? `${s} s` : `${(s / 60).toFixed(1)} min`);
const length = (o) => `${Math.round((o.end - o.start) / MINUTE)} min`;
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const main = results[0].result;
const uptimeError = main.uptime30d - main.trueUptime30d;

const lines = [];
const out = (line = '') => lines.push(line);
out('# Simulation: a month in a minute');
out();
out('`npm run simulate` runs the real judge (`src/history`) in one process with a simulated clock over');
out(
  `${main.scheduled.toLocaleString('en')} five-minute runs (${days} days) of a simulated service, keeping the data branch's files in memory`,
);
out('between runs as the store does (one commit per run, squashed to one when over 288 commits or on a new UTC day).');
out();
out('The service answers in 150–550 ms; after 15 idle minutes its first request takes 25 s (a cold start:');
out('slower than `max-response-time` 3s, so degraded, within `timeout` 30s, so not down); 1 % of attempts fail on');
out('their own (the retry 5 s later is fine); it has three real outages of 7 min, 40 min and 3 h (connections');
out('refused). GitHub starts the scheduled runs 3–15 minutes late (a delay that drifts with its load), about 5 %');
out('of them 5–10 minutes later still, and skips about 2 %.');
out('Everything is seeded, so every run of the simulation tells the same story.');
out();
out(`## Default settings (failure-threshold 1, retries 2)`);
out();
out('| | measured | target |');
out('|---|---|---|');
out(`| runs (of ${main.scheduled} scheduled) | ${main.runs} | |`);
out(`| cold starts seen (degraded, not down) | ${main.coldStarts} | |`);
out(`| blips hidden by a retry | ${main.retriedBlips} | |`);
out(`| false incidents | ${main.falseIncidents} | 0 |`);
for (const c of main.caught)
  out(
    `| outage of ${length(c.outage)} (${c.runsInside} runs fell inside it) | ${c.runs === null ? 'missed' : `caught by run ${c.runs} after it began, ${minutes(c.delay)} after`} | within one run |`,
  );
out(
  `| uptime 30 d vs the truth | ${main.uptime30d}% vs ${main.trueUptime30d.toFixed(4)}% (error ${uptimeError >= 0 ? '+' : ''}${uptimeError.toFixed(4)} points) | within 0.01 |`,
);
out(`| downtime 30 d vs the truth | ${minutes(main.downtime30d)} vs ${minutes(main.trueDowntime30d)} | |`);
const lastCoverage = main.coverage.at(-1);
const coverageDiffs = main.coverage.filter((c) => c.measured !== null).map((c) => c.measured - c.truth);
const points = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
out(
  `| checks on time, last 24 h (\`monitor.coverage24h\`) vs the truth, on the last day | ${lastCoverage.measured} % vs ${lastCoverage.truth.toFixed(1)} % (difference ${points(lastCoverage.measured - lastCoverage.truth)} points) | |`,
);
out(
  `| the same, each of the ${coverageDiffs.length} days after the first: measured − truth | ${points(Math.min(...coverageDiffs))} to ${points(Math.max(...coverageDiffs))} points (mean ${points(coverageDiffs.reduce((a, b) => a + b, 0) / coverageDiffs.length)}) | |`,
);
out(
  `| runs in the last 24 h, on the last day: recorded vs started | ${lastCoverage.runs} vs ${lastCoverage.trueRuns} (${lastCoverage.trueRunsApart} more than 60 s after the one before) | the latter |`,
);
out(`| commits on the branch at the end (most at once) | ${main.commits} (${main.maxCommits}) | ≤ 289 |`);
out(`| branch size (all files) | ${kib(main.branchBytes)} in ${main.files} files | < 1 MiB |`);
out();
out('## The trade-off of failure-threshold');
out();
out('A higher threshold waits for more runs in a row before an outage counts: fewer false alarms when checks');
out('are flaky, later alarms for real outages. With the default `retries: 2`, a blip almost never survives three');
out('attempts, so threshold 1 already has no false incidents; without retries, thresholds earn their keep.');
out();
out('| settings | false incidents | 7 min outage | 40 min outage | 3 h outage | degraded events |');
out('|---|---|---|---|---|---|');
for (const { variant, result } of results.filter(({ variant }) => !variant.faults)) {
  const cells = result.caught.map((c) => (c.runs === null ? 'missed' : `${minutes(c.delay)} (run ${c.runs})`));
  out(`| ${variant.label} | ${result.falseIncidents} | ${cells.join(' | ')} | ${result.degradedEvents} |`);
}
out();
out('Delays are from the outage\'s first second to the run that made it count; "run N" is how many runs had');
out('started since it began. An outage needs at least `failure-threshold` runs inside it to count at all, so with');
out('runs every 5 minutes a threshold of 3 can miss an outage of 7 minutes by design.');
out();
out('"Checks on time" is `status.json`\'s `monitor.coverage24h` (README "Is the monitor itself running?"): the share of');
out("the last 24 h within 1.5 intervals after a run, which Vigil measures from nothing but its rows' times (the");
out('interval is their median). The truth is the same share from the times GitHub really started the runs, against');
out("the schedule's own 5 minutes: the simulator knows which runs were late and which were skipped. They differ");
out('because a row is written when its check ends (seconds after the run starts, 25 s on a cold start) and the');
out('median interval of late runs is not exactly 5 minutes. Each day is measured by its first run. A run that starts');
out('less than 60 s after another (a straggler landing on the next run) writes rows that read as the same run.');
out();
out('Uptime is counted from checks (the share of checks that were not down), so it differs from the true share');
out('of time by the runs that happen to fall inside each outage; downtime is measured from the first down check');
out('to the next check that was not down, so it is late by up to one run at each end.');
out();
const faulty = results.find(({ variant }) => variant.faults).result;
const f = faulty.faults;
const recordedError = faulty.uptime30d - f.trueUptimeRecorded30d;
const fullError = faulty.uptime30d - faulty.trueUptime30d;
const signed = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(4)}`;
out('## Under faults of the data branch');
out();
out('The same month with the default settings, and three faults of the data branch (README "What Vigil');
out(
  `promises under faults"): ${Math.round(faults.refusedPushes * 100)} % of runs overlap the run before them, so their first push is refused`,
);
out(
  'and they read and judge again; the branch is read-only for a whole day (day ' +
    faults.readOnlyDay +
    ', a day without an outage): its',
);
out(
  'runs still send their events, but cannot save their checks; and at noon of day ' +
    (quick ? 5 : 15) +
    ' a person re-saves that',
);
out('day\'s file as UTF-16 (a spreadsheet\'s "Unicode text"). The checks are the same as above: faults are seeded apart.');
out();
out('| | measured | target |');
out('|---|---|---|');
out(`| runs whose push was refused, judged again | ${f.refusedPushes} | |`);
out(`| runs on the read-only day (checks not saved) | ${f.readOnlyRuns} | |`);
out(
  `| checks on the branch at the end vs checks saved (of the ${base.historyDays} raw days kept) | ${f.checksOnBranch} vs ${f.checksSaved} | equal |`,
);
out(`| saved checks missing from the branch | ${f.missingRows} | 0 |`);
out(`| checks on the branch more than once | ${f.duplicatedRows} | 0 |`);
out(`| missed alerts (an outage's start or end not sent) | ${f.missedAlerts} | 0 |`);
out(`| duplicated alerts | ${f.duplicatedAlerts} | 0 |`);
out(`| false incidents | ${faulty.falseIncidents} | 0 |`);
out(
  `| uptime 30 d vs the truth over the time the branch could record | ${faulty.uptime30d}% vs ${f.trueUptimeRecorded30d.toFixed(4)}% (error ${signed(recordedError)} points) | within 0.01 |`,
);
out(
  `| uptime 30 d vs the truth over the whole month | ${faulty.uptime30d}% vs ${faulty.trueUptime30d.toFixed(4)}% (error ${signed(fullError)} points) | |`,
);
out(
  `| what the store warned about | ${f.warnings.length === 0 ? 'nothing' : f.warnings.map((w) => w.replaceAll('|', '\\|')).join('; ')} | the re-saved file |`,
);
out();
out("The UTF-16 file is read through the store's decoder: its rows count, the next run writes the file again in");
out('UTF-8 with them, and its bytes are kept under `unreadable/`. A read-only day costs its checks (nothing can');
out(
  'save them), so uptime stays within 0.01 points of the truth over the time the branch could record, and is off by that day over the whole',
);
out('month. On a read-only day with an outage, its alerts are sent at least once rather than exactly once: each run');
out('judges from the last saved state, so each may send the same start of the outage again.');
out();
out('Not simulated here: maintenance windows, notifications and the summary; the checks themselves are modelled,');
out('not sent. Overlapping runs against a real git server are tested in `__tests__/unit/store/faults.test.ts`.');
out();
const judgeRuns = results.reduce((sum, { result }) => sum + result.runs, 0);
const judgeMs = results.reduce((sum, { result }) => sum + result.judgeMs, 0);
out(
  `${variants.length} months simulated in ${seconds} s on ${threads} thread(s) (the judge: ${(judgeMs / judgeRuns).toFixed(2)} ms a run on average, Node ${process.version}).`,
);

const target = path.join(root, 'docs', 'SIMULATION.md');
// Formatted as the repository formats Markdown, so `npm run format:check` stays clean.
const text = await prettier.format(lines.join('\n') + '\n', { ...(await prettier.resolveConfig(target)), filepath: target });
process.stdout.write(text);
if (!quick) writeFileSync(target, text);
