/**
 * The JSON Schema of the config file (`schema/vigil.schema.json`), so editors complete and check
 * `vigil.yml`. Which keys exist, and where (`defaults:` or an endpoint), comes from the key table
 * that the validation uses (schema.ts); what each key's value may be is written beside it here,
 * in a record the compiler keeps complete: a key added to the table does not build until it has
 * its JSON type. The top-level `notify:` and `maintenance:` lists have parsers of their own
 * (config/notify.ts, config/maintenance.ts); their shapes are written after those in
 * json-schema-lists.ts, and the schema test holds both to the same sample configurations.
 * `npm run schema` writes the file; a test fails when the committed one is stale.
 */
import { parse } from 'yaml';
import { INPUT_DEFAULTS } from './inputs.js';
import { DEFAULTS_KEYS, ENDPOINT_KEYS, INHERITED_KEYS, KIND_KEYS, type EndpointKey } from './schema.js';
import { KINDS, SCHEMES, keysFor } from './kinds.js';
import {
  type JsonSchema,
  DURATION,
  DURATION_FROM_ZERO,
  integer,
  HEADER_VALUES,
  SCALAR_TEXT,
  NAME_TEXT,
  anyCaseWord,
  URL_TEXT,
  PERCENT_BELOW_100,
  COMPARISON,
  LOOKS_LIKE_COMPARISON,
  AGE_COMPARISON,
  LOOKS_LIKE_AGE,
  JSON_PATH_KEY,
  JSON_LENGTH_KEY,
  SUBSTITUTED,
  HTTP_URL,
} from './json-schema-parts.js';
import { MAINTENANCE_WINDOW, NOTIFY_TARGET } from './json-schema-lists.js';

export type { JsonSchema } from './json-schema-parts.js';

/** What each key's value may be. Descriptions of the check keys come from action.yml (see below). */
export const KEY_JSON_SCHEMAS: { [K in EndpointKey]: JsonSchema } = {
  url: {
    ...URL_TEXT,
    description: `What to check; its scheme picks the kind (${Object.values(KINDS)
      .filter((kind) => !kind.key)
      .map((kind) => kind.kind)
      .join(', ')}: see docs/check-kinds.md). \`\${NAME}\` is replaced by the environment variable NAME and masked.`,
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
  'retry-delay': DURATION_FROM_ZERO,
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
  'uptime-target': {
    anyOf: [
      { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 },
      { type: 'string', pattern: PERCENT_BELOW_100 },
    ],
    examples: ['99.9%'],
  },
  'failure-threshold': integer(1, 100),
  'success-threshold': integer(1, 100),
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
    // The two kinds of key do not overlap: a key is either a path or a length.
    patternProperties: {
      [JSON_PATH_KEY]: {
        anyOf: [
          {
            not: {
              anyOf: [
                { type: 'string', pattern: LOOKS_LIKE_COMPARISON },
                { type: 'string', pattern: LOOKS_LIKE_AGE },
              ],
            },
          },
          COMPARISON,
          AGE_COMPARISON,
        ],
      },
      [JSON_LENGTH_KEY]: { anyOf: [{ type: 'integer', minimum: 0 }, COMPARISON] },
    },
    additionalProperties: false,
    description:
      'Passes when the body is JSON and each `path: value` holds; a path is dotted with array indexes (`checks.db.status`, `items.0.id`). ' +
      'A value such as `"< 400"` compares the number at the path (<, <=, >, >=, ==, !=); `"age < 15m"` compares now minus the time at the path (ISO 8601, or seconds since 1970); a key `len(path)` compares the length of a list or a text.',
    examples: [
      { status: 'ok', 'checks.database.status': 'ok', memory_mb: '< 400', last_run: 'age < 15m', 'len(queue.workers)': '> 0' },
    ],
  },
  'response-headers': {
    ...HEADER_VALUES,
    description: 'Passes when each named response header (case-insensitive name) equals this value.',
  },
  send: {
    anyOf: [{ type: 'string', minLength: 1 }, { type: ['number', 'boolean', 'object', 'array'] }],
    description:
      'ws:// and wss:// only: a message sent after the handshake; the first message back is the body. A map or list is sent as JSON.',
  },
  starttls: {
    type: 'boolean',
    description: 'smtp:// only: STARTTLS must be offered and succeed (without it, STARTTLS is used when offered).',
  },
  'telegram-bot': {
    type: 'string',
    pattern: `^\\s*(\\d+:[A-Za-z0-9_-]{20,}|${SUBSTITUTED}.*)\\s*$`,
    examples: ['${BOT_TOKEN}'],
    description:
      'In place of url: check this Telegram bot (getMe, getWebhookInfo). The token is a secret; the id shown is telegram- and the digits before its colon.',
  },
  'api-url': { ...HTTP_URL, description: 'telegram-bot only: a self-hosted Bot API server (default https://api.telegram.org).' },
  'max-pending': {
    ...integer(0, 1_000_000),
    description: 'telegram-bot only: updates waiting that are still fine (default 100).',
  },
  workflow: {
    type: 'string',
    pattern: '^\\s*([\\w.-]+/[\\w.-]+/\\.github/workflows/)?[A-Za-z0-9_.-]+\\.ya?ml\\s*$',
    examples: ['backup.yml', 'acme/shop/.github/workflows/backup.yml'],
    description:
      'In place of url: down when the latest completed run of this workflow (of this repository, or OWNER/REPO/.github/workflows/FILE) failed or started longer than max-age ago. Needs github-token with actions: read.',
  },
  heartbeat: {
    type: 'string',
    pattern: '^\\s*[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\\s*$',
    examples: ['backup'],
    description:
      'In place of url: a push heartbeat. A job reports with repository_dispatch (event_type vigil-heartbeat, client_payload {id, status}); down when the last report says fail, is older than max-age (required), or none came.',
  },
  'max-age': {
    ...DURATION,
    description:
      'workflow: how long ago its last successful run may have started (default 25h). heartbeat (required): how long after its last ok report the job counts as silent.',
  },
  branch: {
    type: 'string',
    pattern: '^\\s*[^\\s~^:?*[\\\\]+\\s*$',
    description: 'workflow only: judge only the runs on this branch.',
  },
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
      // A check or tracking key is also an action input: it says the same thing and has the same default.
      if (key in INHERITED_KEYS) {
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
      'Endpoints to check, defaults for all of them, and the notify and maintenance lists. Every endpoint key except url, name and id may also be a default.',
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
      notify: {
        description:
          'Where to send a message when an endpoint starts to count as down, recovers, and (if asked) degrades or enters maintenance: one item per target. Added to the `notify` input. Needs history.',
        // Empty text is no target, as in the `notify` input.
        anyOf: [{ type: 'array', items: { $ref: '#/definitions/notifyTarget' } }, { type: 'null' }, { const: '' }],
      },
      maintenance: {
        description:
          'Maintenance windows: checks still run, are recorded as maintenance, and open no issue. Added to the `maintenance` input.',
        anyOf: [{ type: 'array', items: { $ref: '#/definitions/maintenanceWindow' } }, { type: 'null' }],
      },
    },
    definitions: {
      endpoint: {
        type: 'object',
        // `url`, or the key of a kind written in its place (`telegram-bot`), but not both.
        oneOf: [
          { required: ['url'], properties: { url: true } },
          ...Object.values(KINDS).flatMap((kind) =>
            kind.key ? [{ required: [kind.key], properties: { [kind.key]: true } }] : [],
          ),
        ],
        additionalProperties: false,
        properties: pick(endpointKeys, inputDescriptions),
        // A heartbeat's max-age has no default.
        allOf: [...kindConditions(endpointKeys), { if: { required: ['heartbeat'] }, then: { required: ['max-age'] } }],
      },
      notifyTarget: NOTIFY_TARGET,
      maintenanceWindow: MAINTENANCE_WINDOW,
    },
  };
}

/**
 * A key that applies to some kinds only (`send` to ws, `json` to http and ws) is allowed where the
 * endpoint's kind takes it, as the loader judges it: by the scheme of `url`, or the key written in
 * its place. A `url` that starts with `${VAR}` has no kind before it runs, so it takes any key.
 */
function kindConditions(endpointKeys: readonly string[]): JsonSchema[] {
  const conditions: JsonSchema[] = [];
  const schemes = Object.entries(SCHEMES);
  for (const key of endpointKeys) {
    if (key === 'url' || Object.values(KINDS).some((kind) => kind.key === key)) continue;
    const takers = schemes.filter(([, scheme]) => {
      const applies = keysFor(scheme);
      return applies === null ? !(key in KIND_KEYS) : applies.includes(key);
    });
    if (takers.length === schemes.length) continue;
    const byUrl = takers.filter(([, scheme]) => KINDS[scheme.kind].key === undefined).map(([name]) => name);
    const byKey = takers.flatMap(([, scheme]) => KINDS[scheme.kind].key ?? []);
    conditions.push({
      if: { required: [key], properties: { [key]: true } },
      then: {
        anyOf: [
          { required: ['url'], properties: { url: { type: 'string', pattern: '^\\s*\\$\\{' } } },
          ...(byUrl.length > 0
            ? [
                {
                  required: ['url'],
                  properties: { url: { type: 'string', pattern: `^\\s*(${byUrl.map(anyCaseWord).join('|')}):` } },
                },
              ]
            : []),
          ...byKey.map((name) => ({ required: [name], properties: { [name]: true } })),
        ],
      },
    });
  }
  return conditions;
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
