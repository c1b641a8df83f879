/**
 * The judge: one pure function from the branch's files, this run's checks and the clock to
 * everything the sinks need — the files to write, `status.json`, `state.json`, the events and
 * what the summary and the page show. It knows nothing of git, HTTP or the file system.
 *
 * It reads only what the figures need, so a run costs the same on day 90 as on day 1: today's raw
 * day, yesterday's points, the per-day aggregates of the week and the outages, and `daily.csv`
 * (see `filesToRead`, and read-history.ts).
 */
import { errorOf, pendingOf, rowStatusOf } from './counting.js';
import { dayOfPath } from './rows.js';
import { formatDailyFrom } from './daily-rows.js';
import { DAY, HOUR, outagesOf, sortByTime } from './stats.js';
import {
  DAILY_FILE,
  STATE_FILE,
  STATUS_FILE,
  type BranchFiles,
  type CheckedEndpoint,
  type CountedStatus,
  type DailyRow,
  type EndpointFigures,
  type EndpointSettings,
  type EndpointState,
  type EndpointView,
  type FileChanges,
  type JudgeInput,
  type Judgement,
  type StateFile,
  type StatusFile,
} from './types.js';
import { readStateFile, readStatusFile } from './read-json.js';
import { monitorOf, rowTimes } from './monitor.js';
import { dayOfAggregatePath } from './aggregates.js';
import { datesOfChecks } from './this-run.js';
import { clockOf, daysOnBranch, readHistory, type Clock, type DailyByDate, type History } from './read-history.js';
import { countChecks, DEFAULT_SETTINGS, type Counted } from './events.js';
import { COUNTED_RANK, dailyOfEndpoint, dayTableOf, daysOf, figuresOf, hoursOf, outagesFrom, type Windows } from './figures.js';

/** Reads the branch's history with this run's checks added, counts the checks into states and
 * events, works out each endpoint's figures, and gives the files to write. */
export function judge(input: JudgeInput): Judgement {
  const clock = clockOf(input.now, input.historyDays);
  const previous = readPrevious(input.files);
  const changes: FileChanges = new Map();
  const history = readHistory(input, clock, changes);
  const settingsById = new Map(input.endpoints.map((settings) => [settings.id, settings]));
  const counted = countChecks(input, settingsById, previous.state, previous.entries, history.spanRowsById);
  const { figures, views, states } = endpointsOf(input, clock, previous, history, counted, settingsById);
  const status = statusFileOf(figures, history, clock.now);
  const state: StateFile = { ...previous.state, endpoints: states };
  const daily = dailyRowsOf(history.daily);
  writeFiles(changes, input.files, history, status, state);
  const warnings = [...previous.warnings, ...history.warnings];
  return { changes, status, state, events: counted.events, endpoints: views, warnings, daily };
}

/** What the previous run wrote: `status.json` and `state.json`, read tolerantly. */
interface Previous {
  state: StateFile;
  /** The entries of `status.json` by id. */
  entries: Map<string, EndpointFigures>;
  warnings: string[];
}

function readPrevious(files: BranchFiles): Previous {
  const status = readStatusFile(files.get(STATUS_FILE));
  const state = readStateFile(files.get(STATE_FILE));
  return {
    state: state.value,
    entries: new Map(status.value.endpoints.map((entry) => [entry.id, entry])),
    warnings: [...status.warnings, ...state.warnings],
  };
}

/**
 * The endpoints that stay on the branch, in order (this workflow's configuration first, then the
 * others), each with its state, its figures for `status.json` and its view for the summary and the
 * page. An endpoint checked now gets new figures; one not checked keeps those `status.json` had.
 */
function endpointsOf(
  input: JudgeInput,
  clock: Clock,
  previous: Previous,
  history: History,
  counted: Counted,
  settingsById: ReadonlyMap<string, EndpointSettings>,
): { figures: EndpointFigures[]; views: EndpointView[]; states: Record<string, EndpointState> } {
  const { now, dateOf } = clock;
  const { working, lastCheckById } = counted;
  const keeps = keepsOf(input, clock, lastCheckById);
  const windows: Windows = {
    h24: now - 24 * HOUR,
    d7: clock.today - 6 * DAY,
    d30: clock.today - 29 * DAY,
    d90: clock.today - 89 * DAY,
  };
  const table = dayTableOf(history.daily, history.rawKept, dateOf);
  const figuresList: EndpointFigures[] = [];
  const views: EndpointView[] = [];
  const states: Record<string, EndpointState> = {};
  for (const id of orderOf(input, previous, counted)) {
    const state = working.get(id);
    const entry = previous.entries.get(id);
    const lastCheck = state?.lastCheck ?? entry?.last?.time ?? null;
    if (!keeps(id, state ? state.workflow : undefined, lastCheck)) continue;
    if (state) states[id] = state;
    const rows = history.rowsById.get(id) ?? [];
    sortByTime(rows);
    const spans = outagesOf(history.spanRowsById.get(id) ?? rows);
    const check = lastCheckById.get(id);
    const days = dailyOfEndpoint(table, id);
    let figures: EndpointFigures | undefined = entry;
    if (check && state) {
      const settings = settingsById.get(id) ?? DEFAULT_SETTINGS;
      figures = {
        id,
        name: check.name,
        url: check.url,
        status: state.counted,
        since: state.since,
        // The issue the follow-up recorded stays while the endpoint stays down.
        incident: state.counted === 'down' ? (entry?.incident ?? null) : null,
        last: { time: check.checkedAt, status: rowStatusOf(check), http: check.httpStatus, total: check.timings.total },
        target: settings.target,
        ...figuresOf(rows, history.sevenDayCounts.get(id), spans, days, table, windows, now, settings.target),
      };
    }
    if (!figures) continue; // known only from state: nothing to show yet
    figuresList.push(figures);
    const settings = settingsById.get(id);
    views.push({
      id,
      figures,
      pending: counted.pendingById.get(id) ?? (state && settings ? pendingOf(state, settings) : null),
      maintenance:
        check?.inMaintenance === true
          ? { until: check.maintenanceUntil ?? null, timezone: check.maintenanceTimezone ?? null }
          : null,
      hours: hoursOf(rows, now),
      days: daysOf(days, table),
      outages: outagesFrom(spans, windows.d30, now),
      checked: check !== undefined,
      reason: check ? errorOf(check) || null : null,
    });
  }
  return { figures: figuresList, views, states };
}

/** Whether an endpoint stays on the branch: checked now; or not dropped from this workflow's
 * configuration and checked within the history kept. */
function keepsOf(input: JudgeInput, clock: Clock, checked: ReadonlyMap<string, unknown>) {
  const configured = new Set(input.configuredIds);
  const staleBefore = clock.now - clock.historyDays * DAY;
  return (id: string, workflow: string | null | undefined, lastCheck: string | null | undefined): boolean => {
    if (checked.has(id)) return true;
    if (workflow !== undefined && workflow === input.workflow && !configured.has(id)) return false;
    const last = lastCheck ? Date.parse(lastCheck) : NaN;
    return !(last < staleBefore);
  };
}

/** Every endpoint known, in insertion order: configuration first, then the others. */
function orderOf(input: JudgeInput, previous: Previous, counted: Counted): Set<string> {
  const { working, lastCheckById } = counted;
  const order = new Set<string>();
  for (const id of input.configuredIds) if (lastCheckById.has(id) || previous.entries.has(id) || working.has(id)) order.add(id);
  for (const check of input.checks) order.add(check.id);
  for (const id of previous.entries.keys()) order.add(id);
  for (const id of working.keys()) order.add(id);
  return order;
}

/** `status.json`: the worst status, the monitor's own runs and each endpoint's figures. */
function statusFileOf(figures: EndpointFigures[], history: History, now: number): StatusFile {
  return {
    version: 1,
    updatedAt: new Date(now).toISOString(),
    status: figures.reduce<CountedStatus>((worst, e) => (COUNTED_RANK[e.status] > COUNTED_RANK[worst] ? e.status : worst), 'up'),
    // The monitor's own runs: the rows read (yesterday's and today's, this run's included), and
    // when it ran yesterday before the 24-hour window.
    monitor: monitorOf(rowTimes([...history.rowsById.values(), history.earlyRunTimes]), now),
    endpoints: figures,
  };
}

function dailyRowsOf(daily: DailyByDate): DailyRow[] {
  const rows: DailyRow[] = [];
  daily.forEach((byId) => byId.forEach((row) => rows.push(row)));
  return rows;
}

/** The files every run writes: `daily.csv` (when it changed), `status.json` and `state.json`. */
function writeFiles(changes: FileChanges, files: BranchFiles, history: History, status: StatusFile, state: StateFile): void {
  const old = files.get(DAILY_FILE) ?? '';
  const dailyText = formatDailyFrom(old, history.daily, history.dailyStarts, history.dailyChangedFrom);
  if (dailyText !== files.get(DAILY_FILE)) changes.set(DAILY_FILE, dailyText);
  changes.set(STATUS_FILE, JSON.stringify(status, null, 2) + '\n');
  changes.set(STATE_FILE, JSON.stringify(state, null, 2) + '\n');
}

/**
 * Which of the branch's files a run reads (docs/history.md, "Aggregates: a run's cost does not
 * grow with the days kept"): every file outside `history/` and `aggregates/` (state, status,
 * daily.csv, outages.csv, the points files, the page and badges it may write over), today's raw
 * day and any later one, yesterday's raw day when it has no points yet, each raw day not yet
 * aggregated that has no points (read once, to convert it), the raw days the run's checks fall on
 * (it appends to them), the aggregates of the 7-day window's older days, and the raw days and
 * aggregates that expire now (so bytes Vigil cannot read are kept before they are removed). The
 * other raw days and aggregates stay on the branch, unread.
 */
export function filesToRead(
  paths: Iterable<string>,
  now: Date,
  historyDays: number,
  checks: readonly Pick<CheckedEndpoint, 'checkedAt'>[] = [],
): Set<string> {
  const { dateOf, yesterday, keepFrom } = clockOf(now, historyDays);
  const today = dateOf(0);
  const week = new Set<string>();
  for (let ago = 2; ago < 7; ago++) week.add(dateOf(ago));
  const appended = datesOfChecks(checks);
  const all = [...paths];
  const { aggregated, pointed } = daysOnBranch(all);
  const wanted = new Set<string>();
  for (const path of all) {
    const raw = dayOfPath(path);
    const aggregate = dayOfAggregatePath(path);
    if (raw !== null) {
      const fromPoints = pointed.has(raw) && raw >= keepFrom && !appended.has(raw);
      if (
        appended.has(raw) ||
        raw >= today ||
        raw < keepFrom ||
        (raw === yesterday && !fromPoints) ||
        (!aggregated.has(raw) && !fromPoints)
      )
        wanted.add(path);
    } else if (aggregate !== null) {
      if (week.has(aggregate) || aggregate < keepFrom) wanted.add(path);
    } else {
      wanted.add(path);
    }
  }
  return wanted;
}
