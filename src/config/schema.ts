/**
 * The configuration schema: one table of keys, each with the parser that validates and
 * converts its value. Inputs, the `defaults:` block and endpoint objects all go through it, so a
 * key means the same thing wherever it is written. (A table of small parsers keeps the bundle —
 * and so the action's start-up — lean, and makes "did you mean" a lookup in the same table.)
 */
import { DURATION_HINT, formatDuration, likelyDuration, parseDuration } from './duration.js';
import { parseStatusRanges } from './status-ranges.js';
import { KINDS, URL_SCHEMES, schemeSpec } from './kinds.js';
import { HEARTBEAT_ID, HEARTBEAT_ID_TEXT } from './heartbeat.js';
import { mendOf, quoteUrl } from './url-quote.js';
import type { CheckSettings, ContentChecks, JsonExpectation, JsonOperator, NumberComparison, TrackingSettings } from './types.js';

/** Thrown by a parser; the loader adds where the value is. */
export class Invalid extends Error {}

type Parser<T> = (value: unknown) => T;

/** A value as a message may quote it: JSON, cut to 60 characters. */
export const show = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** A duration between `min` and `max` milliseconds, written with a unit (see duration.ts). The
 * maximum keeps a value within what it can mean, and within what Node's timers can wait: a timer
 * longer than about 24.8 days fires at once. */
export const duration =
  (min: number, max: number): Parser<number> =>
  (value) => {
    const parsed = parseDuration(value);
    if ('bare' in parsed) {
      throw new Invalid(`${show(value)} has no unit; did you mean ${likelyDuration(parsed.bare, min, max)}? (${DURATION_HINT})`);
    }
    if ('invalid' in parsed) throw new Invalid(`${show(value)} is not a duration (${DURATION_HINT})`);
    if (parsed.ms < min) throw new Invalid(`${show(value)} is shorter than the minimum of ${formatDuration(min)}`);
    if (parsed.ms > max) throw new Invalid(`${show(value)} is longer than the maximum of ${formatDuration(max)}`);
    return parsed.ms;
  };

export const integer =
  (min: number, max: number): Parser<number> =>
  (value) => {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new Invalid(`${show(value)} is not a whole number`);
    if (n < min || n > max) throw new Invalid(`${n} is outside the allowed range ${min}-${max}`);
    return n;
  };

export const boolean: Parser<boolean> = (value) => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw new Invalid(`${show(value)} is not a boolean (use true or false)`);
};

export const oneOf =
  <T extends string>(...allowed: T[]): Parser<T> =>
  (value) => {
    const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (typeof text === 'string' && (allowed as string[]).includes(text)) return text as T;
    throw new Invalid(`${show(value)} is not one of ${allowed.join(', ')}`);
  };

/** A percentage strictly between 0 and 100: `99.9%`, `99.9` or the number 99.9. 100 is refused
 * because it leaves no error budget: one failed check would use up all of it. */
export const uptimeTarget: Parser<number> = (value) => {
  const written = typeof value === 'string' ? value.trim().replace(/\s*%$/, '') : '';
  const percent = typeof value === 'number' ? value : /^\d+(?:\.\d+)?$/.test(written) ? Number(written) : NaN;
  if (!Number.isFinite(percent)) throw new Invalid(`${show(value)} is not a percentage (such as 99.9%)`);
  if (percent >= 100) throw new Invalid(`${show(value)} leaves no error budget: use a target below 100%, such as 99.9%`);
  if (percent <= 0) throw new Invalid(`${show(value)} is not above 0%`);
  return percent;
};

/** What `git check-ref-format --branch` refuses in a branch name, and names git would misread,
 * with the reason shown. */
const BRANCH_RULES: Array<[RegExp, (found: string) => string]> = [
  [/\p{Cc}/u, () => 'contains a control character'],
  [/ /, () => 'contains a space'],
  [/[~^:?*[\\]|\.\.|@\{|\/\//, (found) => `contains "${found}"`],
  [/^@$/, () => 'is "@"'],
  [/^[-/]/, (found) => `starts with "${found}"`],
  [/[/.]$/, (found) => `ends with "${found}"`],
  [/(?:^|\/)\./, () => 'has a part that starts with "."'],
  [/\.lock(?:\/|$)/, () => 'has a part that ends with ".lock"'],
  // git would take these for something else than a branch of that name: the checked-out commit,
  // or a full ref (pushing to `refs/heads/x` as a branch name makes `refs/heads/refs/heads/x`).
  [/^HEAD$/, () => 'is "HEAD", git\'s name for the commit checked out'],
  [/^refs\//, () => 'starts with "refs/": give the branch\'s short name (vigil-data, not refs/heads/vigil-data)'],
];

/** A git branch name as `git check-ref-format --branch` accepts it. */
export const branchName: Parser<string> = (value) => {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '') throw new Invalid(`expected a branch name, got ${show(value)}`);
  for (const [rule, reason] of BRANCH_RULES) {
    const found = rule.exec(name);
    if (found) throw new Invalid(`${show(name)} is not a valid branch name: it ${reason(found[0])}`);
  }
  return name;
};

const statusRanges: Parser<CheckSettings['expectedStatus']> = (value) => {
  const parsed = parseStatusRanges(value);
  if (typeof parsed === 'string') throw new Invalid(parsed);
  return parsed;
};

const text: Parser<string> = (value) => {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  throw new Invalid(`expected a non-empty string, got ${show(value)}`);
};

const textList: Parser<string[]> = (value) => {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item === 'string' && item !== '') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw new Invalid(`expected text or a list of texts, got ${show(item)}`);
  });
};

const regex: Parser<RegExp> = (value) => {
  if (typeof value !== 'string' || value === '') throw new Invalid(`expected a regular expression, got ${show(value)}`);
  const literal = /^\/(.*)\/([dgimsuvy]*)$/s.exec(value);
  try {
    // A /pattern/flags literal keeps its flags; a bare pattern is used as written.
    return literal ? new RegExp(literal[1], literal[2].replace(/[gy]/g, '')) : new RegExp(value);
  } catch (error) {
    throw new Invalid(`not a valid regular expression: ${(error as Error).message}`);
  }
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const headerMap: Parser<Record<string, string>> = (value) => {
  if (!isPlainObject(value)) throw new Invalid('expected a map of header names to values');
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) {
      throw new Invalid(`${show(name)} is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`);
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      throw new Invalid(`the value of header ${name} must be text`);
    }
    const headerValue = String(raw);
    // The value itself is never echoed: header values are treated as secrets.
    if (/[\r\n]/.test(headerValue)) throw new Invalid(`the value of header ${name} contains a line break`);
    const bad = /[^\t\x20-\x7e\x80-\xff]/.exec(headerValue);
    if (bad) {
      const what = bad[0].charCodeAt(0) < 0x80 ? 'a control character' : 'a character outside Latin-1';
      throw new Invalid(`the value of header ${name} contains ${what} (at position ${bad.index + 1}), which HTTP cannot carry`);
    }
    headers[name] = headerValue;
  }
  return headers;
};

const COMPARISON_HINT = 'a comparison is an operator (<, <=, >, >=, ==, !=) and a number, e.g. "< 400"';
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** A value that starts like a comparison: operator characters, then a space, a number or nothing.
 * Text such as `<b>` or `!important` does not, and stays an equality check. */
const LOOKS_LIKE_COMPARISON = /^\s*([<>=!]+)(?=[\s\d.+-]|$)\s*(.*?)\s*$/s;
const OPERATORS = new Set<JsonOperator>(['<', '<=', '>', '>=', '==', '!=']);

/** `age < 15m`: the word age, an operator, then something (a duration is checked below). */
const LOOKS_LIKE_AGE = /^\s*age\s*([<>=!]+)\s*(.*?)\s*$/is;
const AGE_HINT = 'an age is compared as age < 15m, age <= 1h, age > 5m or age >= 2h';

/** Reads `"< 400"`-style text, or `"age < 15m"`; null when the text is not meant as a comparison. */
export function parseComparison(text: string): NumberComparison | null {
  const age = LOOKS_LIKE_AGE.exec(text);
  if (age) {
    const [, operator, operand] = age;
    if (!['<', '<=', '>', '>='].includes(operator))
      throw new Invalid(`${show(text)}: ${show(operator)} is not an operator (${AGE_HINT})`);
    const parsed = parseDuration(operand);
    if (!('ms' in parsed)) {
      const got = operand === '' ? 'nothing' : show(operand);
      throw new Invalid(`${show(text)} compares the age with ${got}, not a duration (${AGE_HINT}; ${DURATION_HINT})`);
    }
    return {
      operator: operator as JsonOperator,
      bound: parsed.ms,
      text: `age ${operator} ${formatDuration(parsed.ms)}`,
      age: true,
    };
  }
  const match = LOOKS_LIKE_COMPARISON.exec(text);
  if (!match) return null;
  const [, operator, operand] = match;
  if (!OPERATORS.has(operator as JsonOperator)) {
    throw new Invalid(`${show(text)}: ${show(operator)} is not an operator (${COMPARISON_HINT})`);
  }
  if (!NUMBER.test(operand) || !Number.isFinite(Number(operand))) {
    const got = operand === '' ? 'nothing' : show(operand);
    throw new Invalid(`${show(text)} compares with ${got}, not a number (${COMPARISON_HINT})`);
  }
  const bound = Number(operand);
  return { operator: operator as JsonOperator, bound, text: `${operator} ${bound}` };
}

const LENGTH_KEY = /^len\((.*)\)$/s;

const jsonExpectations: Parser<JsonExpectation[]> = (value) => {
  if (!isPlainObject(value)) throw new Invalid('expected a map of JSON paths to expected values, e.g. { status: ok }');
  return Object.entries(value).map(([rawKey, expected]) => {
    const key = rawKey.trim();
    const lengthOf = LENGTH_KEY.exec(key);
    if (!lengthOf && /^len\(/.test(key)) {
      throw new Invalid(`${show(rawKey)} is not closed: write the length of a path as len(items)`);
    }
    const path = (lengthOf ? lengthOf[1].trim() : key).replace(/^\$\.?/, '');
    if (lengthOf && path === '') throw new Invalid(`${show(rawKey)} names no path: write the length of a path as len(items)`);
    const segments = path === '' ? [] : path.split('.');
    if (segments.some((segment) => segment === ''))
      throw new Invalid(`${show(rawKey)} is not a dotted path such as checks.db.status`);
    const comparison = typeof expected === 'string' ? parseComparison(expected) : null;
    if (lengthOf && comparison?.age)
      throw new Invalid(`${show(rawKey)} is a length: it has no age (compare it with a number, such as "> 0")`);
    if (lengthOf && comparison === null && !(typeof expected === 'number' && Number.isInteger(expected) && expected >= 0)) {
      throw new Invalid(
        `${show(rawKey)} is a length: expected a whole number or a comparison such as "> 0", got ${show(expected)}`,
      );
    }
    return { path, segments, length: lengthOf !== null, comparison, expected };
  });
};

/** The schemes listed in the message about an unknown one: every kind, and the key-only ones. */
const SCHEME_LIST = `${URL_SCHEMES.join(', ')}; or ${Object.values(KINDS)
  .filter((kind) => kind.key)
  .map((kind) => `${kind.key}:`)
  .join(' or ')} in place of url`;

/** A URL of any kind: its scheme picks the kind (probe/kinds/index.ts), which says what it needs. */
export const url: Parser<string> = (value) => {
  if (typeof value !== 'string' || value.trim() === '') throw new Invalid(`expected a URL, got ${show(value)}`);
  // `127.0.0.1:8080/` or `example.com/health`: a browser would guess the scheme; say what is missing.
  const hostLike = /^[\w-]+(\.[\w-]+)*(:\d+)?(\/\S*)?$/.test(value.trim()) && /[.:]/.test(value);
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw new Invalid(
      `${show(quoteUrl(value.trim()))} is not a valid URL${hostLike ? '; add http:// or https://' : mendOf(value.trim())}`,
    );
  }
  // `localhost:8080/health` parses, with `localhost` as its scheme: it is a host and port too.
  if (hostLike && !value.includes('://') && /:\d+(\/|$)/.test(value.trim()) && schemeSpec(parsed.href) === null)
    throw new Invalid(`${show(value)} is not a valid URL; add http:// or https://`);
  const scheme = parsed.protocol.replace(/:$/, '');
  const spec = schemeSpec(parsed.href);
  if (spec === null) throw new Invalid(`scheme "${scheme}" is not supported (use ${SCHEME_LIST})`);
  const key = KINDS[spec.kind].key;
  if (key !== undefined) throw new Invalid(`a ${spec.kind} check is written as "${key}:" in place of "url"`);
  if (spec.kind === 'http' && !parsed.hostname) throw new Invalid(`${show(value)} has no host`);
  const missing = KINDS[spec.kind].problem(parsed, spec);
  if (missing !== null) throw new Invalid(missing);
  return parsed.href;
};

/** A message to send (WebSocket): any text, sent as written. */
const message: Parser<string> = (value) => {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  throw new Invalid(`expected the text of a message, got ${show(value)}`);
};

/** A Telegram bot token as BotFather gives it: the bot's numeric id, a colon, the secret. */
const botToken: Parser<string> = (value) => {
  const token = typeof value === 'string' ? value.trim() : '';
  // The value itself is never echoed: it is a secret.
  if (!/^\d+:[A-Za-z0-9_-]{20,}$/.test(token))
    throw new Invalid('is not a bot token (digits, a colon, then the secret, as BotFather gives it)');
  return token;
};

/** A workflow file: `backup.yml` (of this repository) or `OWNER/REPO/.github/workflows/backup.yml`.
 * The file name goes into an API path, so only a file name's characters pass. */
const workflowFile: Parser<string> = (value) => {
  const written = typeof value === 'string' ? value.trim() : '';
  const file = '[A-Za-z0-9_.-]+\\.ya?ml';
  if (new RegExp(`^${file}$`).test(written) || new RegExp(`^[\\w.-]+/[\\w.-]+/\\.github/workflows/${file}$`).test(written)) {
    return written;
  }
  throw new Invalid(
    `${show(value)} is not a workflow file (backup.yml in this repository, or OWNER/REPO/.github/workflows/backup.yml)`,
  );
};

/** A push heartbeat's id (`heartbeat: backup`): what reports name in `client_payload.id`. */
const heartbeatId: Parser<string> = (value) => {
  const written = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  if (HEARTBEAT_ID.test(written)) return written;
  throw new Invalid(`${show(value)} is not a heartbeat id (${HEARTBEAT_ID_TEXT} characters)`);
};

const httpUrl: Parser<string> = (value) => {
  const written = url(value);
  if (!/^https?:/.test(written)) throw new Invalid(`${show(value)} is not an http or https URL`);
  return written;
};

const method: Parser<string> = (value) => {
  if (typeof value !== 'string' || !/^[A-Za-z]+$/.test(value.trim())) throw new Invalid(`${show(value)} is not an HTTP method`);
  return value.trim().toUpperCase();
};

/** The body is sent as written when it is text, or as JSON when it is a map or a list. */
export interface BodyValue {
  text: string;
  json: boolean;
}
const body: Parser<BodyValue> = (value) => {
  if (typeof value === 'string') return { text: value, json: false };
  if (typeof value === 'object' && value !== null) return { text: JSON.stringify(value), json: true };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), json: false };
  throw new Invalid(`expected text, or a map or list to send as JSON`);
};

const HOUR = 3_600_000;

/** Keys that describe a check: action inputs, `defaults:` keys and endpoint keys alike. */
export const CHECK_KEYS = {
  timeout: { field: 'timeout', parse: duration(1, HOUR) },
  retries: { field: 'retries', parse: integer(0, 10) },
  'retry-delay': { field: 'retryDelay', parse: duration(0, HOUR) },
  // Slower than the longest timeout cannot happen, so a longer limit is a mistake.
  'max-response-time': { field: 'maxResponseTime', parse: duration(1, HOUR) },
  'expected-status': { field: 'expectedStatus', parse: statusRanges },
  'follow-redirects': { field: 'followRedirects', parse: integer(0, 20) },
  'cert-expiry-days': { field: 'certExpiryDays', parse: integer(0, 3650) },
  insecure: { field: 'insecure', parse: boolean },
} as const satisfies Record<string, { field: keyof CheckSettings; parse: Parser<unknown> }>;

/** Keys that describe how the history judges an endpoint; inherited like the check keys. */
export const TRACKING_KEYS = {
  'uptime-target': { field: 'uptimeTarget', parse: uptimeTarget },
  'failure-threshold': { field: 'failureThreshold', parse: integer(1, 100) },
  'success-threshold': { field: 'successThreshold', parse: integer(1, 100) },
} as const satisfies Record<string, { field: keyof TrackingSettings; parse: Parser<unknown> }>;

/** Keys an endpoint inherits, most specific first: its own key, `defaults:`, the action input. */
export const INHERITED_KEYS = { ...CHECK_KEYS, ...TRACKING_KEYS };

export const CONTENT_KEYS = {
  'body-contains': { field: 'bodyContains', parse: textList },
  'body-not-contains': { field: 'bodyNotContains', parse: textList },
  'body-matches': { field: 'bodyMatches', parse: regex },
  json: { field: 'json', parse: jsonExpectations },
  'response-headers': {
    field: 'responseHeaders',
    parse: (value: unknown) => {
      const map = headerMap(value);
      return Object.fromEntries(Object.entries(map).map(([name, v]) => [name.toLowerCase(), v]));
    },
  },
} as const satisfies Record<string, { field: keyof ContentChecks; parse: Parser<unknown> }>;

/** Keys that describe the request. `${VAR}` is substituted in url, headers and body. */
export const REQUEST_KEYS = {
  url: { field: 'url', parse: url },
  name: { field: 'name', parse: text },
  id: { field: 'id', parse: text },
  method: { field: 'method', parse: method },
  headers: { field: 'headers', parse: headerMap },
  body: { field: 'body', parse: body },
} as const;

/** Keys that only some kinds of check read (see probe/kinds/index.ts for which). */
export const KIND_KEYS = {
  send: { field: 'send', parse: message },
  starttls: { field: 'starttls', parse: boolean },
  'telegram-bot': { field: 'token', parse: botToken },
  'api-url': { field: 'apiUrl', parse: httpUrl },
  'max-pending': { field: 'maxPending', parse: integer(0, 1_000_000) },
  workflow: { field: 'workflow', parse: workflowFile },
  'max-age': { field: 'maxAge', parse: duration(1, 366 * 24 * 3600_000) },
  branch: { field: 'branch', parse: branchName },
  heartbeat: { field: 'heartbeat', parse: heartbeatId },
} as const;

export const ENDPOINT_KEYS = { ...REQUEST_KEYS, ...INHERITED_KEYS, ...CONTENT_KEYS, ...KIND_KEYS };
export type EndpointKey = keyof typeof ENDPOINT_KEYS;

/** `defaults:` may set everything an endpoint can, except what identifies one endpoint. */
export const DEFAULTS_KEYS = Object.keys(ENDPOINT_KEYS).filter(
  (key) => !['url', 'name', 'id', 'telegram-bot', 'workflow', 'heartbeat'].includes(key),
) as EndpointKey[];

export const SUBSTITUTED_KEYS = new Set<string>(['url', 'headers', 'body', 'send', 'telegram-bot', 'api-url']);
