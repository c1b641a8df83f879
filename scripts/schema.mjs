// `npm run schema`: writes schema/vigil.schema.json, the JSON Schema of the config file, from the
// same key table as the validation (src/config/json-schema.ts) and action.yml's descriptions.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importTs, root } from './ts-module.mjs';

const { configJsonSchemaText, inputDescriptionsOf } = await importTs('src/config/json-schema.ts');
const descriptions = inputDescriptionsOf(readFileSync(path.join(root, 'action.yml'), 'utf8'));
const target = path.join(root, 'schema', 'vigil.schema.json');
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, configJsonSchemaText(descriptions));
console.log(`wrote ${path.relative(root, target)}`);
