/**
 * The shape of the configuration's YAML: the config file's top-level keys, `defaults:`, and the
 * `endpoints` list (in the file or the input), read into located raw values; each endpoint is
 * then resolved by `resolve-endpoint.ts`.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { DEFAULTS_KEYS, ENDPOINT_KEYS, type EndpointKey } from './schema.js';
import { didYouMean } from '../text/did-you-mean.js';
import { KINDS } from './kinds.js';
import type { Problem } from './types.js';
import { describe, entriesOf, parseYaml, plainValue, resolveAlias, type Located, type Source } from './yaml.js';

export type RawEndpoint = Partial<Record<EndpointKey, Located>> & { where: string; path: string };

/** The keys written in place of `url` for kinds that have no URL. */
export const KEYED_KINDS = Object.values(KINDS).flatMap((kind) => (kind.key ? [kind.key] : []));

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

export function readEndpointList(listNode: Node, source: Source, problems: Problem[]): RawEndpoint[] {
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

export function readConfigFile(text: string, source: Source, problems: Problem[]): FileContents {
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
