// Loads a TypeScript module from src/ or __tests__/ in a plain Node.js script: ncc (already the
// build tool) bundles it into a temporary folder, which is imported and then removed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export async function importTs(entry) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'vigil-ts-'));
  try {
    const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
    execFileSync(process.execPath, [ncc, 'build', path.join(root, entry), '-o', out, '--quiet'], { cwd: root, stdio: 'inherit' });
    return await import(pathToFileURL(path.join(out, 'index.js')).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
