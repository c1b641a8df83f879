/**
 * Turns action inputs, the inline `endpoints` YAML and the config file into one list of fully
 * resolved endpoints. Every problem is collected with where it is (input name, key path, file
 * and line) and reported together, before any request is made.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter } from 'yaml';
import type { Endpoint } from './types.js';
import { parseYaml, type Source } from './yaml.js';
import { readConfigFile, readEndpointList, type FileContents, type RawEndpoint } from './config-file.js';
import { resolveEndpoint, type Findings, type LoadOptions } from './resolve-endpoint.js';

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
      // Named from the workspace, with "/" (`./config/vigil.yml` and `config\vigil.yml` are
      // `config/vigil.yml`), as GitHub names the repository's files an annotation is shown on.
      const fromWorkspace = path.relative(path.resolve(options.workspace), file);
      const inside = fromWorkspace !== '' && !fromWorkspace.startsWith('..') && !path.isAbsolute(fromWorkspace);
      const label = inside ? fromWorkspace.split(path.sep).join('/') : relative;
      if (inside) findings.configFile = label;
      const source: Source = { label, isFile: true, lines: new LineCounter() };
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
