/**
 * "A month in a minute": the real judge, run by run, over a month of scheduled runs against the
 * simulated service, with the branch's files kept in memory between runs as the store keeps
 * them. Measures what a user would judge Vigil by: false incidents, outages caught and how
 * quickly, the figures against the truth, and the size of the data branch.
 */
import { judge } from '../history/judge.js';
import { readPoints } from '../history/rows.js';
import type { BranchFiles, CheckedEndpoint, JudgeInput, StatusFile, VigilEvent } from '../history/types.js';
import { decodeFile, filesToKeep } from '../store/files.js';
import { trueCoverage } from './coverage.js';
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
  /** Faults of the data branch over the month (none when left out). */
  faults?: MonthFaults;
}

/**
 * What goes wrong with the data branch (README "What Vigil promises under faults"), seeded apart
 * from the service so a month with faults has the same checks as one without.
 */
export interface MonthFaults {
  /** The share of runs that overlap the run before them: they read the branch before its push
   * landed, their own push is refused, and they read and judge again (as the store does). */
  refusedPushes: number;
  /** A UTC day (1 = the first) on which the branch can be read but not written: each run's
   * events are still sent, its checks are not saved. */
  readOnlyDay: number | null;
  /** When a person re-saves the day's file as UTF-16 (a spreadsheet's "Unicode text"). */
  utf16At: number | null;
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
  faults: FaultResult;
  /** At the first run of each UTC day after the first: status.json's `monitor.coverage24h`
   * (measured from the rows) and the coverage of the runs' true starts over the same 24 h. */
  coverage: CoverageSample[];
}

export interface CoverageSample {
  /** The end of the 24 h measured (the later of the run's clock and its check). */
  at: number;
  measured: number | null;
  truth: number;
  /** Runs in those 24 h: recorded (status.json's `runs24h`), truly started, and truly started
   * more than 60 s after the one before (closer ones write rows that read as one run). */
  runs: number;
  trueRuns: number;
  trueRunsApart: number;
}

export interface FaultResult {
  /** Runs whose first push was refused, and judged again. */
  refusedPushes: number;
  /** Runs on the read-only day (their checks could not be saved). */
  readOnlyRuns: number;
  /** Checks the branch should hold (every run's of the days it keeps, but the read-only day's), the
   * checks it holds, and those it should hold but does not. */
  checksSaved: number;
  checksOnBranch: number;
  missingRows: number;
  /** Rows on the branch that are there more than once. */
  duplicatedRows: number;
  /** A down or recovered alert an outage did not get, and alerts sent more than once. */
  missedAlerts: number;
  duplicatedAlerts: number;
  /** Uptime against the truth over the time the branch could record (the read-only day left out). */
  trueUptimeRecorded30d: number;
  /** What the store warned about (a file it could not read, kept under unreadable/). */
  warnings: string[];
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

  const faults = settings.faults;
  const faultRandom = seeded(settings.seed + 2);
  const readOnly = faults?.readOnlyDay
    ? { start: settings.start + (faults.readOnlyDay - 1) * DAY, end: settings.start + faults.readOnlyDay * DAY }
    : null;
  /** Files a person re-saved in another encoding, as bytes: read through the store's decoder. */
  const resaved = new Map<string, Uint8Array>();
  /** Bytes the store kept under unreadable/. */
  const kept = new Map<string, Uint8Array>();
  const warnings: string[] = [];
  let utf16Pending = faults?.utf16At ?? null;
  let before: BranchFiles | null = null;
  let refusedPushes = 0;
  let readOnlyRuns = 0;
  /** When each saved check was made. */
  const saved: number[] = [];
  const sent: VigilEvent[] = [];
  const coverage: CoverageSample[] = [];
  let lastSampledDay = -1;

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
    const judgeFiles = (read: BranchFiles) => {
      const began = performance.now();
      const judgement = judge({
        files: read,
        checks: [check],
        endpoints: [endpoint],
        workflow: WORKFLOW,
        configuredIds: [ID],
        historyDays: settings.historyDays,
        now: new Date(now),
        readCache,
      });
      judgeMs += performance.now() - began;
      return judgement;
    };

    if (utf16Pending !== null && start >= utf16Pending) {
      // A person opens today's file in a spreadsheet and saves it as "Unicode text".
      const path = `history/${new Date(start).toISOString().slice(0, 10)}.csv`;
      const text = files.get(path);
      if (text !== undefined) {
        resaved.set(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replaceAll('\n', '\r\n'), 'utf16le')]));
        files.delete(path);
        utf16Pending = null;
      }
    }
    // What the store shows the change function: re-saved files through its decoder.
    const unreadable = new Map<string, string>();
    const read = (): BranchFiles => {
      if (resaved.size === 0) return files;
      const shown = new Map(files);
      for (const [path, bytes] of resaved) {
        const decoded = decodeFile(bytes, path);
        if (decoded.text !== null) shown.set(path, decoded.text);
        if (decoded.why !== null) unreadable.set(path, decoded.why);
      }
      return shown;
    };

    if (faults && before !== null && faultRandom() < faults.refusedPushes) {
      // This run read the branch before the previous run's push landed: its own push is refused,
      // and what it judged then is never acted on; it reads again below.
      judgeFiles(before);
      refusedPushes++;
    }
    const shown = read();
    const judgement = judgeFiles(shown);
    status = judgement.status;
    const day = Math.floor(start / DAY);
    if (day !== lastSampledDay && start - settings.start >= DAY) {
      lastSampledDay = day;
      const monitor = judgement.status.monitor!;
      const end = Math.max(now, Date.parse(monitor.lastRun ?? '') || now);
      coverage.push({
        at: end,
        measured: monitor.coverage24h,
        truth: trueCoverage(starts, end),
        runs: monitor.runs24h,
        trueRuns: starts.filter((at) => at > end - DAY && at <= end).length,
        trueRunsApart: starts.filter((at, n) => at > end - DAY && at <= end && !(at - starts[n - 1] <= 60_000)).length,
      });
    }
    sent.push(...judgement.events);
    if (readOnly && start >= readOnly.start && start < readOnly.end) {
      // The push is refused for want of permission: the events are still sent (they do not
      // depend on saving), the checks are lost.
      readOnlyRuns++;
    } else {
      saved.push(result.at);
      before = new Map(files);
      const taken = (path: string) => files.has(path) || kept.has(path) || resaved.has(path);
      for (const keep of filesToKeep(unreadable, shown, judgement.changes, taken)) {
        kept.set(keep.keptAs, resaved.get(keep.file)!);
        resaved.delete(keep.file);
        warnings.push(keep.warning);
      }
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
    }

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
  for (const bytes of [...kept.values(), ...resaved.values()]) branchBytes += bytes.length;

  // Every check saved once: the rows of the day files, each check by its time.
  const times = new Map<number, number>();
  for (const [path, text] of files) {
    if (!/^history\/\d{4}-\d{2}-\d{2}\.csv$/.test(path)) continue;
    for (const point of readPoints(text)) times.set(point.at, (times.get(point.at) ?? 0) + 1);
  }
  let checksOnBranch = 0;
  let duplicatedRows = 0;
  for (const count of times.values()) {
    checksOnBranch += count;
    duplicatedRows += count - 1;
  }
  // Saved checks of the days still kept (older raw days are removed after `historyDays`).
  const checksSaved = saved.filter((at) => files.has(`history/${new Date(at).toISOString().slice(0, 10)}.csv`)).length;
  const missingRows = saved.filter(
    (at) => files.has(`history/${new Date(at).toISOString().slice(0, 10)}.csv`) && !times.has(at),
  ).length;
  // Every outage alerted once when it began and once when it ended; nothing sent twice.
  const outageOf = (at: number) =>
    settings.service.outages.findIndex((outage, n, all) => at >= outage.start && at < (all[n + 1]?.start ?? Infinity));
  const downs = settings.service.outages.map(() => 0);
  const recoveries = settings.service.outages.map(() => 0);
  const keys = new Set<string>();
  let duplicatedAlerts = 0;
  for (const event of sent) {
    if (keys.has(event.key)) duplicatedAlerts++;
    keys.add(event.key);
    const index = outageOf(Date.parse(event.kind === 'down' ? (event.since ?? event.at) : event.at));
    if (index === -1) continue;
    if (event.kind === 'down') downs[index]++;
    if (event.kind === 'recovered') recoveries[index]++;
  }
  let missedAlerts = 0;
  settings.service.outages.forEach((outage, n) => {
    if (outage.end > now) return; // still going at the end: no recovery to send yet
    missedAlerts += (downs[n] === 0 ? 1 : 0) + (recoveries[n] === 0 ? 1 : 0);
    duplicatedAlerts += Math.max(0, downs[n] - 1) + Math.max(0, recoveries[n] - 1);
  });
  let recordedMs = now - windowStart;
  let recordedDownMs = trueDownMs;
  if (readOnly) {
    const gone = Math.max(0, Math.min(readOnly.end, now) - Math.max(readOnly.start, windowStart));
    recordedMs -= gone;
    for (const { start, end } of settings.service.outages)
      recordedDownMs -= Math.max(0, Math.min(end, readOnly.end, now) - Math.max(start, readOnly.start, windowStart));
  }

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
    coverage,
    faults: {
      refusedPushes,
      readOnlyRuns,
      checksSaved,
      checksOnBranch,
      missingRows,
      duplicatedRows,
      missedAlerts,
      duplicatedAlerts,
      trueUptimeRecorded30d: 100 * (1 - recordedDownMs / recordedMs),
      warnings,
    },
  };
}
