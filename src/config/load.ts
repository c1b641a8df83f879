/**
 * Turns action inputs, the inline `endpoints` YAML and the config file into one list of fully
 * resolved endpoints. Every problem is collected with where it is (input name, key path, file
 * and line) and reported together, before any request is made.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import {
  CHECK_KEYS,
  CONTENT_KEYS,
  DEFAULTS_KEYS,
  ENDPOINT_KEYS,
  Invalid,
  SUBSTITUTED_KEYS,
  didYouMean,
  type BodyValue,
  type EndpointKey,
} from './schema.js';
import { substitute } from './substitute.js';
import { secretsOfUrl } from '../report/redact.js';
import type { CheckSettings, Endpoint, Problem } from './types.js';

/** A YAML text and how to name places in it. */
interface Source {
  /** `vigil.yml` for a file, `input endpoints` for the inline list. */
  label: string;
  isFile: boolean;
  lines: LineCounter;
}

/** One value from the configuration, with the place it came from. */
interface Located {
  value: unknown;
  where: string;
}

type RawEndpoint = Partial<Record<EndpointKey, Located>> & { where: string; path: string };

function describe(source: Source, node: Node | null | undefined, keyPath: string): string {
  const offset = node?.range?.[0];
  if (offset === undefined) return source.isFile ? `${source.label}: ${keyPath}` : `${keyPath} (${source.label})`;
  const { line, col } = source.lines.linePos(offset);
  return source.isFile ? `${source.label}:${line}:${col}: ${keyPath}` : `${keyPath} (${source.label}, line ${line})`;
}

function parseYaml(text: string, source: Source, problems: Problem[]): Node | null {
  const doc = parseDocument(text, { lineCounter: source.lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = source.lines.linePos(error.pos[0]);
      const where = source.isFile ? `${source.label}:${line}:${col}` : `${source.label}, line ${line}`;
      problems.push({ where, message: `invalid YAML: ${error.message.split('\n')[0]}` });
    }
    return null;
  }
  return (doc.contents as Node | null) ?? null;
}

/** Reads the keys of a map node, reporting unknown ones with the closest known key. */
function readKeys(
  map: YAMLMap,
  source: Source,
  keyPath: string,
  known: readonly string[],
  problems: Problem[],
): Record<string, Located> {
  const found: Record<string, Located> = {};
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
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
    const valueNode = pair.value as Node | null;
    found[key] = { value: valueNode === null ? null : valueNode.toJSON(), where };
  }
  return found;
}

function readEndpointList(node: Node, source: Source, problems: Problem[]): RawEndpoint[] {
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
      where: describe(source, node, 'endpoints'),
      message: 'expected a list of endpoints, one per line, each "- https://…" or "- url: https://…"',
    });
    return [];
  }
  const endpoints: RawEndpoint[] = [];
  node.items.forEach((item, index) => {
    const itemPath = `endpoints[${index}]`;
    const itemNode = item as Node | null;
    const where = describe(source, itemNode, itemPath);
    if (isScalar(itemNode) && typeof itemNode.value === 'string') {
      endpoints.push({ where, path: itemPath, url: { value: itemNode.value, where: `${where}` } });
    } else if (isMap(itemNode)) {
      const keys = readKeys(itemNode, source, itemPath, Object.keys(ENDPOINT_KEYS), problems);
      if (!('url' in keys)) problems.push({ where, message: 'missing required key "url"' });
      endpoints.push({ where, path: itemPath, ...keys });
    } else {
      problems.push({ where, message: 'expected a URL or a map with a "url" key' });
    }
  });
  return endpoints;
}

export interface FileContents {
  defaults: Partial<Record<EndpointKey, Located>>;
  endpoints: RawEndpoint[];
}

function readConfigFile(text: string, source: Source, problems: Problem[]): FileContents {
  const empty: FileContents = { defaults: {}, endpoints: [] };
  const root = parseYaml(text, source, problems);
  if (root === null) return empty;
  if (!isMap(root)) {
    problems.push({ where: describe(source, root, '(top level)'), message: 'expected a map with "defaults" and "endpoints"' });
    return empty;
  }
  const result = { ...empty };
  for (const pair of root.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const valueNode = pair.value as Node | null;
    if (key === 'endpoints') {
      if (valueNode !== null) result.endpoints = readEndpointList(valueNode, source, problems);
    } else if (key === 'defaults') {
      if (valueNode === null) continue;
      if (!isMap(valueNode)) {
        problems.push({ where: describe(source, valueNode, 'defaults'), message: 'expected a map of settings' });
        continue;
      }
      result.defaults = readKeys(valueNode, source, 'defaults', DEFAULTS_KEYS, problems);
    } else {
      const suggestion = didYouMean(key, ['defaults', 'endpoints']);
      problems.push({
        where: describe(source, keyNode, key),
        message: `unknown key${suggestion ? `; did you mean "${suggestion}"?` : ' (expected "defaults" and "endpoints")'}`,
      });
    }
  }
  return result;
}

/** A readable slug: lowercase letters, digits and `-`. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The name an endpoint gets when none is given: host and path of its URL. */
export function defaultName(href: string): string {
  const parsed = new URL(href);
  return parsed.host + (parsed.pathname === '/' ? '' : parsed.pathname);
}

export interface LoadOptions {
  /** The inline `endpoints` input (YAML), possibly empty. */
  endpointsText: string;
  /** The `config` input: a path relative to `workspace`, possibly empty. */
  configPath: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  /** Check settings from the action inputs (already defaulted). */
  base: CheckSettings;
}

/** Resolves every endpoint. Problems are appended to `problems`; the endpoints returned are
 * meaningful only when no problem was found. */
export function loadEndpoints(options: LoadOptions, problems: Problem[]): Endpoint[] {
  const raw: RawEndpoint[] = [];
  let defaults: FileContents['defaults'] = {};

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
      raw.push(...contents.endpoints);
    }
  }

  if (raw.length === 0 && problems.length === 0) {
    problems.push({ where: 'input endpoints', message: 'no endpoints to check: set "endpoints" or "config"' });
  }

  const endpoints = raw.map((item) => resolveEndpoint(item, defaults, options, problems));
  const seen = new Map<string, string>();
  endpoints.forEach((endpoint, index) => {
    if (endpoint === null || endpoint.id === '') return;
    const first = seen.get(endpoint.id);
    if (first !== undefined) {
      problems.push({
        where: raw[index].where,
        message: `duplicate id "${endpoint.id}" (also ${first}); give one of them a different name`,
      });
    } else {
      seen.set(endpoint.id, raw[index].path);
    }
  });
  return endpoints.filter((endpoint): endpoint is Endpoint => endpoint !== null);
}

function resolveEndpoint(
  item: RawEndpoint,
  defaults: FileContents['defaults'],
  options: LoadOptions,
  problems: Problem[],
): Endpoint | null {
  const before = problems.length;
  const secrets: string[] = [];
  /** Substitutes `${VAR}` where allowed and parses one value, reporting problems where it is. */
  const parseValue = (key: EndpointKey, located: Located): unknown => {
    let value = located.value;
    if (SUBSTITUTED_KEYS.has(key)) {
      const result = substitute(value, options.env);
      for (const name of result.missing) {
        problems.push({ where: located.where, message: `environment variable ${name} is not set (used as \${${name}})` });
      }
      if (result.missing.length > 0) return undefined;
      secrets.push(...result.used);
      value = result.value;
    }
    try {
      return ENDPOINT_KEYS[key].parse(value);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.push({ where: located.where, message: error.message });
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
  if (problems.length > before || typeof parsed.url !== 'string') return null;
  const url = parsed.url;

  // Every header value the user configured is treated as a secret: it is never shown.
  secrets.push(...Object.values(headers).filter((value) => value.length >= 4));
  const body = (parsed.body as BodyValue | undefined) ?? null;
  if (body?.json && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }

  const name = (parsed.name as string | undefined) ?? defaultName(url);
  const id = slug((parsed.id as string | undefined) ?? name);
  if (id === '') {
    problems.push({ where: item.where, message: `name "${name}" has no letters or digits to make an id from` });
  }

  const check = { ...options.base } as Record<string, unknown>;
  for (const [key, spec] of Object.entries(CHECK_KEYS)) {
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

  secrets.push(...secretsOfUrl(url));
  return {
    ...(check as unknown as CheckSettings),
    ...(content as unknown as Pick<Endpoint, keyof typeof content & keyof Endpoint>),
    id,
    name,
    url,
    method: (parsed.method as string | undefined) ?? 'GET',
    headers,
    body: body?.text ?? null,
    secrets: [...new Set(secrets)],
  } as Endpoint;
}
