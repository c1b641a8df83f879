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
import {
  KEY_JSON_SCHEMAS,
  configJsonSchema,
  configJsonSchemaText,
  inputDescriptionsOf,
} from '../../../src/config/json-schema.js';
import { loadConfig } from '../../../src/config/inputs.js';
import { DEFAULTS_KEYS, ENDPOINT_KEYS, type EndpointKey } from '../../../src/config/schema.js';
import { ConfigError } from '../../../src/config/types.js';
import { ROOT } from '../../support/action.js';

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
    // `url`, or a key written in its place (`telegram-bot`): exactly one of them.
    expect(schema.definitions.endpoint.oneOf.map((branch: { required: string[] }) => branch.required)).toEqual([
      ['url'],
      ['telegram-bot'],
      ['workflow'],
      ['heartbeat'],
    ]);
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
    ['a malformed comparison in json', 'endpoints:\n  - { url: "https://a.example", json: { memory_mb: "< abc" } }\n'],
    ['a length that is not closed', 'endpoints:\n  - { url: "https://a.example", json: { "len(items": 1 } }\n'],
    ['an uptime target of 100%', 'defaults:\n  uptime-target: 100%\nendpoints:\n  - https://a.example\n'],
    ['a failure threshold of 0', 'endpoints:\n  - { url: "https://a.example", failure-threshold: 0 }\n'],
    [
      'a $schema key, which the loader does not know',
      '$schema: ../schema/vigil.schema.json\nendpoints:\n  - https://a.example\n',
    ],
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
        return [
          ...common,
          { status: 'ok', 'checks.db.status': 'ok' },
          { '$.status': 'ok' },
          { 'a..b': 1 },
          'x',
          [1],
          ...[{ memory_mb: '< 400' }, { a: '<= 2.5' }, { a: '!=0' }, { a: '>= -1e3' }, { a: '== .5' }],
          ...[{ a: '< abc' }, { a: '<< 3' }, { a: '=> 3' }, { a: '<' }, { a: '= 3' }],
          // Text that only starts with an operator character is compared as text.
          ...[{ a: '<b>' }, { a: '!important' }, { a: '=x' }],
          // Ages: a duration after an operator; text that only starts with "age" is text.
          ...[{ last_run: 'age < 15m' }, { a: 'AGE>=1h' }, { a: 'age <= 0' }, { a: 'age < 15' }, { a: 'age == 1h' }],
          ...[{ a: 'age < soon' }, { a: 'age <' }, { a: 'age unknown' }, { a: 'agent < 3' }, { 'len(a)': 'age < 1m' }],
          ...[{ 'len(items)': '> 0' }, { 'len($.queue.workers)': 3 }, { ' len( items ) ': 0 }, { 'len(a.b)': null }],
          ...[{ 'len(items)': 'x' }, { 'len(items)': -1 }, { 'len(items)': 1.5 }, { 'len(items)': '< x' }],
          ...[{ 'len(items': 1 }, { 'len()': 1 }, { 'len($)': 1 }, { 'len( $. )': 1 }, { 'len(a..b)': 1 }],
        ];
      case 'uptime-target':
        return [
          ...common,
          99.9,
          '99.9%',
          '99.9',
          ' 99.9 % ',
          '0.5%',
          '00.5',
          1,
          100,
          '100%',
          '100.0',
          0,
          '0%',
          '0.0',
          -1,
          150,
          '99.9%%',
          'high',
        ];
      case 'insecure':
        return [...common, false, 'yes', 1];
      default:
        return common;
    }
  }

  /** An endpoint of a kind that takes the key, for the keys http does not take. */
  const TAKER: Partial<Record<string, Record<string, string>>> = {
    send: { url: 'ws://a.example/' },
    starttls: { url: 'smtp://a.example:25' },
    'api-url': { 'telegram-bot': '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11' },
    'max-pending': { 'telegram-bot': '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11' },
    'max-age': { workflow: 'backup.yml' },
  };
  const keys = Object.keys(ENDPOINT_KEYS) as EndpointKey[];
  test.each(keys)('%s', (key) => {
    const disagreements: string[] = [];
    for (const value of samples(key)) {
      const endpoint = key === 'url' ? { url: value } : { ...(TAKER[key] ?? { url: ENDPOINT }), [key]: value };
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

describe('the notify and maintenance lists', () => {
  /** A config file with one endpoint (id `api`) and the given top-level list. */
  const file = (list: string) => `endpoints:\n  - { name: API, url: "https://a.example/" }\n${list}`;

  const good: Array<[string, string]> = [
    ['empty lists', 'notify:\nmaintenance:\n'],
    ['telegram', 'notify:\n  - telegram: { token: "123456:ABC-def_9", chat: "-1001234567890" }\n'],
    [
      'telegram to a channel, on a Bot API server',
      'notify:\n  - telegram: { token: "1:a", chat: "@vigil_news", api-url: "https://bots.example.com" }\n',
    ],
    ['telegram with a numeric chat', 'notify:\n  - telegram: { token: "1:a", chat: -1001234567890 }\n'],
    ['slack, the short way', 'notify:\n  - slack: https://hooks.slack.com/services/T/B/x\n'],
    [
      'discord as a map, with events',
      'notify:\n  - discord: { url: "https://discord.com/api/webhooks/1/x" }\n    on: [down, recovered, degraded]\n',
    ],
    [
      'a webhook for one endpoint',
      'notify:\n  - webhook: { url: "https://hooks.example.com/v", secret: s3cret }\n    on: maintenance\n    endpoints: [api]\n',
    ],
    ['events in any case', 'notify:\n  - slack: https://hooks.example.com/x\n    on: [Down, RECOVERED]\n'],
    [
      'e-mail to a list',
      'notify:\n  - email: { smtp: "smtps://vigil:pw@smtp.example.com", from: "Vigil <vigil@example.com>", to: [ops@example.com] }\n',
    ],
    [
      'e-mail to one address',
      'notify:\n  - email: { smtp: "smtp://smtp.example.com:587", from: vigil@example.com, to: ops@example.com }\n',
    ],
    ['a window once, in UTC', 'maintenance:\n  - { start: "2026-12-01T02:00:00Z", duration: 1h }\n'],
    [
      'a window once, with an offset',
      'maintenance:\n  - { start: "2026-12-01T02:00:00.5+03:00", duration: 90m, endpoints: api }\n',
    ],
    ['a window once, in its zone', 'maintenance:\n  - { start: "2026-12-01 02:00", duration: 30m, timezone: Europe/Berlin }\n'],
    ['a daily window', 'maintenance:\n  - { every: day, start: "23:30", duration: 1h, timezone: America/New_York }\n'],
    ['a weekly window', 'maintenance:\n  - { every: [sunday, Wed], start: "3:00", duration: 30m, endpoints: [api] }\n'],
    ['one day, capitalised', 'maintenance:\n  - { every: Sunday, start: "03:00", duration: 2h }\n'],
  ];
  test.each(good)('accepts %s, as the validation does', (_, list) => {
    expect(loaderProblems(file(list))).toBeNull();
    expect(schemaAccepts(parse(file(list)))).toBe(true);
  });

  const bad: Array<[string, string]> = [
    ['notify that is a map', 'notify:\n  slack: https://hooks.example.com/x\n'],
    ['an item with no channel', 'notify:\n  - on: [down]\n'],
    ['an item with two channels', 'notify:\n  - { slack: "https://a.example/x", discord: "https://b.example/y" }\n'],
    ['an unknown channel', 'notify:\n  - teams: https://hooks.example.com/x\n'],
    ['telegram without a chat', 'notify:\n  - telegram: { token: "1:a" }\n'],
    ['a telegram token that is not one', 'notify:\n  - telegram: { token: abc, chat: "-100" }\n'],
    ['a telegram chat that is a name', 'notify:\n  - telegram: { token: "1:a", chat: general }\n'],
    ['a misspelt telegram key', 'notify:\n  - telegram: { token: "1:a", chat_id: "-100" }\n'],
    ['a slack URL that is not one', 'notify:\n  - slack: not a url\n'],
    ['a webhook on ftp', 'notify:\n  - webhook: { url: "ftp://hooks.example.com/x" }\n'],
    ['a webhook written as a URL', 'notify:\n  - webhook: https://hooks.example.com/x\n'],
    ['e-mail over https', 'notify:\n  - email: { smtp: "https://smtp.example.com", from: a@example.com, to: b@example.com }\n'],
    ['e-mail from no address', 'notify:\n  - email: { smtp: "smtps://smtp.example.com", from: vigil, to: b@example.com }\n'],
    ['e-mail to nobody', 'notify:\n  - email: { smtp: "smtps://smtp.example.com", from: a@example.com, to: [] }\n'],
    ['e-mail to a number', 'notify:\n  - email: { smtp: "smtps://smtp.example.com", from: a@example.com, to: [42] }\n'],
    ['an unknown event', 'notify:\n  - slack: https://hooks.example.com/x\n    on: [up]\n'],
    ['no events', 'notify:\n  - slack: https://hooks.example.com/x\n    on: []\n'],
    ['no endpoints', 'notify:\n  - slack: https://hooks.example.com/x\n    endpoints: []\n'],
    ['an endpoint id that is a number', 'notify:\n  - slack: https://hooks.example.com/x\n    endpoints: [42]\n'],
    ['maintenance that is a map', 'maintenance:\n  start: "2026-12-01T02:00:00Z"\n'],
    ['a window without a start', 'maintenance:\n  - { duration: 1h }\n'],
    ['a window without a duration', 'maintenance:\n  - { start: "2026-12-01T02:00:00Z" }\n'],
    ['a time of day without every', 'maintenance:\n  - { start: "03:00", duration: 1h }\n'],
    ['a date with every', 'maintenance:\n  - { every: day, start: "2026-12-01T02:00:00Z", duration: 1h }\n'],
    ['a time of day as a number', 'maintenance:\n  - { every: day, start: 300, duration: 1h }\n'],
    ['a time of day that is not one', 'maintenance:\n  - { every: day, start: "25:00", duration: 1h }\n'],
    ['a month that is not one', 'maintenance:\n  - { start: "2026-13-01T02:00:00Z", duration: 1h }\n'],
    ['a duration without a unit', 'maintenance:\n  - { every: day, start: "03:00", duration: 30 }\n'],
    ['a duration of zero', 'maintenance:\n  - { every: day, start: "03:00", duration: 0s }\n'],
    ['a day that is not one', 'maintenance:\n  - { every: [someday], start: "03:00", duration: 1h }\n'],
    ['no days', 'maintenance:\n  - { every: [], start: "03:00", duration: 1h }\n'],
    ['"day" inside a list', 'maintenance:\n  - { every: [day], start: "03:00", duration: 1h }\n'],
    ['a misspelt key', 'maintenance:\n  - { every: day, start: "03:00", duration: 1h, zone: UTC }\n'],
    ['a time zone that is a number', 'maintenance:\n  - { every: day, start: "03:00", duration: 1h, timezone: 3 }\n'],
    ['an empty list of endpoints', 'maintenance:\n  - { every: day, start: "03:00", duration: 1h, endpoints: [] }\n'],
  ];
  test.each(bad)('refuses %s, as the validation does', (_, list) => {
    expect(loaderProblems(file(list))).not.toBeNull();
    expect(schemaAccepts(parse(file(list)))).toBe(false);
  });
});
