/**
 * The config file's JSON Schema, as an editor uses it: it is the committed file, it knows every
 * key of the validation's table, it accepts the examples, and it says no where the validation
 * says no (checked against the real loader, value by value).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { KEY_JSON_SCHEMAS, configJsonSchema, configJsonSchemaText, inputDescriptionsOf } from '../src/config/json-schema.js';
import { loadConfig } from '../src/config/inputs.js';
import { DEFAULTS_KEYS, ENDPOINT_KEYS, type EndpointKey } from '../src/config/schema.js';
import { ConfigError } from '../src/config/types.js';
import { ROOT } from './support/action.js';

const committed = readFileSync(path.join(ROOT, 'schema', 'vigil.schema.json'), 'utf8');
const descriptions = inputDescriptionsOf(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(committed));
const schemaAccepts = (value: unknown) => validate(value) as boolean;

let workspace: string;
beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'vigil-schema-'));
});

/** What the real validation says of a config file's text: null when it loads, else its problems. */
function loaderProblems(text: string): string[] | null {
  writeFileSync(path.join(workspace, 'vigil.yml'), text);
  try {
    loadConfig((name) => (name === 'config' ? 'vigil.yml' : ''), { env: {}, workspace });
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.where}: ${p.message}`);
    throw error;
  }
}

describe('the committed schema', () => {
  test('is exactly what `npm run schema` generates (run it after changing keys or action.yml)', () => {
    expect(committed).toBe(configJsonSchemaText(descriptions));
  });

  test('is valid draft-07 (ajv compiles it in strict mode)', () => {
    expect(typeof validate).toBe('function');
    expect(configJsonSchema().$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  test('knows every key of the validation`s table, in the same places', () => {
    const schema = JSON.parse(committed);
    expect(Object.keys(schema.definitions.endpoint.properties).sort()).toEqual(Object.keys(ENDPOINT_KEYS).sort());
    expect(Object.keys(schema.properties.defaults.properties).sort()).toEqual([...DEFAULTS_KEYS].sort());
    expect(schema.definitions.endpoint.required).toEqual(['url']);
  });

  test('a check key says what its action input says, with the same default', () => {
    const timeout = JSON.parse(committed).definitions.endpoint.properties.timeout;
    expect(timeout.description).toBe(descriptions.timeout);
    expect(timeout.default).toBe('30s');
    expect(JSON.parse(committed).properties.defaults.properties.retries.default).toBe(2);
  });
});

describe('files', () => {
  const examples = readdirSync(path.join(ROOT, 'examples')).filter((file) => /\.ya?ml$/.test(file));

  test.each(examples)('accepts examples/%s, which points editors at the schema', (file) => {
    const text = readFileSync(path.join(ROOT, 'examples', file), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/vigil.schema.json');
    expect(schemaAccepts(parse(text))).toBe(true);
    expect(validate.errors ?? null).toBeNull();
  });

  // The bad configurations of the validation's own tests: both the loader and the schema refuse each.
  const bad: Array<[string, string]> = [
    ['an unknown key', 'endpoints:\n  - url: https://a.example\n    timout: 3s\n'],
    ['a snake_case key', 'endpoints:\n  - url: https://a.example\n    max_response_time: 3s\n'],
    ['an unknown top-level key', 'endpoint:\n  - https://a.example\n'],
    ['a bad duration', 'endpoints:\n  - url: https://c.example\n    timeout: 3x\n'],
    ['a word for a number', 'endpoints:\n  - url: https://c.example\n    retries: three\n'],
    ['a number out of range', 'endpoints:\n  - { url: "https://a.example", retries: -1 }\n'],
    ['a word for a boolean', 'endpoints:\n  - { url: "https://a.example", insecure: maybe }\n'],
    ['a bad status range', 'endpoints:\n  - { url: "https://a.example", expected-status: 2xx }\n'],
    ['not a URL', 'endpoints:\n  - not a url\n'],
    ['an unsupported scheme', 'endpoints:\n  - ftp://files.example/x\n'],
    ['a url that is a map', 'endpoints:\n  - url: { host: a.example }\n'],
    ['an endpoint without url', 'endpoints:\n  - name: No URL\n'],
    ['an endpoint that is a number', 'endpoints:\n  - 42\n'],
    [
      'a key that identifies one endpoint, as a default',
      'defaults:\n  url: https://a.example\nendpoints:\n  - https://b.example\n',
    ],
    ['defaults that are a list', 'defaults: [1]\nendpoints:\n  - https://b.example\n'],
    ['endpoints that are a map', 'endpoints:\n  url: https://a.example\n'],
    ['a bad header name', 'endpoints:\n  - { url: "https://a.example", headers: { "Bad Header": x } }\n'],
    ['a bad method', 'endpoints:\n  - { url: "https://a.example", method: "GE T" }\n'],
    ['a body of null', 'endpoints:\n  - { url: "https://a.example", body: null }\n'],
    ['json that is a list', 'endpoints:\n  - { url: "https://a.example", json: [ok] }\n'],
  ];

  test.each(bad)('refuses %s, as the validation does', (_, text) => {
    expect(loaderProblems(text)).not.toBeNull();
    expect(schemaAccepts(parse(text))).toBe(false);
  });
});

describe('the schema and the validation agree, key by key', () => {
  const ENDPOINT = 'https://a.example/';
  /** The values a config file might hold for a key, including each bound of a range and one past it. */
  function samples(key: EndpointKey): unknown[] {
    const schema = KEY_JSON_SCHEMAS[key];
    const common: unknown[] = [true, null, [], {}, 'x y', ''];
    if (schema.type === 'integer') {
      const { minimum, maximum } = schema as { minimum: number; maximum: number };
      return [...common, minimum - 1, minimum, maximum, maximum + 1, 1.5, 'three'];
    }
    if (schema === KEY_JSON_SCHEMAS.timeout || schema.pattern === KEY_JSON_SCHEMAS.timeout.pattern)
      return [...common, '250ms', '30s', '2m', '1h', '1.5s', '3x', 'soon'];
    switch (key) {
      case 'url':
        return [...common, ENDPOINT, 'http://b.example:8080/x?y=1', 'ftp://a.example/', 'not a url', 'https://', 3];
      case 'name':
      case 'id':
        return [...common, 'API', 'Главная', 42, '  '];
      case 'method':
        return [...common, 'GET', 'post', 'GE T', 3];
      case 'headers':
      case 'response-headers':
        return [...common, { 'X-A': 'b', 'X-N': 3 }, { 'Bad Name': 'x' }, { 'X-A': 'a\nb' }, { 'X-A': {} }, 'x'];
      case 'body':
        return [...common, 'text', { a: 1 }, [1, 2], 3];
      case 'expected-status':
        return [...common, 200, '200-299, 301', [200, '301-302'], '2xx', 99, 600, [{}], '200, 300-399'];
      case 'body-contains':
      case 'body-not-contains':
        return [...common, 'Welcome', ['a', 'b'], 3, [{}], ['']];
      case 'body-matches':
        return [...common, '^ok$', '/ok/i', 3];
      case 'json':
        return [...common, { status: 'ok', 'checks.db.status': 'ok' }, { '$.status': 'ok' }, { 'a..b': 1 }, 'x', [1]];
      case 'insecure':
        return [...common, false, 'yes', 1];
      default:
        return common;
    }
  }

  const keys = Object.keys(ENDPOINT_KEYS) as EndpointKey[];
  test.each(keys)('%s', (key) => {
    const disagreements: string[] = [];
    for (const value of samples(key)) {
      const endpoint = key === 'url' ? { url: value } : { url: ENDPOINT, [key]: value };
      let parserAccepts = true;
      try {
        ENDPOINT_KEYS[key].parse(value);
      } catch {
        parserAccepts = false;
      }
      const accepted = schemaAccepts({ endpoints: [endpoint] });
      if (accepted !== parserAccepts)
        disagreements.push(`${JSON.stringify(value)}: schema ${accepted}, validation ${parserAccepts}`);
    }
    expect(disagreements).toEqual([]);
  });
});
