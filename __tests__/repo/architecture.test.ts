/**
 * The shape of the house, read from the source: which folder may import which, no import
 * cycles, no file grown past 400 lines. The README's "Development" section draws the same
 * picture. Exceptions are listed here by name, each saying why, so the list can only shrink.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve('src');

/**
 * The layers, lowest first. A module imports from its own layer or from lower ones, never from
 * a higher one. A name is a folder of src/ or a file directly in it (without `.ts`).
 */
const LAYERS: readonly (readonly string[])[] = [
  // Text every layer shows or sends: redaction, escaping, one-line forms, durations.
  ['text'],
  // Inputs and the config file read into one typed Config (and the parsing of every list in it).
  ['config'],
  // One attempt at one endpoint, of any kind.
  ['probe'],
  // Judging an attempt, retries, the pool.
  ['check'],
  // Pure memory and the runtime of what the config describes.
  ['history', 'maintenance', 'heartbeat', 'keepalive'],
  // Where history lives.
  ['store'],
  // Sinks: what a run's results become.
  ['report', 'page', 'incidents', 'notify', 'simulate'],
  // Entries and the stages that tie the rest together.
  ['run', 'main', 'cli', 'cli-entry', 'index', 'runner', 'runner-core'],
];

/** Imports that go up a layer, each with the reason it is allowed (at most one). */
const UPWARD_ALLOWED: Record<string, string> = {
  // The registry of check kinds is one table that validation, the JSON Schema, the docs and the
  // probers read; config reaches it through this one door (see the comment in config/kinds.ts).
  'src/config/kinds.ts -> src/probe/kinds/index.ts': 'the kind registry',
};

/** Known import cycles (each as its files, sorted), to be removed by the run-as-stages change. */
const KNOWN_CYCLES: readonly string[] = [];

/** Files over 400 lines today, to be removed by the run-as-stages change (each split when next
 * reworked). A new file over 400 lines fails. */
const KNOWN_LONG: readonly string[] = [];
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const relative = (file: string) => path.relative(path.resolve('.'), file).split(path.sep).join('/');

/** Every relative import of a file: static, `export … from`, and `import()`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"](\.[^'"]+)['"]/gms),
    ...text.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]);
  return [
    ...new Set(
      specifiers
        .filter((specifier) => specifier.endsWith('.js'))
        .map((specifier) => relative(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')))),
    ),
  ];
}

const files = sourceFiles(SRC).map(relative).sort();
const graph = new Map(files.map((file) => [file, importsOf(path.resolve(file))]));

function layerOf(file: string): number {
  const name = file.slice('src/'.length).split('/')[0].replace(/\.ts$/, '');
  const layer = LAYERS.findIndex((names) => names.includes(name));
  if (layer < 0) throw new Error(`${file} is in no layer: add "${name}" to LAYERS in __tests__/repo/architecture.test.ts`);
  return layer;
}

/** Strongly connected components of more than one file (Tarjan). */
function cycles(): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    indexOf.set(file, index);
    low.set(file, index++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!indexOf.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, indexOf.get(next)!));
    }
    if (low.get(file) === indexOf.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of files) if (!indexOf.has(file)) visit(file);
  return found;
}

describe('architecture', () => {
  test('every import names a file that exists', () => {
    const missing = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => !graph.has(target)).map((target) => `${file} -> ${target}`),
    );
    expect(missing).toEqual([]);
  });

  test('no import cycle in src/', () => {
    const found = cycles().map((component) => component.join(' + '));
    expect(found.filter((cycle) => !KNOWN_CYCLES.includes(cycle))).toEqual([]);
  });

  test('imports go down the layers (text → config → probe → check → history … → sinks → entries)', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => graph.has(target) && layerOf(target) > layerOf(file)).map((target) => `${file} -> ${target}`),
    );
    expect(upward.filter((edge) => !(edge in UPWARD_ALLOWED))).toEqual([]);
    expect(Object.keys(UPWARD_ALLOWED).length).toBeLessThanOrEqual(1);
  });

  test('text/ imports nothing of Vigil outside itself', () => {
    const outside = files
      .filter((file) => file.startsWith('src/text/'))
      .flatMap((file) => graph.get(file)!.filter((target) => !target.startsWith('src/text/')));
    expect(outside).toEqual([]);
  });

  test('comments cite the README or docs/, which users can read', () => {
    const citing = [...sourceFiles(SRC), ...sourceFiles(path.resolve('__tests__'))]
      .map(relative)
      .filter((file) => /\bSPEC\b/.test(readFileSync(file, 'utf8')));
    expect(citing).toEqual([]);
  });

  test(`no new file over ${MAX_LINES} lines`, () => {
    const long = files.filter((file) => readFileSync(file, 'utf8').trimEnd().split('\n').length > MAX_LINES);
    expect(long.filter((file) => !KNOWN_LONG.includes(file))).toEqual([]);
  });
});
