/**
 * "A month in a minute": the real judge, run by run, over a month of scheduled runs against the
 * simulated service, with the branch's files kept in memory between runs as the store keeps
 * them. Measures what a user would judge Vigil by: false incidents, outages caught and how
 * quickly, the figures against the truth, and the size of the data branch.
 */
import { judge } from '../history/judge.js';
import type { BranchFiles, CheckedEndpoint, JudgeInput, StatusFile } from '../history/types.js';
import {
  DAY,
  MINUTE,
  Service,
  scheduledRuns,
  seeded,
  type CheckSettings,
  type Schedule,
  type ServiceModel,
  type TrueOutage,
} from './model.js';

export interface MonthSettings {
  seed: number;
  days: number;
  start: number;
  service: ServiceModel;
  schedule: Schedule;
  check: CheckSettings;
  failureThreshold: number;
  successThreshold: number;
  historyDays: number;
}

export interface CaughtOutage {
  outage: TrueOutage;
  /** Runs whose check fell inside the outage. */
  runsInside: number;
  /** Runs that started after the outage began, up to the one that made it count (null: missed). */
  runs: number | null;
  /** From the outage's start to the run that made it count, in seconds. */
  delay: number | null;
}

export interface MonthResult {
  runs: number;
  scheduled: number;
  coldStarts: number;
  retriedBlips: number;
  falseIncidents: number;
  degradedEvents: number;
  caught: CaughtOutage[];
  uptime30d: number | null;
  trueUptime30d: number;
  downtime30d: number;
  trueDowntime30d: number;
  commits: number;
  maxCommits: number;
  squashes: number;
  branchBytes: number;
  files: number;
  status: StatusFile;
  judgeMs: number;
}

const ID = 'api';
const WORKFLOW = '.github/workflows/uptime.yml';

export function simulateMonth(settings: MonthSettings): MonthResult {
  const random = seeded(settings.seed);
  const service = new Service(settings.service, random);
  const slots = (settings.days * DAY) / (5 * MINUTE);
  const starts = scheduledRuns(settings.start, slots, settings.schedule, seeded(settings.seed + 1));
  const endpoint = {
    id: ID,
    name: 'API',
    url: 'https://api.example.com/health',
    target: 99.5,
    failureThreshold: settings.failureThreshold,
    successThreshold: settings.successThreshold,
  };

  const files: BranchFiles = new Map();
  const readCache: JudgeInput['readCache'] = new Map();
  let commits = 0;
  let maxCommits = 0;
  let squashes = 0;
  let lastCommitDay = '';
  let coldStarts = 0;
  let retriedBlips = 0;
  let falseIncidents = 0;
  let degradedEvents = 0;
  let judgeMs = 0;
  const caught = settings.service.outages.map((outage): CaughtOutage => ({ outage, runsInside: 0, runs: null, delay: null }));
  const runsSince = (at: number) => starts.filter((start) => start >= at);
  let status: StatusFile | undefined;
  let now = settings.start;

  for (const start of starts) {
    const result = service.check(start, settings.check);
    if (result.total >= settings.service.coldStart) coldStarts++;
    for (const entry of caught) if (start >= entry.outage.start && start < entry.outage.end) entry.runsInside++;
    if (result.attempts > 1 && result.status !== 'down') retriedBlips++;
    now = result.at + 200;
    const check: CheckedEndpoint = {
      id: ID,
      name: endpoint.name,
      url: endpoint.url,
      status: result.status,
      inMaintenance: false,
      httpStatus: result.status === 'down' ? null : 200,
      timings: { dns: 2, connect: 20, tls: 30, wait: Math.max(0, result.total - 60), download: 8, total: result.total },
      attempts: result.attempts,
      error: result.error,
      failures: [],
      checkedAt: new Date(result.at).toISOString(),
    };
    const began = performance.now();
    const judgement = judge({
      files,
      checks: [check],
      endpoints: [endpoint],
      workflow: WORKFLOW,
      configuredIds: [ID],
      historyDays: settings.historyDays,
      now: new Date(now),
      readCache,
    });
    judgeMs += performance.now() - began;
    status = judgement.status;
    for (const [path, text] of judgement.changes) {
      if (text === null) files.delete(path);
      else files.set(path, text);
    }
    // The store's rule: one commit per run; squash to one when over 288 or on a new UTC day.
    const day = new Date(now).toISOString().slice(0, 10);
    commits++;
    if (commits > 288 || (lastCommitDay !== '' && day !== lastCommitDay)) {
      commits = 1;
      squashes++;
    }
    lastCommitDay = day;
    maxCommits = Math.max(maxCommits, commits);

    for (const event of judgement.events) {
      if (event.kind === 'degraded') degradedEvents++;
      if (event.kind !== 'down') continue;
      const since = Date.parse(event.since ?? event.at);
      const index = caught.findIndex(({ outage }) => since >= outage.start && since < outage.end);
      if (index === -1) {
        falseIncidents++;
        continue;
      }
      const entry = caught[index];
      if (entry.runs !== null) continue;
      entry.runs = runsSince(entry.outage.start).filter((runStart) => runStart <= start).length;
      entry.delay = Math.round((Date.parse(event.at) - entry.outage.start) / 1000);
    }
  }

  // The truth over the judge's own 30-day window: the last 30 UTC days, today included.
  const windowStart = Math.max(settings.start, now - (now % DAY) - 29 * DAY);
  let trueDownMs = 0;
  for (const { start, end } of settings.service.outages)
    trueDownMs += Math.max(0, Math.min(end, now) - Math.max(start, windowStart));
  const figures = status!.endpoints[0];
  let branchBytes = 0;
  for (const text of files.values()) branchBytes += Buffer.byteLength(text);

  return {
    runs: starts.length,
    scheduled: slots,
    coldStarts,
    retriedBlips,
    falseIncidents,
    degradedEvents,
    caught,
    uptime30d: figures.uptime['30d'],
    trueUptime30d: 100 * (1 - trueDownMs / (now - windowStart)),
    downtime30d: figures.downtime['30d'],
    trueDowntime30d: Math.round(trueDownMs / 1000),
    commits,
    maxCommits,
    squashes,
    branchBytes,
    files: files.size,
    status: status!,
    judgeMs,
  };
}
