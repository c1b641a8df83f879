/**
 * Turns action inputs, the inline `endpoints` YAML and the config file into one list of fully
 * resolved endpoints. Every problem is collected with where it is (input name, key path, file
 * and line) and reported together, before any request is made.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import {
  CONTENT_KEYS,
  DEFAULTS_KEYS,
  ENDPOINT_KEYS,
  INHERITED_KEYS,
  Invalid,
  KIND_KEYS,
  SUBSTITUTED_KEYS,
  didYouMean,
  show,
  type BodyValue,
  type EndpointKey,
} from './schema.js';
import { substitute } from './substitute.js';
import {
  KINDS,
  dnsQueryName,
  dnsQueryType,
  keysFor,
  schemeOf,
  schemeSpec,
  SCHEMES,
  type KindName,
} from '../probe/kinds/index.js';
import type { KindOptions } from '../probe/probe.js';
import { redactText, redactUrl, secretForms, secretsOfHeader, secretsOfUrl } from '../report/redact.js';
import type { ContentChecks, Endpoint, InheritedSettings, Problem } from './types.js';

/** A YAML text and how to name places in it. */
export interface Source {
  /** `vigil.yml` for a file, `input endpoints` for the inline list. */
  label: string;
  isFile: boolean;
  lines: LineCounter;
  /** The parsed document, which aliases are resolved against. */
  doc?: Document;
}

/** One value from the configuration, with the place it came from. */
interface Located {
  value: unknown;
  where: string;
}

type RawEndpoint = Partial<Record<EndpointKey, Located>> & { where: string; path: string };

/** What loading found besides the endpoints. */
export interface Findings {
  problems: Problem[];
  /** Every substituted value seen (in every form it travels in), also those of endpoints that
   * had a problem, so that the caller can mask them before it prints anything. */
  secrets: string[];
  /** When given, an unset `${VAR}` is a note here instead of a problem (`vigil validate`: secrets
   * live where the checks run, not where the file is checked). */
  notes?: Problem[];
}

export function describe(source: Source, node: Node | null | undefined, keyPath: string): string {
  const offset = node?.range?.[0];
  if (offset === undefined) return source.isFile ? `${source.label}: ${keyPath}` : `${keyPath} (${source.label})`;
  const { line, col } = source.lines.linePos(offset);
  return source.isFile ? `${source.label}:${line}:${col}: ${keyPath}` : `${keyPath} (${source.label}, line ${line})`;
}

export function parseYaml(text: string, source: Source, problems: Problem[]): Node | null {
  // `merge`: the `<<: *base` merge key of YAML 1.1, which users expect next to anchors.
  const doc = parseDocument(text, { lineCounter: source.lines, prettyErrors: false, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    // The first syntax error only: the parser's later ones follow from it and point elsewhere.
    for (const error of doc.errors.slice(0, 1)) {
      const { line, col } = source.lines.linePos(error.pos[0]);
      const where = source.isFile ? `${source.label}:${line}:${col}` : `${source.label}, line ${line}`;
      problems.push({ where, message: `invalid YAML: ${error.message.split('\n')[0]}` });
    }
    return null;
  }
  source.doc = doc;
  return resolveAlias(doc.contents as Node | null, source);
}

/** The node an alias (`*name`) stands for; any other node as it is. */
export function resolveAlias(node: Node | null | undefined, source: Source): Node | null {
  if (node === null || node === undefined) return null;
  if (!isAlias(node)) return node;
  return (source.doc && node.resolve(source.doc)) ?? null;
}

/** A node's value as plain data, with aliases and merge keys resolved as YAML defines them. */
export function plainValue(node: Node | null, source: Source, where: string, problems: Problem[]): unknown {
  if (node === null) return null;
  try {
    // maxAliasCount guards against alias bombs ("billion laughs").
    return source.doc ? node.toJS(source.doc, { maxAliasCount: 100 }) : node.toJSON();
  } catch (error) {
    problems.push({ where, message: `cannot be read: ${(error as Error).message}` });
    return undefined;
  }
}

const isMergeKey = (node: Node | null) => isScalar(node) && typeof node.value === 'symbol';
const keyText = (node: Node | null) => (isScalar(node) ? String(node.value) : String(node));

export interface Entry {
  key: string;
  keyNode: Node | null;
  valueNode: Node | null;
}

/** The entries of a map, with the maps that `<<:` merges in: a key written in the map wins over a
 * merged one, and an earlier merged map over a later one. Positions stay those of the key as
 * written, in the map or in the anchored map it was merged from. */
export function entriesOf(map: YAMLMap, source: Source, keyPath: string, problems: Problem[], seen = new Set<Node>()): Entry[] {
  seen.add(map);
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of map.items) {
    const keyNode = resolveAlias(pair.key as Node | null, source);
    const valueNode = pair.value as Node | null;
    if (!isMergeKey(keyNode)) {
      own.push({ key: keyText(keyNode), keyNode, valueNode });
      continue;
    }
    const target = resolveAlias(valueNode, source);
    const maps = isSeq(target) ? target.items.map((item) => resolveAlias(item as Node | null, source)) : [target];
    for (const inner of maps) {
      if (!isMap(inner)) {
        problems.push({
          where: describe(source, keyNode, `${keyPath}.<<`),
          message: 'a merge key takes a map, or a list of maps, to merge in (such as <<: *defaults)',
        });
      } else if (!seen.has(inner)) {
        merged.push(...entriesOf(inner, source, keyPath, problems, seen));
      }
    }
  }
  const entries = [...own];
  for (const entry of merged) if (!entries.some((known) => known.key === entry.key)) entries.push(entry);
  return entries;
}

/** The keys written in place of `url` for kinds that have no URL. */
const KEYED_KINDS = Object.values(KINDS).flatMap((kind) => (kind.key ? [kind.key] : []));

/** Reads the keys of a map node, reporting unknown ones with the closest known key. */
function readKeys(
  map: YAMLMap,
  source: Source,
  keyPath: string,
  known: readonly string[],
  problems: Problem[],
): Record<string, Located> {
  const found: Record<string, Located> = {};
  for (const { key, keyNode, valueNode } of entriesOf(map, source, keyPath, problems)) {
    const where = describe(source, keyNode, `${keyPath}.${key}`);
    if (!known.includes(key)) {
      if (key in ENDPOINT_KEYS) {
        problems.push({ where, message: `"${key}" belongs on each endpoint, not in ${keyPath}` });
        continue;
      }
      const suggestion = didYouMean(key, known);
      problems.push({ where, message: `unknown key${suggestion ? `; did you mean "${suggestion}"?` : ''}` });
      continue;
    }
    const value = plainValue(valueNode, source, where, problems);
    if (value !== undefined) found[key] = { value, where };
  }
  return found;
}

function readEndpointList(listNode: Node, source: Source, problems: Problem[]): RawEndpoint[] {
  const node = resolveAlias(listNode, source);
  if (isScalar(node) && typeof node.value === 'string') {
    // Forgiving: `endpoints: https://example.com`, or URLs one per line without dashes.
    const urls = node.value.split(/\s+/).filter((url) => url !== '');
    return urls.map((url, index) => {
      const where = describe(source, node, `endpoints[${index}]`);
      return { where, path: `endpoints[${index}]`, url: { value: url, where } };
    });
  }
  if (!isSeq(node)) {
    problems.push({
      where: describe(source, node ?? listNode, 'endpoints'),
      message: 'expected a list of endpoints, one per line, each "- https://…" or "- url: https://…"',
    });
    return [];
  }
  const endpoints: RawEndpoint[] = [];
  node.items.forEach((item, index) => {
    const itemPath = `endpoints[${index}]`;
    // Where the item is written, also when it is an alias of one defined elsewhere.
    const where = describe(source, item as Node | null, itemPath);
    const itemNode = resolveAlias(item as Node | null, source);
    if (isScalar(itemNode) && typeof itemNode.value === 'string') {
      endpoints.push({ where, path: itemPath, url: { value: itemNode.value, where: `${where}` } });
    } else if (isMap(itemNode)) {
      const keys = readKeys(itemNode, source, itemPath, Object.keys(ENDPOINT_KEYS), problems);
      // A kind without a URL (a Telegram bot) is written with its own key in place of `url`.
      const instead = KEYED_KINDS.filter((key) => key in keys);
      if (!('url' in keys) && instead.length === 0) problems.push({ where, message: 'missing required key "url"' });
      if ([...instead, ...('url' in keys ? ['url'] : [])].length > 1) {
        const both = [...('url' in keys ? ['url'] : []), ...instead].map((key) => `"${key}"`).join(' and ');
        problems.push({ where, message: `${both} each say what to check: give only one of them` });
      }
      endpoints.push({ where, path: itemPath, ...keys });
    } else {
      problems.push({ where, message: 'expected a URL or a map with a "url" key' });
    }
  });
  return endpoints;
}

/** The lists of the run (not of an endpoint) that the config file may hold besides the input. */
export const RUN_LISTS = ['notify', 'maintenance'] as const;
export type RunList = (typeof RUN_LISTS)[number];

/** One such list as written in the config file, kept as YAML so that its problems name a line. */
export interface FileList {
  source: Source;
  keyNode: Node | null;
  valueNode: Node | null;
}

export interface FileContents {
  defaults: Partial<Record<EndpointKey, Located>>;
  endpoints: RawEndpoint[];
  lists: Partial<Record<RunList, FileList>>;
}

const TOP_LEVEL_KEYS = ['defaults', 'endpoints', ...RUN_LISTS];

function readConfigFile(text: string, source: Source, problems: Problem[]): FileContents {
  const empty: FileContents = { defaults: {}, endpoints: [], lists: {} };
  const root = parseYaml(text, source, problems);
  if (root === null) return empty;
  if (!isMap(root)) {
    problems.push({ where: describe(source, root, '(top level)'), message: 'expected a map with "defaults" and "endpoints"' });
    return empty;
  }
  const result = { ...empty };
  for (const { key, keyNode, valueNode: written } of entriesOf(root, source, '(top level)', problems)) {
    const valueNode = resolveAlias(written, source);
    // A key left empty (`defaults:`) holds a null scalar: nothing to read, as the schema allows.
    const empty = valueNode === null || (isScalar(valueNode) && valueNode.value === null);
    if (key === 'endpoints') {
      if (!empty) result.endpoints = readEndpointList(valueNode, source, problems);
    } else if (key === 'defaults') {
      if (empty) continue;
      if (!isMap(valueNode)) {
        problems.push({ where: describe(source, valueNode, 'defaults'), message: 'expected a map of settings' });
        continue;
      }
      result.defaults = readKeys(valueNode, source, 'defaults', DEFAULTS_KEYS, problems);
    } else if ((RUN_LISTS as readonly string[]).includes(key)) {
      result.lists = { ...result.lists, [key]: { source, keyNode, valueNode: written } };
    } else {
      const suggestion = didYouMean(key, TOP_LEVEL_KEYS);
      problems.push({
        where: describe(source, keyNode, key),
        message: `unknown key${suggestion ? `; did you mean "${suggestion}"?` : ` (expected ${TOP_LEVEL_KEYS.map((k) => `"${k}"`).join(', ')})`}`,
      });
    }
  }
  return result;
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

export interface Loaded {
  endpoints: Endpoint[];
  /** `notify:` and `maintenance:` of the config file, when it has them. */
  lists: FileContents['lists'];
}

/** Resolves every endpoint. Problems (and notes, secrets) are added to `findings`; the endpoints
 * returned are meaningful only when no problem was found. */
export function loadEndpoints(options: LoadOptions, findings: Findings): Loaded {
  const { problems } = findings;
  const start = problems.length;
  const raw: RawEndpoint[] = [];
  let defaults: FileContents['defaults'] = {};
  let lists: FileContents['lists'] = {};

  if (options.endpointsText.trim() !== '') {
    const source: Source = { label: 'input endpoints', isFile: false, lines: new LineCounter() };
    const node = parseYaml(options.endpointsText, source, problems);
    if (node !== null) raw.push(...readEndpointList(node, source, problems));
  }
  if (options.configPath.trim() !== '') {
    const relative = options.configPath.trim();
    const file = path.resolve(options.workspace, relative);
    let text: string | null = null;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({
        where: 'input config',
        message: code === 'ENOENT' ? `file "${relative}" not found` : `cannot read "${relative}" (${code ?? String(error)})`,
      });
    }
    if (text !== null) {
      const source: Source = { label: relative, isFile: true, lines: new LineCounter() };
      const contents = readConfigFile(text, source, problems);
      defaults = contents.defaults;
      lists = contents.lists;
      raw.push(...contents.endpoints);
    }
  }

  if (raw.length === 0 && problems.length === 0) {
    problems.push({ where: 'input endpoints', message: 'no endpoints to check: set "endpoints" or "config"' });
  }

  const endpoints = raw.map((item) => resolveEndpoint(item, defaults, options, findings));
  const seen = new Map<string, string>();
  endpoints.forEach((endpoint, index) => {
    if (endpoint === null || endpoint.id === '') return;
    const first = seen.get(endpoint.id);
    if (first !== undefined) {
      problems.push({
        where: raw[index].where,
        message: `duplicate id "${endpoint.id}" (also ${first}); give one of them a different name or an id`,
      });
    } else {
      seen.set(endpoint.id, raw[index].path);
    }
  });
  // A mistake under `defaults:` is found again for every endpoint that inherits it: say it once.
  const said = new Set<string>();
  const found = problems.splice(start).filter((problem) => {
    const key = `${problem.where}\0${problem.message}`;
    return !said.has(key) && said.add(key) !== undefined;
  });
  problems.push(...found);
  return { endpoints: endpoints.filter((endpoint): endpoint is Endpoint => endpoint !== null), lists };
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

function resolveEndpoint(
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
      const message = redactText(error.message.split(show(result.value)).join(show(result.shown)), result.used);
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
