/**
 * The YAML of the configuration (the `endpoints` input, the config file) read with positions:
 * every value keeps where it is (file and line, or input and key path) for the messages about it.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import type { Problem } from './types.js';

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
export interface Located {
  value: unknown;
  where: string;
}

export function describe(source: Source, node: Node | null | undefined, keyPath: string): string {
  const offset = node?.range?.[0];
  if (offset === undefined) return source.isFile ? `${source.label}: ${keyPath}` : `${keyPath} (${source.label})`;
  const { line, col } = source.lines.linePos(offset);
  return source.isFile ? `${fileWhere(source.label, line, col)}: ${keyPath}` : `${keyPath} (${source.label}, line ${line})`;
}

/** A place in a file as compilers write it, `vigil.yml:12:5`: what people read, and what
 * `placeOf` reads back for the annotation. */
function fileWhere(file: string, line: number, column: number): string {
  return `${file}:${line}:${column}`;
}

/** A place in the configuration file: where GitHub shows the problem's annotation. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** The line and column in `file` that a problem's `where` names (`vigil.yml:12:5: endpoints[0].url`,
 * as `fileWhere` writes it); null for a place in an input, or in no file of the workspace. */
export function placeOf(where: string, file: string | null): Place | null {
  if (file === null || !where.startsWith(`${file}:`)) return null;
  const match = /^(\d+):(\d+)(?::|$)/.exec(where.slice(file.length + 1));
  return match ? { file, line: Number(match[1]), column: Number(match[2]) } : null;
}

export function parseYaml(text: string, source: Source, problems: Problem[]): Node | null {
  // `merge`: the `<<: *base` merge key of YAML 1.1, which users expect next to anchors.
  const doc = parseDocument(text, { lineCounter: source.lines, prettyErrors: false, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    // The first syntax error only: the parser's later ones follow from it and point elsewhere.
    for (const error of doc.errors.slice(0, 1)) {
      const { line, col } = source.lines.linePos(error.pos[0]);
      const where = source.isFile ? fileWhere(source.label, line, col) : `${source.label}, line ${line}`;
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
