/**
 * The one tolerant reader of `status.json` and `state.json` (README "Data branch": files people
 * and other tools may edit). Every path that reads either file goes through here, so an entry
 * that is incomplete or of an unknown shape (`{"id":"ghost"}`, a null, a string, a number) is
 * repaired or dropped, with one warning per file and kind of problem, and never stops this run
 * or a later one. A file that is not JSON at all reads as empty, with a warning.
 */
import type {
  CountedStatus,
  EndpointFigures,
  EndpointState,
  IncidentRef,
  PendingNotice,
  Percentiles,
  RowStatus,
  StateFile,
  VigilEvent,
  Window,
} from './types.js';

export interface Read<T> {
  value: T;
  /** One line per kind of problem found (counted, never one per entry). */
  warnings: string[];
}

const COUNTED = new Set<string>(['up', 'degraded', 'down', 'maintenance']);
const ROW = COUNTED;
const EVENT_KINDS = new Set<string>(['down', 'recovered', 'degraded', 'maintenance']);
const WINDOW_KEYS: readonly Window[] = ['24h', '7d', '30d', '90d'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const count = (value: unknown): number => {
  const n = num(value);
  return n !== null && n >= 0 ? n : 0;
};
const time = (value: unknown): string | null => {
  const text = str(value);
  return text !== null && !Number.isNaN(Date.parse(text)) ? text : null;
};

function parse(text: string | undefined, file: string, warnings: string[]): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    warnings.push(`${file} is not valid JSON; it was read as empty and will be written anew.`);
    return undefined;
  }
}

/** "3 entries of endpoints (e.g. endpoints[2]: …) were dropped". Lists at most three examples. */
function tally(file: string, what: string, problems: string[], warnings: string[]): void {
  if (problems.length === 0) return;
  const examples = problems.slice(0, 3).join('; ');
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
  warnings.push(`${file}: ${problems.length} ${problems.length === 1 ? 'entry' : 'entries'} ${what} (${examples}${more}).`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object without the needed keys';
  return `a ${typeof value}`;
}

function incidentOf(value: unknown): IncidentRef | null {
  if (!isObject(value)) return null;
  const number = num(value.number);
  const url = str(value.url);
  return number !== null && url !== null ? { number, url } : null;
}

function percentilesOf(value: unknown): Percentiles {
  const v = isObject(value) ? value : {};
  return { p50: num(v.p50), p95: num(v.p95), p99: num(v.p99) };
}

function windowsOf<T>(value: unknown, read: (v: unknown) => T): Record<Window, T> {
  const v = isObject(value) ? value : {};
  return Object.fromEntries(WINDOW_KEYS.map((key) => [key, read(v[key])])) as Record<Window, T>;
}

/** One entry of `status.json`, repaired; null when it has no usable id or status. */
export function figuresOf(value: unknown): EndpointFigures | null {
  if (!isObject(value) || typeof value.id !== 'string' || value.id === '' || !COUNTED.has(String(value.status))) return null;
  const last = isObject(value.last) && time(value.last.time) && ROW.has(String(value.last.status)) ? value.last : null;
  const budget = isObject(value.errorBudget) ? value.errorBudget : {};
  const responseTime = isObject(value.responseTime) ? value.responseTime : {};
  return {
    id: value.id,
    name: str(value.name) ?? value.id,
    url: str(value.url) ?? '',
    status: value.status as CountedStatus,
    since: time(value.since),
    incident: incidentOf(value.incident),
    last: last
      ? { time: last.time as string, status: last.status as RowStatus, http: num(last.http), total: count(last.total) }
      : null,
    target: num(value.target) ?? 99,
    checks: windowsOf(value.checks, count),
    uptime: windowsOf(value.uptime, num),
    responseTime: { '24h': percentilesOf(responseTime['24h']), '7d': percentilesOf(responseTime['7d']) },
    downtime: windowsOf(value.downtime, count),
    errorBudget: { allowed: count(budget.allowed), used: count(budget.used), left: num(budget.left) ?? 1 },
  };
}

/** The endpoints of `status.json` (the rest of the file is recomputed by every run). */
export function readStatusFile(text: string | undefined): Read<{ endpoints: EndpointFigures[] }> {
  const warnings: string[] = [];
  const value = parse(text, 'status.json', warnings);
  if (value === undefined) return { value: { endpoints: [] }, warnings };
  if (!isObject(value) || !Array.isArray(value.endpoints)) {
    warnings.push('status.json has no list of endpoints; it was read as empty and will be written anew.');
    return { value: { endpoints: [] }, warnings };
  }
  const endpoints: EndpointFigures[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  value.endpoints.forEach((entry: unknown, index: number) => {
    const figures = figuresOf(entry);
    if (figures === null)
      dropped.push(
        `endpoints[${index}] is ${isObject(entry) && typeof entry.id === 'string' ? `"${entry.id.slice(0, 40)}" without a status` : describe(entry)}`,
      );
    else if (seen.has(figures.id)) dropped.push(`endpoints[${index}] repeats "${figures.id.slice(0, 40)}"`);
    else {
      seen.add(figures.id);
      endpoints.push(figures);
    }
  });
  tally('status.json', 'of an unknown shape were dropped', dropped, warnings);
  return { value: { endpoints }, warnings };
}

function endpointStateOf(id: string, entry: unknown): EndpointState | null {
  if (!isObject(entry) || !COUNTED.has(String(entry.counted))) return null;
  const before = str(entry.beforeMaintenance);
  return {
    id,
    name: str(entry.name) ?? id,
    url: str(entry.url) ?? '',
    workflow: str(entry.workflow),
    counted: entry.counted as CountedStatus,
    since: time(entry.since),
    downStreak: count(entry.downStreak),
    upStreak: count(entry.upStreak),
    outageStart: time(entry.outageStart),
    notDownSince: time(entry.notDownSince),
    beforeMaintenance: before === 'up' || before === 'degraded' || before === 'down' ? before : null,
    lastCheck: time(entry.lastCheck),
  };
}

/** An event as kept in the outbox; null when it lacks what a message needs. */
export function eventOf(value: unknown): VigilEvent | null {
  if (!isObject(value)) return null;
  const { key, kind, id, at } = value;
  if (typeof key !== 'string' || !EVENT_KINDS.has(String(kind)) || typeof id !== 'string' || !time(at)) return null;
  const maintenance = isObject(value.maintenance) ? value.maintenance : null;
  return {
    key,
    kind: kind as VigilEvent['kind'],
    id,
    name: str(value.name) ?? id,
    url: str(value.url) ?? '',
    at: at as string,
    since: time(value.since),
    status: ROW.has(String(value.status)) ? (value.status as RowStatus) : kind === 'down' ? 'down' : 'up',
    error: str(value.error),
    failures: Array.isArray(value.failures) ? value.failures.filter((f): f is string => typeof f === 'string') : [],
    httpStatus: num(value.httpStatus),
    responseTime: num(value.responseTime),
    downtime: num(value.downtime),
    ...(maintenance
      ? {
          maintenance: {
            phase: maintenance.phase === 'end' ? ('end' as const) : ('start' as const),
            until: time(maintenance.until),
            timezone: str(maintenance.timezone),
          },
        }
      : {}),
    incident: incidentOf(value.incident),
  };
}

/** One notice of the outbox; null when it cannot be sent (no event, no target). */
export function noticeOf(value: unknown): PendingNotice | null {
  if (!isObject(value) || typeof value.target !== 'string') return null;
  const event = eventOf(value.event);
  if (!event) return null;
  return {
    event,
    target: value.target,
    // A notice without a valid first try is dated at its event: retried within that event's hour.
    firstTried: time(value.firstTried) ?? event.at,
    attempts: count(value.attempts),
    lastError: str(value.lastError) ?? '',
  };
}

export function readStateFile(text: string | undefined): Read<StateFile> {
  const warnings: string[] = [];
  const state: StateFile = { version: 1, endpoints: {}, outbox: [], keepAlive: {} };
  const value = parse(text, 'state.json', warnings);
  if (value === undefined) return { value: state, warnings };
  if (!isObject(value)) {
    warnings.push(`state.json holds ${describe(value)}, not an object; it was read as empty and will be written anew.`);
    return { value: state, warnings };
  }
  const dropped: string[] = [];
  if (isObject(value.endpoints)) {
    for (const [id, entry] of Object.entries(value.endpoints)) {
      const read = endpointStateOf(id, entry);
      if (read) state.endpoints[id] = read;
      else dropped.push(`endpoints["${id.slice(0, 40)}"] is ${describe(entry)}`);
    }
  } else if (value.endpoints !== undefined) dropped.push(`endpoints is ${describe(value.endpoints)}`);
  tally('state.json', 'of an unknown shape were dropped', dropped, warnings);

  const garbage: string[] = [];
  if (Array.isArray(value.outbox)) {
    value.outbox.forEach((entry: unknown, index: number) => {
      const notice = noticeOf(entry);
      if (notice) state.outbox.push(notice);
      else garbage.push(`outbox[${index}] is ${describe(entry)}`);
    });
  } else if (value.outbox !== undefined) garbage.push(`outbox is ${describe(value.outbox)}`);
  tally('state.json', 'of the notification outbox could not be read and were dropped', garbage, warnings);

  if (isObject(value.keepAlive)) {
    for (const [workflow, date] of Object.entries(value.keepAlive)) {
      const at = time(date);
      if (at) state.keepAlive[workflow] = at;
    }
  }
  return { value: state, warnings };
}
