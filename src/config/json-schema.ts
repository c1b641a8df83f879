/**
 * The JSON Schema of the config file (`schema/vigil.schema.json`), so editors complete and check
 * `vigil.yml`. Which keys exist, and where (`defaults:` or an endpoint), comes from the key table
 * that the validation uses (schema.ts); what each key's value may be is written beside it here,
 * in a record the compiler keeps complete: a key added to the table does not build until it has
 * its JSON type. `npm run schema` writes the file; a test fails when the committed one is stale.
 */
import { parse } from 'yaml';
import { INPUT_DEFAULTS } from './inputs.js';
import { CHECK_KEYS, DEFAULTS_KEYS, ENDPOINT_KEYS, type EndpointKey } from './schema.js';

export type JsonSchema = { [keyword: string]: unknown };

/** `250ms`, `30s`, `2m`, `1h`: a number with a unit. */
const DURATION: JsonSchema = {
  type: 'string',
  pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$',
  examples: ['250ms', '30s', '2m'],
};

const integer = (minimum: number, maximum: number): JsonSchema => ({ type: 'integer', minimum, maximum });

/** A header name as HTTP defines a token. */
const HEADER_NAME = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
/** A header value: text without line breaks or NUL (a number or boolean is sent as text). */
const HEADER_VALUES: JsonSchema = {
  type: 'object',
  propertyNames: { pattern: HEADER_NAME },
  additionalProperties: { anyOf: [{ type: 'string', pattern: '^[^\\r\\n\\u0000]*$' }, { type: 'number' }, { type: 'boolean' }] },
};

const SCALAR_TEXT: JsonSchema = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'number' }, { type: 'boolean' }] };
const NAME_TEXT: JsonSchema = { anyOf: [{ type: 'string', pattern: '\\S' }, { type: 'number' }] };

/** An http(s) URL with a host, or one that starts with a `${VAR}` substituted when it runs. */
const URL_TEXT: JsonSchema = {
  type: 'string',
  pattern: '^\\s*([hH][tT][tT][pP][sS]?://[^\\s/?#]+|\\$\\{)',
  examples: ['https://example.com/health'],
};

/** What each key's value may be. Descriptions of the check keys come from action.yml (see below). */
export const KEY_JSON_SCHEMAS: { [K in EndpointKey]: JsonSchema } = {
  url: {
    ...URL_TEXT,
    description: 'The URL to check (http or https). `${NAME}` is replaced by the environment variable NAME and masked.',
  },
  name: { ...NAME_TEXT, description: 'The name shown everywhere (default: host and path of the URL).' },
  id: {
    ...NAME_TEXT,
    description:
      'A stable id (default: a slug of the name), so the endpoint can be renamed without losing its history and incident.',
  },
  method: {
    type: 'string',
    pattern: '^\\s*[A-Za-z]+\\s*$',
    examples: ['GET', 'HEAD', 'POST'],
    description: 'HTTP method (default GET).',
  },
  headers: {
    ...HEADER_VALUES,
    description: 'Request headers. Their values are treated as secrets and never shown; `${NAME}` works here.',
  },
  body: {
    type: ['string', 'object', 'array', 'number', 'boolean'],
    description: 'Request body: text as written, or a map or list sent as JSON (with its content type). `${NAME}` works here.',
  },
  timeout: DURATION,
  retries: integer(0, 10),
  'retry-delay': DURATION,
  'max-response-time': DURATION,
  'expected-status': {
    anyOf: [
      { type: 'integer', minimum: 100, maximum: 599 },
      { type: 'string', pattern: '^\\s*\\d{3}(\\s*-\\s*\\d{3})?(\\s*,\\s*\\d{3}(\\s*-\\s*\\d{3})?)*\\s*,?\\s*$' },
      {
        type: 'array',
        minItems: 1,
        items: {
          anyOf: [
            { type: 'integer', minimum: 100, maximum: 599 },
            { type: 'string', pattern: '^\\s*\\d{3}(\\s*-\\s*\\d{3})?\\s*$' },
          ],
        },
      },
    ],
    examples: ['200-299, 301', 200],
  },
  'follow-redirects': integer(0, 20),
  'cert-expiry-days': integer(0, 3650),
  insecure: { type: 'boolean' },
  'body-contains': {
    anyOf: [SCALAR_TEXT, { type: 'array', items: SCALAR_TEXT }],
    description: 'Passes when the body contains this text (a list: every item).',
  },
  'body-not-contains': {
    anyOf: [SCALAR_TEXT, { type: 'array', items: SCALAR_TEXT }],
    description: 'Passes when the body contains none of these.',
  },
  'body-matches': {
    type: 'string',
    minLength: 1,
    description: 'Passes when the body matches this regular expression (JavaScript syntax; `/pattern/flags` keeps its flags).',
  },
  json: {
    type: 'object',
    propertyNames: { pattern: '^(\\$\\.?)?([^.]+(\\.[^.]+)*)?$' },
    description:
      'Passes when the body is JSON and each `path: value` holds; a path is dotted with array indexes (`checks.db.status`, `items.0.id`).',
    examples: [{ status: 'ok', 'checks.database.status': 'ok' }],
  },
  'response-headers': {
    ...HEADER_VALUES,
    description: 'Passes when each named response header (case-insensitive name) equals this value.',
  },
  'uptime-target': {
    anyOf: [
      { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 },
      { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*%?\\s*$' },
    ],
    examples: ['99.9%'],
  },
  'failure-threshold': integer(1, 100),
  'success-threshold': integer(1, 100),
};

/** The built-in default of a check key, typed as the file would write it (`30s`, `2`, `false`). */
function defaultOf(key: string, schema: JsonSchema): unknown {
  const text = (INPUT_DEFAULTS as Record<string, string | undefined>)[key];
  if (text === undefined || text === '') return undefined;
  if (schema.type === 'integer') return Number(text);
  if (schema.type === 'boolean') return text === 'true';
  return text;
}

function pick(keys: readonly string[], inputDescriptions: Readonly<Record<string, string>>): Record<string, JsonSchema> {
  return Object.fromEntries(
    keys.map((key) => {
      const schema: JsonSchema = { ...KEY_JSON_SCHEMAS[key as EndpointKey] };
      // A check key is also an action input: it says the same thing and has the same default.
      if (key in CHECK_KEYS) {
        if (inputDescriptions[key]) schema.description = inputDescriptions[key];
        const fallback = defaultOf(key, schema);
        if (fallback !== undefined) schema.default = fallback;
      }
      return [key, schema];
    }),
  );
}

/**
 * The schema of the config file `{ defaults: {...}, endpoints: [...] }` (draft-07, which editors
 * support most widely). `inputDescriptions`: action.yml's input descriptions by name.
 */
export function configJsonSchema(inputDescriptions: Readonly<Record<string, string>> = {}): JsonSchema {
  const endpointKeys = Object.keys(ENDPOINT_KEYS);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Vigil configuration',
    description:
      'Endpoints to check, and defaults for all of them. Every endpoint key except url, name and id may also be a default.',
    type: 'object',
    additionalProperties: false,
    properties: {
      defaults: {
        description: "Settings for every endpoint of this file; an endpoint's own key wins.",
        type: ['object', 'null'],
        additionalProperties: false,
        properties: pick(DEFAULTS_KEYS, inputDescriptions),
      },
      endpoints: {
        description: 'The endpoints: each a URL, or a map with `url` and any other endpoint key.',
        anyOf: [
          { type: 'array', items: { anyOf: [URL_TEXT, { $ref: '#/definitions/endpoint' }] } },
          { type: 'string', description: 'URLs separated by spaces or line breaks.' },
          { type: 'null' },
        ],
      },
    },
    definitions: {
      endpoint: {
        type: 'object',
        required: ['url'],
        additionalProperties: false,
        properties: pick(endpointKeys, inputDescriptions),
      },
    },
  };
}

/** The file's text: stable key order and a final newline, so regenerating it changes nothing. */
export function configJsonSchemaText(inputDescriptions: Readonly<Record<string, string>> = {}): string {
  return `${JSON.stringify(configJsonSchema(inputDescriptions), null, 2)}\n`;
}

/** The input descriptions of action.yml, by input name (one line each). */
export function inputDescriptionsOf(actionYmlText: string): Record<string, string> {
  const inputs = (parse(actionYmlText) as { inputs?: Record<string, { description?: unknown }> }).inputs ?? {};
  return Object.fromEntries(
    Object.entries(inputs)
      .filter(([, input]) => typeof input?.description === 'string')
      .map(([name, input]) => [name, String(input.description).replace(/\s+/g, ' ').trim()]),
  );
}
