/**
 * One endpoint resolved from its raw values: `${VAR}` substituted (and the values kept as
 * secrets), every key parsed, inherited settings filled in, the name and id made, the kind's own
 * keys checked. Every problem names where it is.
 */
import {
  CONTENT_KEYS,
  ENDPOINT_KEYS,
  INHERITED_KEYS,
  Invalid,
  KIND_KEYS,
  SUBSTITUTED_KEYS,
  show,
  type BodyValue,
  type EndpointKey,
} from './schema.js';
import { substitute } from './substitute.js';
import { quoteUrl } from './url-quote.js';
import { KINDS, dnsQueryName, dnsQueryType, keysFor, schemeOf, schemeSpec, SCHEMES, type KindName } from './kinds.js';
import type { KindOptions } from './types.js';
import { redactText, redactUrl, secretForms, secretsOfHeader, secretsOfUrl } from '../text/redact.js';
import type { ContentChecks, Endpoint, InheritedSettings, Problem } from './types.js';
import type { Located } from './yaml.js';
import { KEYED_KINDS, type FileContents, type RawEndpoint } from './config-file.js';

/** What loading found besides the endpoints. */
export interface Findings {
  problems: Problem[];
  /** Every substituted value seen (in every form it travels in), also those of endpoints that
   * had a problem, so that the caller can mask them before it prints anything. */
  secrets: string[];
  /** When given, an unset `${VAR}` is a note here instead of a problem (`vigil validate`: secrets
   * live where the checks run, not where the file is checked). */
  notes?: Problem[];
  /** The config file as the problems name it (`vigil.yml:12:5: …`), relative to the workspace;
   * unset when there is none, or it lies outside the workspace (no file GitHub could show). */
  configFile?: string;
}

/** A readable slug of any script: lowercase letters (where the script has case), digits and
 * combining marks (scripts such as Devanagari need them), with `-` between words. Accents on Latin
 * letters are dropped (`Café` → `cafe`), as ids made before other scripts counted did. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The name an endpoint gets when none is given: host and path of its URL as users are shown it
 * (redactUrl), so that no secret in the URL, nor a part of one, reaches a name, an id, or anything
 * made of them. */
export function defaultName(href: string, secrets: readonly string[]): string {
  const scheme = schemeOf(href);
  const spec = schemeSpec(href);
  if (spec?.kind === 'telegram-bot') return href.slice(href.indexOf(':') + 1);
  if (spec?.kind === 'workflow') return `workflow ${href.slice(href.lastIndexOf('/') + 1)}`;
  if (spec?.kind === 'heartbeat') return `heartbeat ${href.slice(href.indexOf(':') + 1)}`;
  if (spec?.kind === 'dns') {
    // `dns example.com MX`: what is asked matters more than the resolver asked.
    const url = new URL(href);
    return redactText(`dns ${dnsQueryName(url)} ${dnsQueryType(url)}`, secrets);
  }
  const shown = redactUrl(href, secrets)
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^(\*{3})?(:\*{3})?@/, '')
    .replace(/\?.*$/s, '');
  const hostAndPath = shown.replace(/^([^/]*)\/$/, '$1');
  // Other kinds say what they are: `tcp db.internal:5432`, `wss chat.example.com/socket`.
  return spec === null || spec.kind === 'http' ? hostAndPath : `${scheme} ${hostAndPath}`;
}

export interface LoadOptions {
  /** The inline `endpoints` input (YAML), possibly empty. */
  endpointsText: string;
  /** The `config` input: a path relative to `workspace`, possibly empty. */
  configPath: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  /** Inherited settings from the action inputs (already defaulted). */
  base: InheritedSettings;
  /** `github-token`, for the checks that ask GitHub's API (`workflow:`). */
  githubToken?: string;
}

/** What `vigil validate` puts in for a variable that is not set where it runs: plain lowercase
 * text, valid in a host name, a path and a header, so the rest of the value is still checked. */
const standIn = (name: string) => `unset-${name.toLowerCase().replace(/_/g, '-')}`;

/** Reports a `${NAME}` whose variable is not set: a problem where it is used, or for `vigil
 * validate` a note, once per variable (it is set, or not, for all its uses). */
export function reportMissing(findings: Findings, where: string, name: string): void {
  const message = missingMessage(name);
  if (!findings.notes) findings.problems.push({ where, message });
  else if (!findings.notes.some((note) => note.message.startsWith(`${message};`))) {
    findings.notes.push({ where, message: `${message}; it must be set where the checks run` });
  }
}

export const missingMessage = (name: string) => `environment variable ${name} is not set (used as \${${name}})`;

export function resolveEndpoint(
  item: RawEndpoint,
  defaults: FileContents['defaults'],
  options: LoadOptions,
  findings: Findings,
): Endpoint | null {
  const { problems, notes } = findings;
  const before = problems.length;
  let unresolved = false;
  /** Values that must not be shown for this endpoint: substituted ones, and stand-ins. */
  const secrets: string[] = [];
  /** Substitutes `${VAR}` where allowed and parses one value, reporting problems where it is.
   * A message never quotes a substituted value: it quotes the value as written, with `***`. */
  const parseValue = (key: EndpointKey, located: Located): unknown => {
    const parse = ENDPOINT_KEYS[key].parse as (value: unknown) => unknown;
    if (!SUBSTITUTED_KEYS.has(key)) {
      try {
        return parse(located.value);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        problems.push({ where: located.where, message: error.message });
        return undefined;
      }
    }
    const result = substitute(located.value, options.env, notes ? { unset: standIn } : {});
    findings.secrets.push(...result.used.flatMap(secretForms));
    secrets.push(...result.used, ...result.missing.map(standIn));
    for (const name of result.missing) reportMissing(findings, located.where, name);
    if (result.missing.length > 0 && !notes) return undefined;
    try {
      return parse(result.value);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      // The value is quoted as written (`${DB_URL}`), never as substituted: whole, or as a URL
      // that did not parse is quoted (quoteUrl), which keeps the host and path of a secret URL.
      const quoted = (value: unknown) => show(typeof value === 'string' ? quoteUrl(value) : value);
      const asWritten = error.message
        .split(show(result.value))
        .join(show(result.shown))
        .split(quoted(result.value))
        .join(quoted(result.shown));
      const message = redactText(asWritten, result.used);
      if (result.missing.length > 0 && notes) {
        // It may be the stand-in that does not fit: not a problem of the file.
        notes.push({
          where: located.where,
          message: `cannot be checked while ${result.missing.join(', ')} is not set: ${message}`,
        });
        unresolved = true;
      } else {
        problems.push({ where: located.where, message });
      }
      return undefined;
    }
  };

  const parsed: Partial<Record<EndpointKey, unknown>> = {};
  for (const key of Object.keys(ENDPOINT_KEYS) as EndpointKey[]) {
    if (key === 'headers') continue; // merged below, not replaced
    const located = item[key] ?? defaults[key];
    if (located !== undefined) parsed[key] = parseValue(key, located);
  }
  // Headers merge key by key: the endpoint's own header wins over the same one in defaults.
  const headers: Record<string, string> = {};
  for (const located of [defaults.headers, item.headers]) {
    if (located === undefined) continue;
    const map = (parseValue('headers', located) as Record<string, string> | undefined) ?? {};
    for (const [name, value] of Object.entries(map)) {
      for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
      headers[name] = value;
    }
  }
  const keyed = KEYED_KINDS.find((key) => typeof parsed[key as EndpointKey] === 'string');
  if (keyed === 'workflow' && parsed.url === undefined) {
    // `workflow: backup.yml` is a file of this repository; the URL shown names the repository too.
    let path = parsed.workflow as string;
    if (!path.includes('/')) {
      const repository = options.env.GITHUB_REPOSITORY?.trim() ?? '';
      if (/^[\w.-]+\/[\w.-]+$/.test(repository)) path = `${repository}/.github/workflows/${path}`;
      else if (notes) path = `this-owner/this-repository/.github/workflows/${path}`;
      else {
        problems.push({
          where: (item.workflow as Located).where,
          message: `"${path}" is a workflow of this repository, but GITHUB_REPOSITORY is not set; write OWNER/REPO/.github/workflows/${path}`,
        });
      }
    }
    parsed.workflow = path;
    parsed.url = `workflow:${path}`;
  } else if (keyed === 'heartbeat' && parsed.url === undefined) {
    // `heartbeat: ID`: the URL shown is `heartbeat:ID`. Its `max-age` has no default: how long a
    // job may stay silent is the user's to say (README "Push heartbeats").
    if ((item['max-age'] ?? defaults['max-age']) === undefined) {
      problems.push({
        where: item.where,
        message: `missing required key "max-age" for heartbeat "${String(parsed.heartbeat)}": how long after a report the job counts as silent (e.g. max-age: 25h)`,
      });
    }
    parsed.url = `heartbeat:${String(parsed.heartbeat)}`;
  } else if (keyed !== undefined && parsed.url === undefined) {
    // `telegram-bot: TOKEN`: the URL shown is the kind and the bot's id, the digits before the
    // token's colon, which are public; the token itself travels in kindOptions, as a secret.
    const token = parsed[keyed as EndpointKey] as string;
    parsed.url = `${keyed}:${token.split(':')[0]}`;
    // Only the part after the colon is secret. The whole token is not registered as one, or a text
    // that ends in the bot's public id would be masked as the cut start of the token; the secret
    // part masks every text that holds the token.
    const secretPart = token.slice(token.indexOf(':') + 1);
    if (secretPart !== token) {
      const whole = new Set([token, ...secretForms(token)]);
      for (const list of [secrets, findings.secrets])
        for (let at = list.length - 1; at >= 0; at--) if (whole.has(list[at])) list.splice(at, 1);
    }
    secrets.push(secretPart);
    findings.secrets.push(...secretForms(secretPart));
  }
  if (problems.length > before || unresolved || typeof parsed.url !== 'string') return null;
  const url = parsed.url;
  const scheme = schemeSpec(url) ?? SCHEMES.http;
  const kind: KindName = scheme.kind;
  const applies = keysFor(scheme);
  if (applies !== null) {
    // Only keys written on the endpoint itself: `defaults:` may hold keys for other kinds.
    for (const key of Object.keys(item) as Array<EndpointKey | 'where' | 'path'>) {
      if (key === 'where' || key === 'path' || applies.includes(key)) continue;
      problems.push({
        where: (item[key] as Located).where,
        message: `"${key}" does not apply to a ${kind} check (${KINDS[kind].written}); keys for it: ${applies.filter((k) => k !== 'url').join(', ')}`,
      });
    }
  } else {
    for (const key of Object.keys(KIND_KEYS)) {
      // A key written with `url` was reported where the endpoint was read.
      if (key in item && !KEYED_KINDS.includes(key)) {
        const users = Object.values(KINDS).filter((spec) => spec.keys.includes(key));
        problems.push({
          where: (item[key as EndpointKey] as Located).where,
          message: `"${key}" does not apply to an http check; it is for ${users.map((spec) => spec.written).join(', ')}`,
        });
      }
    }
  }
  if (problems.length > before) return null;
  // What `defaults:` sets for other kinds is not used for this one (a `body-contains` meant for
  // the web pages does not judge a tcp check).
  if (applies !== null) {
    for (const key of Object.keys(parsed)) if (!applies.includes(key)) delete parsed[key as EndpointKey];
  }

  const allSecrets = [
    ...new Set([
      ...secrets.flatMap(secretForms),
      // Every header value the user configured is treated as a secret: it is never shown.
      ...Object.values(headers)
        .filter((value) => value.length >= 4)
        .flatMap(secretsOfHeader),
      ...secretsOfUrl(url),
    ]),
  ];
  const body = (parsed.body as BodyValue | undefined) ?? null;
  if (body?.json && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }

  const name = (parsed.name as string | undefined) ?? defaultName(url, allSecrets);
  const keyedId =
    keyed !== undefined && keyed !== 'workflow' ? `${kind.replace(/-bot$/, '')}-${url.slice(url.indexOf(':') + 1)}` : undefined;
  const id = slug((parsed.id as string | undefined) ?? (parsed.name === undefined ? keyedId : undefined) ?? name);
  if (id === '') {
    const hint = parsed.name === undefined ? '; give the endpoint a name or an id' : '';
    problems.push({ where: item.where, message: `name "${name}" has no letters or digits to make an id from${hint}` });
  }

  const check = { ...options.base } as Record<string, unknown>;
  for (const [key, spec] of Object.entries(INHERITED_KEYS)) {
    if (key in parsed) check[spec.field] = parsed[key as EndpointKey];
  }
  const content: Record<string, unknown> = {
    bodyContains: [],
    bodyNotContains: [],
    bodyMatches: null,
    json: [],
    responseHeaders: {},
  };
  for (const [key, spec] of Object.entries(CONTENT_KEYS)) {
    if (key in parsed) content[spec.field] = parsed[key as EndpointKey];
  }

  return {
    ...(check as unknown as InheritedSettings),
    ...(content as unknown as Pick<Endpoint, keyof typeof content & keyof Endpoint>),
    id,
    name,
    url,
    method: (parsed.method as string | undefined) ?? 'GET',
    headers,
    body: body?.text ?? null,
    secrets: allSecrets,
    ...(kind === 'http' ? {} : { kind: kindOptionsOf(parsed, content, kind === 'workflow' ? options : null) }),
    ...(kind === 'telegram-bot' && parsed.name === undefined ? { nameFromCheck: true } : {}),
    // A heartbeat's attempt judges what was read before the checks: another gives the same answer.
    ...(kind === 'heartbeat' ? { retries: 0 } : {}),
  } as Endpoint;
}

/** The keys a kind's prober reads, from the parsed endpoint keys. */
function kindOptionsOf(
  parsed: Partial<Record<EndpointKey, unknown>>,
  content: Record<string, unknown>,
  github: LoadOptions | null,
): KindOptions {
  const options: Record<string, unknown> = {};
  if (github) {
    // A workflow check asks GitHub's API, with the run's token (masked as the run's own secret).
    options.githubToken = github.githubToken ?? '';
    options.githubApiUrl = github.env.GITHUB_API_URL || 'https://api.github.com';
  }
  const { bodyContains, bodyNotContains, bodyMatches, json } = content as unknown as ContentChecks;
  if (bodyContains.length + bodyNotContains.length + json.length > 0 || bodyMatches !== null) options.readBody = true;
  for (const [key, spec] of Object.entries(KIND_KEYS)) {
    if (parsed[key as EndpointKey] !== undefined) options[spec.field] = parsed[key as EndpointKey];
  }
  return options as KindOptions;
}
