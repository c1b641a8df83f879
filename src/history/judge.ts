/**
 * The judge: one pure function from the branch's files, this run's checks and the clock to
 * everything the sinks need — the files to write, `status.json`, `state.json`, the events and
 * what the summary and the page show. It knows nothing of git, HTTP or the file system.
 *
 * It reads only what the figures need, so a branch of 90 days stays quick to judge: the raw
 * files of the last 7 UTC days (for the 24 h and 7 d windows and their percentiles), older raw
 * days only where `daily.csv` says an endpoint was down (for the length of its outages), and
 * `daily.csv` for everything else.
 */
import { countCheck, errorOf, pendingOf, rowStatusOf } from './counting.js';
import {
  CHECK_HEADER,
  DAILY_FILE,
  STATE_FILE,
  STATUS_FILE,
  dayFilePath,
  dayOfPath,
  formatCheckRow,
  formatDaily,
  readPoints,
  readDailyRows,
  type TimedRow,
} from './rows.js';
import {
  DAY,
  HOUR,
  dailyRowOf,
  datesBack,
  outagesOf,
  percentiles,
  secondsWithin,
  sortByTime,
  startOfUtcDay,
  timed,
  uptimePercent,
  utcDate,
  type Span,
} from './stats.js';
import type {
  CheckedEndpoint,
  CountedStatus,
  DailyRow,
  DaySlot,
  EndpointFigures,
  EndpointState,
  EndpointView,
  FileChanges,
  HourSlot,
  IncidentRef,
  JudgeInput,
  Judgement,
  Outage,
  Point,
  RowStatus,
  StateFile,
  StatusFile,
  VigilEvent,
  Window,
} from './types.js';
import { readStateFile, readStatusFile } from './read-json.js';
import { monitorOf, rowTimes } from './monitor.js';
import {
  OUTAGES_FILE,
  OUTAGES_HEADER,
  addCounts,
  aggregatePath,
  dayOfAggregatePath,
  formatAggregates,
  formatOutages,
  outagePointsOf,
  percentilesOfCounts,
  addAggregates,
  readOutages,
  timeCountsOf,
  type OutageRow,
  type TimeCounts,
} from './aggregates.js';

/** How far past the run's start (and its own checks) a read row may be dated before it counts as
 * dated in the future: overlapping runs and shards stamp their checks a few minutes apart. */
const FUTURE_TOLERANCE_MS = 15 * 60_000;

const WINDOW_DAYS: Record<Exclude<Window, '24h'>, number> = { '7d': 7, '30d': 30, '90d': 90 };
const COUNTED_RANK: Record<CountedStatus, number> = { up: 0, maintenance: 1, degraded: 2, down: 3 };
const ROW_RANK: Record<RowStatus, number> = COUNTED_RANK;
const DEFAULT_SETTINGS = { target: 99, failureThreshold: 1, successThreshold: 1 };

export function judge(input: JudgeInput): Judgement {
  const now = input.now.getTime();
  const today = startOfUtcDay(now);
  const historyDays = Math.max(7, Math.floor(input.historyDays));
  const dates = datesBack(today, Math.max(90, historyDays));
  const dateOf = (daysAgo: number) => dates[daysAgo] ?? utcDate(today - daysAgo * DAY);
  const keepFrom = dateOf(historyDays - 1);
  const { files } = input;

  const readStatus = readStatusFile(files.get(STATUS_FILE));
  const readState = readStateFile(files.get(STATE_FILE));
  const warnings = [...readStatus.warnings, ...readState.warnings];
  const previousStatus = readStatus.value;
  const previousState = readState.value;
  const settingsById = new Map(input.endpoints.map((settings) => [settings.id, settings]));

  // ------------------------------------------------------------ this run's checks as rows
  const newRowsByDay = new Map<string, TimedRow[]>();
  for (const check of input.checks) {
    const row = rowOf(check);
    const date = utcDate(row.at);
    const list = newRowsByDay.get(date) ?? [];
    list.push(row);
    newRowsByDay.set(date, list);
  }

  const changes: FileChanges = new Map();
  // The branch's paths: with a store that fetches only what the judge reads (`filesToRead`),
  // more files are on the branch than were read.
  const paths = input.paths ?? files.keys();
  const rawDays = new Set<string>();
  const aggregated = new Set<string>();
  for (const path of paths) {
    const date = dayOfPath(path);
    if (date) rawDays.add(date);
    const aggregate = dayOfAggregatePath(path);
    if (aggregate) aggregated.add(aggregate);
  }
  for (const [date, rows] of newRowsByDay) {
    const path = dayFilePath(date);
    let text = files.get(path) ?? '';
    if (text.trim() === '') text = CHECK_HEADER;
    else if (!text.endsWith('\n')) text += '\n';
    for (const row of rows) text += formatCheckRow(row);
    changes.set(path, text);
    rawDays.add(date);
  }

  // ------------------------------------------------------------ which days to read
  const daily = new Map<string, Map<string, DailyRow>>();
  for (const row of readDailyRows(files.get(DAILY_FILE) ?? '')) {
    const byId = daily.get(row.date) ?? new Map<string, DailyRow>();
    byId.set(row.id, row);
    daily.set(row.date, byId);
  }
  const sortedRawDays = [...rawDays].sort();
  const expired = sortedRawDays.filter((date) => date < keepFrom);
  const yesterday = dateOf(1);
  const oldest = dateOf(89);
  // Raw days read: yesterday and today (the 24 h window and the hours), any later one, and each
  // older kept day that has no aggregates yet (converted now: a branch of an earlier Vigil, or
  // the day that has just become the day before yesterday). Older days come from their
  // aggregates (docs/history.md, "Aggregates").
  const recentDays = sortedRawDays.filter((date) => date >= yesterday || newRowsByDay.has(date));
  const converted = sortedRawDays.filter(
    (date) =>
      date < yesterday && date >= keepFrom && !aggregated.has(date) && !newRowsByDay.has(date) && files.has(dayFilePath(date)),
  );
  const outageRows = new Map<string, OutageRow>();
  for (const row of readOutages(files.get(OUTAGES_FILE) ?? '')) outageRows.set(`${row.date},${row.id}`, row);
  let outagesChanged = false;

  // Rows of the days read, by endpoint, oldest first. A row dated in the future (a clock that was
  // wrong when it was written) counts in no figure and draws no outage; it stays on the branch.
  const latestCheck = input.checks.reduce((latest, check) => Math.max(latest, Date.parse(check.checkedAt) || 0), now);
  const futureAfter = latestCheck + FUTURE_TOLERANCE_MS;
  let futureRows = 0;
  let firstFuture = Infinity;
  const rowsById = new Map<string, Point[]>();
  /** Whether an endpoint's last check of a day converted now was down (`date,id`). */
  const endedDown = new Map<string, boolean>();
  /** Whether an outage of the endpoint was open at the end of the raw day before `date`. */
  const openBefore = (date: string, id: string): boolean => {
    const before = sortedRawDays[sortedRawDays.indexOf(date) - 1];
    if (before === undefined) return false;
    const known = endedDown.get(`${before},${id}`);
    if (known !== undefined) return known;
    return outageRows.get(`${before},${id}`)?.points.at(-1)?.status === 'down';
  };
  const sevenDayCounts = new Map<string, TimeCounts>();
  const countsOf = (id: string) => {
    let counts = sevenDayCounts.get(id);
    if (!counts) sevenDayCounts.set(id, (counts = new Map()));
    return counts;
  };
  const d7Date = dateOf(6);
  // A raw day daily.csv lacks is read too (its daily rows are written, also before it expires).
  const convertedSet = new Set(converted);
  const missingDaily = sortedRawDays.filter((date) => !daily.has(date) && files.has(dayFilePath(date)));
  for (const date of [...new Set([...converted, ...recentDays, ...missingDaily])].sort()) {
    const path = dayFilePath(date);
    const text = files.get(path) ?? '';
    const recompute = newRowsByDay.has(date) || !daily.has(date);
    let read = readWholeDay(path, text, input.readCache);
    if (date >= utcDate(futureAfter - DAY)) {
      let dated = 0;
      for (const rows of read.values()) for (const row of rows) if (row.at > futureAfter) dated++;
      if (dated > 0) {
        const kept = new Map<string, Point[]>();
        for (const [id, rows] of read) {
          for (const row of rows) if (row.at > futureAfter) firstFuture = Math.min(firstFuture, row.at);
          const present = rows.filter((row) => row.at <= futureAfter);
          if (present.length > 0) kept.set(id, present);
        }
        futureRows += dated;
        read = kept;
      }
    }
    const added = newRowsByDay.get(date);
    let dayRowsById = read;
    if (added) {
      const merged = new Map(read);
      for (const row of added) merged.set(row.id, sortByTime([...(merged.get(row.id) ?? []), row]));
      dayRowsById = merged;
    }
    const recomputed = new Map<string, DailyRow>();
    const isConverted = convertedSet.has(date);
    const counts = new Map<string, TimeCounts>();
    for (const [id, dayRows] of dayRowsById) {
      if (recompute) recomputed.set(id, dailyRowOf(date, id, dayRows));
      if (isConverted) {
        counts.set(id, timeCountsOf(dayRows));
        const points = outagePointsOf(dayRows, openBefore(date, id));
        if (points.length > 0) outageRows.set(`${date},${id}`, { date, id, points });
        endedDown.set(`${date},${id}`, dayRows.length > 0 && dayRows[dayRows.length - 1].status === 'down');
        if (date >= d7Date) addCounts(countsOf(id), counts.get(id)!);
      } else if (date >= yesterday || newRowsByDay.has(date)) {
        const all = rowsById.get(id);
        if (all) for (const row of dayRows) all.push(row);
        else rowsById.set(id, dayRows.slice());
      }
    }
    if (isConverted) {
      changes.set(aggregatePath(date), formatAggregates(counts));
      aggregated.add(date);
      outagesChanged = true;
    }
    if (recompute) daily.set(date, recomputed);
  }
  // The 7-day window's days before yesterday, from their aggregates.
  for (let ago = 2; ago < 7; ago++) {
    const date = dateOf(ago);
    if (convertedSet.has(date) || !rawDays.has(date)) continue;
    const text = files.get(aggregatePath(date));
    if (text === undefined) continue;
    // Added where they go, without a map per endpoint and day first: on 200 endpoints that was a
    // thousand maps of a few hundred times each, built to be merged and dropped.
    addAggregates(text, countsOf);
  }
  for (const date of expired) changes.set(dayFilePath(date), null);
  for (const date of aggregated) if (date < keepFrom) changes.set(aggregatePath(date), null);
  for (const [key, row] of outageRows) {
    if (row.date < keepFrom || !rawDays.has(row.date) || expired.includes(row.date)) {
      outageRows.delete(key);
      outagesChanged = true;
    }
  }
  // The outage points of the aggregated days, for the outages of the 30 and 90 days.
  const spanRowsById = new Map<string, Point[]>();
  for (const row of outageRows.values()) {
    if (row.date < oldest || row.date >= yesterday) continue;
    const list = spanRowsById.get(row.id);
    if (list) list.push(...row.points);
    else spanRowsById.set(row.id, row.points.slice());
  }
  for (const [id, rows] of rowsById) {
    const list = spanRowsById.get(id);
    if (list) list.push(...rows);
    else spanRowsById.set(id, rows);
  }
  for (const rows of spanRowsById.values()) sortByTime(rows);
  if (outagesChanged) {
    const text = formatOutages([...outageRows.values()]);
    if (text !== (files.get(OUTAGES_FILE) ?? OUTAGES_HEADER)) changes.set(OUTAGES_FILE, text);
  }
  if (futureRows > 0) {
    warnings.push(
      `${futureRows} ${futureRows === 1 ? 'row' : 'rows'} of the history ${futureRows === 1 ? 'is' : 'are'} dated in the future ` +
        `(from ${new Date(firstFuture).toISOString()}, while this run started at ${new Date(now).toISOString()}): ` +
        'a clock was wrong when they were written. They count in no figure and show no outage.',
    );
  }
  if (input.readCache) {
    for (const key of input.readCache.keys()) {
      const date = dayOfPath(key.split('#')[0]);
      if (date && date < yesterday) input.readCache.delete(key);
    }
  }
  const rawKept = new Set(sortedRawDays.filter((date) => date >= keepFrom));

  // ------------------------------------------------------------ counted states and events
  const stateEndpoints: Record<string, EndpointState> = {};
  const events: VigilEvent[] = [];
  const pendingById = new Map<string, ReturnType<typeof pendingOf>>();
  const checkedIds = new Set<string>();
  const lastCheckById = new Map<string, CheckedEndpoint>();
  const working = new Map(Object.entries(previousState.endpoints));
  const previousEntries = new Map(previousStatus.endpoints.map((entry) => [entry.id, entry]));
  const incidentOf = (id: string, counted: CountedStatus): IncidentRef | null => {
    if (input.incidents?.has(id)) return input.incidents.get(id) ?? null;
    return counted === 'down' ? (previousEntries.get(id)?.incident ?? null) : null;
  };
  for (const check of input.checks) {
    const settings = settingsById.get(check.id) ?? DEFAULT_SETTINGS;
    const previous = working.get(check.id);
    const counted = countCheck(previous, check, settings, input.workflow);
    // A branch without state.json (seeded by hand, or its state lost): since when comes from the
    // rows already recorded, not from this run.
    if (!previous && !check.inMaintenance) sinceFromRows(counted, spanRowsById.get(check.id));
    working.set(check.id, counted.state);
    pendingById.set(check.id, counted.pending);
    checkedIds.add(check.id);
    lastCheckById.set(check.id, check);
    const known = input.incidents?.get(check.id) ?? previousEntries.get(check.id)?.incident ?? null;
    for (const event of counted.events) events.push({ ...event, incident: known });
  }

  // ------------------------------------------------------------ who stays on the branch
  const configured = new Set(input.configuredIds);
  const staleBefore = now - historyDays * DAY;
  const keeps = (id: string, workflow: string | null | undefined, lastCheck: string | null | undefined): boolean => {
    if (checkedIds.has(id)) return true;
    if (workflow !== undefined && workflow === input.workflow && !configured.has(id)) return false;
    const last = lastCheck ? Date.parse(lastCheck) : NaN;
    return !(last < staleBefore);
  };
  const order = new Set<string>(); // insertion order: configuration first, then the others
  const add = (id: string) => order.add(id);
  for (const id of input.configuredIds) if (checkedIds.has(id) || previousEntries.has(id) || working.has(id)) add(id);
  for (const check of input.checks) add(check.id);
  for (const entry of previousStatus.endpoints) add(entry.id);
  for (const id of working.keys()) add(id);

  const windows = {
    h24: now - 24 * HOUR,
    d7: today - 6 * DAY,
    d30: today - 29 * DAY,
    d90: today - 89 * DAY,
  };
  const statusEntries: EndpointFigures[] = [];
  const views: EndpointView[] = [];
  for (const id of order) {
    const state = working.get(id);
    const entry = previousEntries.get(id);
    const lastCheck = state?.lastCheck ?? entry?.last?.time ?? null;
    if (!keeps(id, state ? state.workflow : undefined, lastCheck)) continue;
    if (state) stateEndpoints[id] = state;
    const rows = rowsById.get(id) ?? [];
    sortByTime(rows);
    const spans = outagesOf(spanRowsById.get(id) ?? rows);
    const check = lastCheckById.get(id);
    let figures: EndpointFigures | undefined = entry;
    if (check && state) {
      const settings = settingsById.get(id) ?? DEFAULT_SETTINGS;
      figures = {
        id,
        name: check.name,
        url: check.url,
        status: state.counted,
        since: state.since,
        incident: incidentOf(id, state.counted),
        last: { time: check.checkedAt, status: rowStatusOf(check), http: check.httpStatus, total: check.timings.total },
        target: settings.target,
        ...figuresOf(id, rows, sevenDayCounts.get(id), spans, daily, rawKept, windows, now, dateOf, settings.target),
      };
    } else if (figures && input.incidents?.has(id)) {
      figures = { ...figures, incident: input.incidents.get(id) ?? null };
    }
    if (!figures) continue; // known only from state: nothing to show yet
    statusEntries.push(figures);
    const settings = settingsById.get(id);
    views.push({
      id,
      figures,
      pending: pendingById.get(id) ?? (state && settings ? pendingOf(state, settings) : null),
      maintenance:
        check?.inMaintenance === true
          ? { until: check.maintenanceUntil ?? null, timezone: check.maintenanceTimezone ?? null }
          : null,
      hours: hoursOf(rows, now),
      days: daysOf(id, daily, dateOf),
      outages: outagesFrom(spans, windows.d30, now),
      checked: check !== undefined,
      reason: check ? errorOf(check) || null : null,
    });
  }

  const status: StatusFile = {
    version: 1,
    updatedAt: new Date(now).toISOString(),
    status: statusEntries.reduce<CountedStatus>(
      (worst, e) => (COUNTED_RANK[e.status] > COUNTED_RANK[worst] ? e.status : worst),
      'up',
    ),
    // The monitor's own runs: the rows read (yesterday's and today's, this run's included).
    monitor: monitorOf(rowTimes(rowsById.values()), now),
    endpoints: statusEntries,
  };
  const state: StateFile = { ...previousState, endpoints: stateEndpoints };

  // ------------------------------------------------------------ files
  const dailyRows: DailyRow[] = [];
  for (const byId of daily.values()) for (const row of byId.values()) dailyRows.push(row);
  const dailyText = formatDaily(dailyRows);
  if (dailyText !== files.get(DAILY_FILE)) changes.set(DAILY_FILE, dailyText);
  changes.set(STATUS_FILE, JSON.stringify(status, null, 2) + '\n');
  changes.set(STATE_FILE, JSON.stringify(state, null, 2) + '\n');
  return { changes, status, state, events, endpoints: views, warnings, daily: dailyRows };
}

/** Dates a new state by the recorded rows: a down one at the first check of the trailing run of
 * down rows (the outage's first down check), an up or degraded one at the first check of the
 * trailing run of that status. */
function sinceFromRows(counted: ReturnType<typeof countCheck>, rows: readonly Point[] | undefined): void {
  const { state } = counted;
  if (!rows || rows.length < 2 || (state.counted !== 'down' && state.counted !== 'up' && state.counted !== 'degraded')) return;
  let first = rows.length - 1;
  if (rows[first].status !== state.counted) return;
  while (first > 0 && rows[first - 1].status === state.counted) first--;
  const since = new Date(rows[first].at).toISOString();
  if (state.since === null || Date.parse(since) >= Date.parse(state.since)) return;
  state.since = since;
  if (state.counted === 'down') {
    state.outageStart = since;
    for (const event of counted.events) if (event.kind === 'down') event.since = since;
  } else if (state.upStreak > 0) state.notDownSince = since;
}

type RowsById = ReadonlyMap<string, readonly Point[]>;

/** A day's rows by endpoint, each oldest first. */
function groupById(rows: readonly Point[]): RowsById {
  const byId = new Map<string, Point[]>();
  for (const row of rows) {
    const list = byId.get(row.id);
    if (list) list.push(row);
    else byId.set(row.id, [row]);
  }
  for (const list of byId.values()) sortByTime(list);
  return byId;
}

function readWholeDay(path: string, text: string, cache: JudgeInput['readCache']): RowsById {
  const cached = cache?.get(path);
  if (cached && cached.text === text) return cached.byId;
  let byId: RowsById;
  // Today's file only grows: read just the lines added since it was last read.
  if (cached && cached.text.startsWith(CHECK_HEADER) && cached.text.endsWith('\n') && text.startsWith(cached.text)) {
    const grown = new Map(cached.byId);
    for (const [id, rows] of groupById(readPoints(text.slice(cached.text.length)))) {
      grown.set(id, sortByTime([...(grown.get(id) ?? []), ...rows]));
    }
    byId = grown;
  } else {
    byId = groupById(readPoints(text));
  }
  cache?.set(path, { text, byId });
  return byId;
}

function rowOf(check: CheckedEndpoint): TimedRow {
  const at = Date.parse(check.checkedAt);
  if (Number.isNaN(at)) throw new Error(`check of ${check.id} has no valid checkedAt: ${check.checkedAt}`);
  const ms = (value: number) => Math.max(0, Math.round(value));
  return {
    at,
    time: new Date(at).toISOString(),
    id: check.id,
    status: rowStatusOf(check),
    http: check.httpStatus,
    total: ms(check.timings.total),
    dns: ms(check.timings.dns),
    connect: ms(check.timings.connect),
    tls: ms(check.timings.tls),
    wait: ms(check.timings.wait),
    download: ms(check.timings.download),
    attempts: check.attempts,
    error: errorOf(check),
  };
}

type Windows = { h24: number; d7: number; d30: number; d90: number };

function figuresOf(
  id: string,
  rows: readonly Point[],
  olderCounts: TimeCounts | undefined,
  spans: readonly Span[],
  daily: Map<string, Map<string, DailyRow>>,
  rawKept: ReadonlySet<string>,
  windows: Windows,
  now: number,
  dateOf: (daysAgo: number) => string,
  target: number,
): Pick<EndpointFigures, 'checks' | 'uptime' | 'responseTime' | 'downtime' | 'errorBudget'> {
  let checks24 = 0;
  let down24 = 0;
  const totals24: number[] = [];
  // The 7 days' times: the raw rows read, and the counts of the days before yesterday (the judge's
  // own map for this endpoint, used once: added to in place rather than copied).
  const totals7: TimeCounts = olderCounts ?? new Map();
  for (const row of rows) {
    if (row.at < windows.d7) continue;
    if (timed(row)) totals7.set(row.total, (totals7.get(row.total) ?? 0) + 1);
    if (row.at <= windows.h24) continue;
    if (row.status !== 'maintenance') checks24++;
    if (row.status === 'down') down24++;
    if (timed(row)) totals24.push(row.total);
  }
  const checks = { '24h': checks24 } as Record<Window, number>;
  const uptime = { '24h': uptimePercent(checks24, down24) } as Record<Window, number | null>;
  const downtime = { '24h': Math.round(secondsWithin(spans, windows.h24, now)) } as Record<Window, number>;
  for (const window of ['7d', '30d', '90d'] as const) {
    const days = WINDOW_DAYS[window];
    const from = window === '7d' ? windows.d7 : window === '30d' ? windows.d30 : windows.d90;
    let sum = 0;
    let down = 0;
    let estimated = 0;
    for (let ago = 0; ago < days; ago++) {
      const date = dateOf(ago);
      const row = daily.get(date)?.get(id);
      if (!row) continue;
      sum += row.checks;
      down += row.down;
      // A day known only from daily.csv: its outages are estimated as its share of down checks.
      if (!rawKept.has(date) && row.down > 0) estimated += (86_400 * row.down) / (row.checks + row.maintenance);
    }
    checks[window] = sum;
    uptime[window] = uptimePercent(sum, down);
    downtime[window] = Math.round(secondsWithin(spans, from, now) + estimated);
  }
  const allowed = Math.round(((100 - target) / 100) * 30 * 86_400);
  const used = downtime['30d'];
  const left = allowed > 0 ? Math.max(0, Math.floor((1 - used / allowed) * 1000) / 1000) : used > 0 ? 0 : 1;
  return {
    checks,
    uptime,
    responseTime: { '24h': percentiles(totals24), '7d': percentilesOfCounts(totals7) },
    downtime,
    errorBudget: { allowed, used, left },
  };
}

function hoursOf(rows: readonly Point[], now: number): HourSlot[] {
  const first = now - (now % HOUR) - 23 * HOUR;
  const worst: Array<RowStatus | null> = new Array(24).fill(null);
  const totals: number[][] = Array.from({ length: 24 }, () => []);
  // Rows are sorted by time: only the last day's are looked at.
  for (let i = rows.length - 1; i >= 0 && rows[i].at >= first; i--) {
    const row = rows[i];
    const slot = Math.floor((row.at - first) / HOUR);
    if (slot > 23) continue;
    const current = worst[slot];
    if (current === null || ROW_RANK[row.status] > ROW_RANK[current]) worst[slot] = row.status;
    if (timed(row)) totals[slot].push(row.total);
  }
  return worst.map((status, slot) => {
    const { p50, p95 } = percentiles(totals[slot]);
    return { start: new Date(first + slot * HOUR).toISOString(), status, p50, p95 };
  });
}

function daysOf(id: string, daily: Map<string, Map<string, DailyRow>>, dateOf: (daysAgo: number) => string): DaySlot[] {
  const days: DaySlot[] = [];
  for (let ago = 89; ago >= 0; ago--) {
    const date = dateOf(ago);
    const row = daily.get(date)?.get(id);
    days.push({
      date,
      checks: row?.checks ?? 0,
      down: row?.down ?? 0,
      maintenance: row?.maintenance ?? 0,
      uptime: row ? uptimePercent(row.checks, row.down) : null,
    });
  }
  return days;
}

function outagesFrom(spans: readonly Span[], from: number, now: number): Outage[] {
  const outages: Outage[] = [];
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i];
    if ((span.end ?? now) < from) break;
    outages.push({
      start: new Date(span.start).toISOString(),
      end: span.end === null ? null : new Date(span.end).toISOString(),
      seconds: Math.round(((span.end ?? now) - span.start) / 1000),
    });
  }
  return outages;
}

/**
 * Which of the branch's files a run reads (docs/history.md, "Aggregates: a run's cost does not grow with the days kept"): every
 * file outside `history/` and `aggregates/` (state, status, daily.csv, outages.csv, the page and
 * badges it may write over), the raw days from yesterday on, each raw day not yet aggregated
 * (read once, to convert it), the aggregates of the 7-day window's older days, and the raw days
 * and aggregates that expire now (so bytes Vigil cannot read are kept before they are removed).
 * The other raw days and aggregates stay on the branch, unread.
 */
export function filesToRead(paths: Iterable<string>, now: Date, historyDays: number): Set<string> {
  const today = startOfUtcDay(now.getTime());
  const yesterday = utcDate(today - DAY);
  const keepFrom = utcDate(today - (Math.max(7, Math.floor(historyDays)) - 1) * DAY);
  const week = new Set<string>();
  for (let ago = 2; ago < 7; ago++) week.add(utcDate(today - ago * DAY));
  const all = [...paths];
  const aggregated = new Set<string>();
  for (const path of all) {
    const date = dayOfAggregatePath(path);
    if (date) aggregated.add(date);
  }
  const wanted = new Set<string>();
  for (const path of all) {
    const raw = dayOfPath(path);
    const aggregate = dayOfAggregatePath(path);
    if (raw !== null) {
      if (raw >= yesterday || raw < keepFrom || !aggregated.has(raw)) wanted.add(path);
    } else if (aggregate !== null) {
      if (week.has(aggregate) || aggregate < keepFrom) wanted.add(path);
    } else {
      wanted.add(path);
    }
  }
  return wanted;
}
