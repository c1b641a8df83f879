/**
 * Judges one attempt against the endpoint's checks. Each failed check is reported with the
 * actual value filled in, so the reader sees what came back, not only what was wanted.
 */
import { statusAllowed } from '../config/status-ranges.js';
import type { Endpoint, JsonExpectation, JsonOperator } from '../config/types.js';
import { clip, oneLine } from '../text/one-line.js';
import { formatSeconds } from '../text/duration.js';
import type { ProbeResult } from '../probe/types.js';
import { matchesWithin } from './match-within.js';
import type { Status } from './types.js';

const DAY_MS = 86_400_000;

export interface Verdict {
  status: Status;
  /** What went wrong before any check could be judged, in words (null when nothing did). */
  error: string | null;
  failures: string[];
  certExpiresInDays: number | null;
}

/** An actual value as it appears in a failure: JSON, one line, not too long. */
function shown(value: unknown): string {
  const text = value === undefined ? 'missing' : JSON.stringify(value);
  return clip(oneLine(text), 120);
}

/** Follows a dotted path with array indexes (`items.0.id`) through a parsed JSON value. */
export function lookupPath(root: unknown, segments: readonly string[]): unknown {
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (typeof node === 'object' && node !== null && Object.prototype.hasOwnProperty.call(node, segment)) {
      node = (node as Record<string, unknown>)[segment];
    } else return undefined;
  }
  return node;
}

/** Equality of JSON values: same type and same content, key order aside. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => jsonEqual(item, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => key in right && jsonEqual(left[key], right[key]));
}

const COMPARE: Record<JsonOperator, (actual: number, bound: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** What kind of JSON value this is, in words, for a value of the wrong kind. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Numbers from 10^12 up are milliseconds since the epoch; below, seconds (10^12 s is 33,000 years away). */
const MS_FROM = 1e12;

/** The time a JSON value holds: an ISO 8601 string, or a number of seconds (or ms) since the epoch. */
function timeOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value >= MS_FROM ? value : value * 1000;
  // ISO 8601 only: a date and, when there is a time, a time zone or Z (Date.parse alone would
  // also read "12/1" or "Dec 1" in the runner's zone).
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2}))?$/.test(value.trim())
  ) {
    const time = Date.parse(value.trim().replace(' ', 'T'));
    return Number.isNaN(time) ? null : time;
  }
  return null;
}

/** An age for people: `3 min`, `2 h 5 min`, `4 d 1 h`, `40 s`. */
function formatAge(ms: number): string {
  const text = formatSeconds(Math.abs(ms) / 1000);
  return ms < 0 ? `${text} in the future` : text;
}

/** The failure of one `json` expectation, Gatus style (`$.memory_mb is 512, expected < 400`), or null.
 * `now` is what an `age` comparison measures from. */
export function jsonFailure(expectation: JsonExpectation, actual: unknown, now: Date = new Date()): string | null {
  const { path, length, comparison, expected } = expectation;
  const at = `$${path ? `.${path}` : ''}`;
  const wanted = comparison ? comparison.text : shown(expected);
  if (comparison?.age) {
    const time = timeOf(actual);
    if (time === null) return `${at} is ${shown(actual)}, not a time (ISO 8601, or seconds since 1970), expected ${wanted}`;
    const age = now.getTime() - time;
    return COMPARE[comparison.operator](age, comparison.bound)
      ? null
      : `${at} is ${shown(actual)} (age ${formatAge(age)}), expected ${wanted}`;
  }
  if (!length) {
    if (comparison === null) return jsonEqual(actual, expected) ? null : `${at} is ${shown(actual)}, expected ${wanted}`;
    if (typeof actual !== 'number') {
      const kind = actual === undefined || actual === null ? '' : ` (${kindOf(actual)})`;
      return `${at} is ${shown(actual)}${kind}, expected ${wanted}`;
    }
    return COMPARE[comparison.operator](actual, comparison.bound) ? null : `${at} is ${shown(actual)}, expected ${wanted}`;
  }
  if (typeof actual !== 'string' && !Array.isArray(actual)) {
    const kind = actual === undefined || actual === null ? '' : ` (${kindOf(actual)})`;
    return `${at} is ${shown(actual)}${kind}, expected len(${at}) ${comparison ? wanted : `== ${wanted}`}`;
  }
  // A string's length counts characters as people do (code points), not UTF-16 units.
  const size = typeof actual === 'string' ? [...actual].length : actual.length;
  const holds = comparison ? COMPARE[comparison.operator](size, comparison.bound) : size === expected;
  return holds ? null : `len(${at}) is ${size}, expected ${wanted}`;
}

/** `body-matches`, judged within what is left of the attempt's deadline. */
async function regexFailure(pattern: RegExp, body: string, read: string, timeLeftMs: number): Promise<string | null> {
  const shownPattern = clip(String(pattern), 120);
  try {
    const matched = await matchesWithin(pattern, body, timeLeftMs);
    if (matched === 'timeout') return 'body-matches took longer than the deadline';
    return matched ? null : `body does not match ${shownPattern}${read}`;
  } catch (error) {
    return `body-matches could not be run (${clip(oneLine((error as Error).message), 120)})`;
  }
}

async function contentFailures(endpoint: Endpoint, attempt: ProbeResult, now: Date): Promise<string[]> {
  const needsBody =
    endpoint.bodyContains.length > 0 ||
    endpoint.bodyNotContains.length > 0 ||
    endpoint.bodyMatches !== null ||
    endpoint.json.length > 0;
  const failures: string[] = [];
  if (needsBody && attempt.bodyError) return [attempt.bodyError];
  const read = attempt.bodyTruncated ? ' (in the first 1 MiB)' : '';
  const body = needsBody ? attempt.body.toString('utf8') : '';

  for (const text of endpoint.bodyContains) {
    if (!body.includes(text)) failures.push(`body does not contain ${shown(text)}${read}`);
  }
  for (const text of endpoint.bodyNotContains) {
    if (body.includes(text)) failures.push(`body contains ${shown(text)}`);
  }
  if (endpoint.bodyMatches) {
    const failure = await regexFailure(endpoint.bodyMatches, body, read, endpoint.timeout - attempt.timings.total);
    if (failure !== null) failures.push(failure);
  }
  if (endpoint.json.length > 0) {
    let parsed: unknown;
    let parseError: string | null = null;
    try {
      parsed = JSON.parse(body.replace(/^\uFEFF/, ''));
    } catch (error) {
      parseError = attempt.bodyTruncated
        ? 'body is longer than 1 MiB, too long to read as JSON'
        : `body is not JSON (${clip(oneLine((error as Error).message), 120)})`;
    }
    if (parseError) failures.push(parseError);
    else {
      for (const expectation of endpoint.json) {
        const failure = jsonFailure(expectation, lookupPath(parsed, expectation.segments), now);
        if (failure !== null) failures.push(failure);
      }
    }
  }
  for (const [name, expected] of Object.entries(endpoint.kind === undefined ? endpoint.responseHeaders : {})) {
    const actual = attempt.headers[name];
    if (actual !== expected) failures.push(`header ${name} is ${shown(actual)}, expected ${shown(expected)}`);
  }
  return failures;
}

export async function evaluate(endpoint: Endpoint, attempt: ProbeResult, now: Date): Promise<Verdict> {
  const certExpiresInDays =
    attempt.certValidTo === null ? null : Math.trunc((attempt.certValidTo.getTime() - now.getTime()) / DAY_MS);
  // Kinds other than HTTP have no status: an attempt without an error is their answer.
  const http = endpoint.kind === undefined;
  if (attempt.error !== null || (http && attempt.httpStatus === null)) {
    return { status: 'down', error: attempt.error ?? 'no response', failures: [], certExpiresInDays };
  }
  const certLeftMs = attempt.certValidTo === null ? null : attempt.certValidTo.getTime() - now.getTime();
  if (endpoint.certExpiryDays > 0 && certLeftMs !== null && certLeftMs <= 0) {
    // Reached only with `insecure` (verification would have refused it): the same words either way.
    return { status: 'down', error: 'certificate has expired', failures: [], certExpiresInDays };
  }

  const failures: string[] = [];
  if (http && attempt.httpStatus !== null && !statusAllowed(endpoint.expectedStatus, attempt.httpStatus)) {
    failures.push(`status ${attempt.httpStatus} is not in ${endpoint.expectedStatus.text}`);
  }
  failures.push(...(await contentFailures(endpoint, attempt, now)));
  if (failures.length > 0) return { status: 'down', error: null, failures, certExpiresInDays };

  const warnings: string[] = [];
  if (attempt.timings.total > endpoint.maxResponseTime) {
    warnings.push(`response time ${attempt.timings.total} ms is over ${endpoint.maxResponseTime} ms`);
  }
  if (endpoint.certExpiryDays > 0 && certLeftMs !== null && certLeftMs < endpoint.certExpiryDays * DAY_MS) {
    warnings.push(`certificate expires in ${certExpiresInDays} days (under ${endpoint.certExpiryDays})`);
  }
  return { status: warnings.length > 0 ? 'degraded' : 'up', error: null, failures: warnings, certExpiresInDays };
}
