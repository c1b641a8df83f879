/**
 * Redaction: the one place that decides what a user may see of a URL or a text that could hold
 * a secret. Every sink (log, summary, outputs, annotations, issues, terminal) goes through it.
 */
import { clip } from './one-line.js';

export const MASK = '***';

/** Parts that make a query parameter's name look secret wherever they appear in it
 * (`access_token`, `X-Amz-Signature`, `PHPSESSID`, `client_secret`). */
const SECRET_PART =
  /token|secret|passw|passphrase|passcode|pwd|signature|credential|auth|session|sessid|cookie|jwt|bearer|private|access|apikey|hmac|ticket/i;

/** Short words that look secret only as a whole word of the name (`hash`, `x-sig`, `api_key`,
 * `apiKey`), so that `hashtag`, `passenger`, `zipcode` or `design` stay readable. */
const SECRET_WORDS = new Set(['key', 'pass', 'pw', 'sid', 'hash', 'sig', 'code', 'otp']);

export function isSecretParam(name: string): boolean {
  if (SECRET_PART.test(name)) return true;
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z\d]+/);
  // A word ending in `key` too: `accesskey`, `licensekey`, `signingkey`.
  return words.some((word) => SECRET_WORDS.has(word) || word.endsWith('key'));
}

/**
 * Every form a secret value travels in, and so may come back in (a server that echoes the
 * request, an error that quotes the URL): as written; percent-encoded as a URL component; as the
 * URL parser writes it in a path, a query and user info (each encodes a different set of
 * characters); form-encoded (`+` for a space); and escaped inside a JSON string.
 */
export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2)]);
  const url = new URL('http://x/');
  url.pathname = `/${secret}`;
  forms.add(url.pathname.slice(1));
  url.search = `?${secret}`;
  forms.add(url.search.slice(1));
  url.username = secret;
  forms.add(url.username);
  forms.add(JSON.stringify(secret).slice(1, -1));
  return [...forms].filter((form) => form !== '');
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The forms of `user:password` credentials: each part, and the Base64 of the pair as a Basic
 * `Authorization` header carries it (padded, and without its padding as some servers echo it). */
function credentialForms(user: string, password: string): string[] {
  const pair = base64(`${user}:${password}`);
  return [...secretForms(user), ...secretForms(password), pair, pair.replace(/=+$/, '')];
}

/** Secret strings found in a URL: the user info (and the Basic credentials made of it), and the
 * values of secret-looking parameters, each in every form it travels in. */
export function secretsOfUrl(href: string): string[] {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return [];
  }
  const secrets: string[] = [];
  if (url.username || url.password) {
    secrets.push(url.username, url.password, ...credentialForms(safeDecode(url.username), safeDecode(url.password)));
  }
  for (const [name, value] of url.searchParams) {
    if (value && isSecretParam(name)) secrets.push(...secretForms(value));
  }
  return unique(secrets);
}

/** The secret strings of a header value: the value itself, the credentials after its scheme
 * (`Bearer abc` → `abc`), and for `Basic` the `user:password` it encodes and the password alone,
 * since a server may echo any of them. */
export function secretsOfHeader(value: string): string[] {
  const secrets = secretForms(value);
  const scheme = /^([A-Za-z][\w-]*)\s+(\S+)\s*$/.exec(value);
  if (scheme) {
    secrets.push(...secretForms(scheme[2]));
    if (scheme[1].toLowerCase() === 'basic') {
      const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      // Only when the token really is Base64 of printable `user:password`.
      if (colon >= 0 && base64(decoded).replace(/=+$/, '') === scheme[2].replace(/=+$/, '') && !/[\p{Cc}\uFFFD]/u.test(decoded)) {
        secrets.push(...secretForms(decoded), ...secretForms(decoded.slice(colon + 1)));
      }
    }
  }
  return unique(secrets);
}

function unique(secrets: string[]): string[] {
  return [...new Set(secrets)].filter((secret) => secret.length > 0);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Replaces every occurrence of each secret, in every form it travels in, with ***; and a
 * secret's start left where a text was cut (at its end, or before a `…`), so a text that was cut
 * before it was masked shows no prefix of a secret either. */
export function redactText(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) for (const form of secretForms(secret)) forms.add(form);
  let redacted = text;
  // Longest first, so a secret that contains another is masked whole.
  const sorted = [...forms].filter((form) => form.length >= 3).sort((a, b) => b.length - a.length);
  for (const form of sorted) redacted = redacted.split(form).join(MASK);
  return maskCutPrefixes(redacted, sorted);
}

/** The shortest start of a secret masked where a text was cut: shorter ones are common words. */
const CUT_PREFIX = 4;
/** Secrets shorter than this are not looked for in part. */
const CUT_SECRET = 8;

/** Masks the start of a secret that ends the text, or ends right before a `…` or `...` (where a cut left it). */
export function maskCutPrefixes(text: string, forms: readonly string[]): string {
  const candidates = forms.filter((form) => form.length >= CUT_SECRET);
  if (candidates.length === 0 || text.length < CUT_PREFIX) return text;
  const points: number[] = [];
  // `…` is ours; `...` is how V8 shortens the text it quotes (`"ab12"... is not valid JSON`).
  for (const mark of ['…', '...', '"...'])
    for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) points.push(at);
  points.push(text.length);
  points.sort((a, b) => a - b);
  let result = text;
  // From the end, so the positions before each point stay valid.
  for (const point of points.reverse()) {
    let longest = 0;
    for (const form of candidates) {
      for (let length = Math.min(form.length - 1, point); length >= Math.max(CUT_PREFIX, longest + 1); length--) {
        if (result.startsWith(form.slice(0, length), point - length)) {
          longest = length;
          break;
        }
      }
    }
    if (longest > 0) result = `${result.slice(0, point - longest)}${MASK}${result.slice(point)}`;
  }
  return result;
}

/** Masks, then cuts to `max` characters (ending with `…` when cut): the order every sink keeps. */
export function maskThenCut(text: string, secrets: readonly string[], max: number): string {
  return clip(redactText(text, secrets), max);
}

/** The URL as it may be shown: user info and secret-looking query values masked, and any other
 * configured secret (a substituted `${VAR}`) masked wherever it appears. */
export function redactUrl(href: string, secrets: readonly string[] = []): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return redactText(href, secrets);
  }
  // A URL without an authority (`telegram-bot:123456789`) is shown as it is written, not with a
  // `//` it never had.
  if (!href.slice(url.protocol.length).startsWith('//') && url.host === '') {
    return withScheme(url.protocol, url.pathname, secrets);
  }
  const hadUser = url.username !== '';
  const hadPassword = url.password !== '';
  url.username = '';
  url.password = '';
  let shown = '';
  if (hadUser || hadPassword) shown += `${hadUser ? MASK : ''}${hadPassword ? `:${MASK}` : ''}@`;
  shown += url.host + url.pathname;
  if (url.search.length > 1) {
    // Each parameter keeps the text it has in the URL (decoding and encoding it again would turn
    // `+` into `%20`, a form in which a configured secret would no longer be recognised).
    const parts = url.search.slice(1).split('&');
    shown += `?${parts.map((part) => maskParameter(part)).join('&')}`;
  }
  return withScheme(`${url.protocol}//`, shown, secrets);
}

/** `scheme + rest` with the secrets masked, but never the scheme: it says the kind of check, and
 * a database user named like it (`postgres://postgres:…`) is masked everywhere else. A secret that
 * begins in the scheme and goes on past it (a whole URL given as a secret) masks the whole. */
function withScheme(scheme: string, rest: string, secrets: readonly string[]): string {
  const text = scheme + rest;
  const spansScheme = secrets
    .flatMap(secretForms)
    .filter((form) => form.length >= 3)
    .some((form) => {
      for (let at = text.indexOf(form); at >= 0 && at < scheme.length; at = text.indexOf(form, at + 1))
        if (at + form.length > scheme.length) return true;
      return false;
    });
  return spansScheme ? redactText(text, secrets) : scheme + redactText(rest, secrets);
}

function maskParameter(part: string): string {
  const equals = part.indexOf('=');
  if (equals < 0 || equals === part.length - 1) return part;
  const name = safeDecode(part.slice(0, equals).replace(/\+/g, ' '));
  return isSecretParam(name) ? `${part.slice(0, equals)}=${MASK}` : part;
}
