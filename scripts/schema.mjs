// `npm run schema`: writes schema/vigil.schema.json, the JSON Schema of the config file, from the
// same key table as the validation (src/config/json-schema.ts) and action.yml's descriptions; and
// the table of check kinds in docs/check-kinds.md, from the registry of kinds
// (src/probe/kinds/index.ts), between its `kinds-table` markers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importTs, root } from './ts-module.mjs';

const { configJsonSchemaText, inputDescriptionsOf } = await importTs('src/config/json-schema.ts');
const descriptions = inputDescriptionsOf(readFileSync(path.join(root, 'action.yml'), 'utf8'));
const target = path.join(root, 'schema', 'vigil.schema.json');
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, configJsonSchemaText(descriptions));
console.log(`wrote ${path.relative(root, target)}`);

const { kindsMarkdownTable } = await importTs('src/probe/kinds/index.ts');
const page = path.join(root, 'docs', 'check-kinds.md');
const text = readFileSync(page, 'utf8');
const start = '<!-- kinds-table:start (npm run schema writes this table) -->';
const end = '<!-- kinds-table:end -->';
const from = text.indexOf(start);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error(`${path.relative(root, page)} has no ${start} … ${end} markers`);
// Formatted as `npm run format` would (prettier pads the table's columns).
const prettier = await import('prettier');
const updated = `${text.slice(0, from + start.length)}\n${kindsMarkdownTable()}\n${text.slice(to)}`;
writeFileSync(page, await prettier.format(updated, { ...(await prettier.resolveConfig(page)), filepath: page }));
console.log(`wrote the table of ${path.relative(root, page)}`);
