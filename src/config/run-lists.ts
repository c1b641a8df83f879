/**
 * The run's lists, `notify` targets and `maintenance` windows: from the action input (YAML text)
 * and from the config file's top-level key, the input's first. Their parsers (config/notify.ts,
 * config/maintenance.ts) name each problem by its key path (`notify[0].telegram.chat`); here the
 * path gets its line, as every other configuration problem has.
 */
import { LineCounter, isMap, isSeq, type Node } from 'yaml';
import { parseMaintenance, type MaintenanceWindow } from './maintenance.js';
import { checkNotifyEndpoints, parseNotify } from './notify.js';
import type { NotifyTarget } from './notify-types.js';
import { redactText, secretForms } from '../text/redact.js';
import { describe, entriesOf, parseYaml, plainValue, resolveAlias, type Source } from './yaml.js';
import { missingMessage, reportMissing, type Findings } from './resolve-endpoint.js';
import { type FileList, type RunList } from './config-file.js';
import { didYouMean } from '../text/did-you-mean.js';
import { substitute } from './substitute.js';
import type { Problem } from './types.js';

/** One list as written, in the input or in the file. */
interface WrittenList {
  value: unknown;
  /** Where the list is, for a problem with the list as a whole. */
  where: string;
  /** Where a rule about the whole list points: `input notify`, or the file's line. */
  origin: string;
  /** Where a key path inside it (`notify[0].telegram.chat`) is written. */
  place: (keyPath: string) => string;
}

/** The node a key path leads to, as far as it can be followed; for a map entry, its key (where
 * an unknown or wrong key is written), for a list item, the item. A path that goes further than
 * what is written (a required key that is missing) stops at the deepest node that is there. */
function locate(root: Node | null, source: Source, path: string): Node | null {
  let at = root;
  let node = resolveAlias(root, source);
  for (const [, index, key] of path.matchAll(/\[(\d+)\]|\.([^.[]+)/g)) {
    let next: { at: Node | null; value: Node | null } | undefined;
    if (index !== undefined && isSeq(node)) {
      const item = (node.items[Number(index)] as Node | undefined) ?? null;
      if (item !== null) next = { at: item, value: item };
    } else if (key !== undefined && isMap(node)) {
      const entry = entriesOf(node, source, '', []).find((candidate) => candidate.key === key);
      if (entry) next = { at: entry.keyNode ?? entry.valueNode, value: entry.valueNode };
    }
    if (next === undefined) break;
    at = next.at;
    node = resolveAlias(next.value, source);
  }
  return at;
}

function fromInput(name: RunList, text: string, problems: Problem[]): WrittenList | null {
  if (text.trim() === '') return null;
  const source: Source = { label: `input ${name}`, isFile: false, lines: new LineCounter() };
  const root = parseYaml(text, source, problems);
  if (root === null) return null; // invalid YAML (reported), or only comments
  const where = describe(source, root, name);
  const value = plainValue(root, source, where, problems);
  if (value === undefined) return null;
  return {
    value,
    where,
    origin: `input ${name}`,
    place: (keyPath) => describe(source, locate(root, source, keyPath.slice(name.length)), keyPath),
  };
}

function fromFile(name: RunList, list: FileList | undefined, problems: Problem[]): WrittenList | null {
  if (list === undefined) return null;
  const { source, keyNode, valueNode } = list;
  const where = describe(source, valueNode ?? keyNode, name);
  const value = plainValue(resolveAlias(valueNode, source), source, where, problems);
  if (value === undefined) return null;
  return {
    value,
    where,
    origin: where,
    place: (keyPath) =>
      keyPath === name ? where : describe(source, locate(valueNode, source, keyPath.slice(name.length)), keyPath),
  };
}

export interface RunListsOptions {
  /** The `notify` and `maintenance` inputs, as written. */
  inputs: Record<RunList, string>;
  /** The same lists in the config file, when it has them. */
  file: Partial<Record<RunList, FileList>>;
  env: NodeJS.ProcessEnv;
  /** The ids of all endpoints, or null when they are not all known (an endpoint had a problem):
   * then ids in the lists are not checked, so as not to report an id that is only missing
   * because of another problem. */
  endpointIds: string[] | null;
}

export interface RunLists {
  notify: NotifyTarget[];
  maintenance: MaintenanceWindow[];
  /** Where the first non-empty notify list is (`input notify`, or the file's line), or null. */
  notifyWrittenAt: string | null;
  /** Every secret of the notification targets, and every substituted value, in every form. */
  secrets: string[];
}

const hasItems = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== null && value !== '');

/** Reads, substitutes and checks both lists. Problems and notes go to `findings`. */
export function loadRunLists(options: RunListsOptions, findings: Findings): RunLists {
  const { problems } = findings;
  const secrets: string[] = [];
  /** Substituted values so far: no problem message may quote one. */
  const substituted: string[] = [];
  const report = (list: WrittenList, found: Problem[]) => {
    for (const problem of found)
      problems.push({ where: list.place(problem.where), message: redactText(problem.message, substituted) });
  };

  const notify: NotifyTarget[] = [];
  let notifyWrittenAt: string | null = null;
  const notifyLists = [fromInput('notify', options.inputs.notify, problems), fromFile('notify', options.file.notify, problems)];
  for (const list of notifyLists) {
    if (list === null) continue;
    if (notifyWrittenAt === null && hasItems(list.value)) notifyWrittenAt = list.origin;
    const parsed = parseNotify(list.value, (text, keyPath) => {
      const result = substitute(text, options.env);
      substituted.push(...result.used);
      secrets.push(...result.used.flatMap(secretForms));
      if (result.missing.length === 0) return result.value;
      // Not set where `vigil validate` runs: a note, and the value stays `${NAME}`, which the
      // notify parser leaves unchecked.
      if (findings.notes) {
        for (const name of result.missing) reportMissing(findings, list.place(keyPath), name);
        return text;
      }
      throw new Error(result.missing.map(missingMessage).join('; '));
    });
    secrets.push(...parsed.secrets.flatMap(secretForms));
    report(list, parsed.problems);
    if (options.endpointIds) report(list, checkNotifyEndpoints(parsed.targets, options.endpointIds));
    // The same item in the input and in the file is one target (its key is the same), not two
    // messages for each event.
    for (const target of parsed.targets) if (!notify.some((known) => known.key === target.key)) notify.push(target);
  }

  const maintenance: MaintenanceWindow[] = [];
  const maintenanceLists = [
    fromInput('maintenance', options.inputs.maintenance, problems),
    fromFile('maintenance', options.file.maintenance, problems),
  ];
  for (const list of maintenanceLists) {
    if (list === null) continue;
    const parsed = parseMaintenance(list.value);
    report(list, parsed.problems);
    if (options.endpointIds) report(list, unknownWindowIds(list.value, options.endpointIds));
    maintenance.push(...parsed.windows);
  }

  return { notify, maintenance, notifyWrittenAt, secrets: [...new Set(secrets)] };
}

/** Problems for a window's `endpoints:` ids that name no endpoint (parseMaintenance cannot know
 * the ids; it checks the shape of the list). */
function unknownWindowIds(value: unknown, ids: readonly string[]): Problem[] {
  if (!Array.isArray(value)) return [];
  const problems: Problem[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || !('endpoints' in item)) return;
    const written = (item as { endpoints: unknown }).endpoints;
    const listed = Array.isArray(written) ? written : [written];
    listed.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || id.trim() === '' || ids.includes(id.trim())) return;
      const guess = didYouMean(id.trim(), ids);
      problems.push({
        where: `maintenance[${index}].endpoints${Array.isArray(written) ? `[${i}]` : ''}`,
        message: `no endpoint has the id "${id.trim()}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
      });
    });
  });
  return problems;
}
