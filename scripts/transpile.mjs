// Turns the TypeScript folders a script needs into plain ESM in a temporary folder (types are
// stripped, nothing is checked: `npm run typecheck` does that), so `npm run simulate` and
// `node scripts/bench-judge.mjs` run from a fresh clone in a second, without a full build.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Transpiles `src/<folder>/*.ts` for each folder; returns a function that imports one module. */
export function transpile(folders) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'vigil-ts-'));
  for (const folder of folders) {
    const from = path.join(root, 'src', folder);
    const to = path.join(out, folder);
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from).filter((file) => file.endsWith('.ts'))) {
      const source = readFileSync(path.join(from, name), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
        fileName: name,
      });
      writeFileSync(path.join(to, name.replace(/\.ts$/, '.js')), outputText);
    }
  }
  return loaderOf(out);
}

/** Imports modules of a folder that `transpile` wrote (`load.dir`), e.g. from a worker thread. */
export function loaderOf(dir) {
  const load = (module) => import(pathToFileURL(path.join(dir, module)).href);
  load.dir = dir;
  return load;
}
