/** The JSON Schema of the config file's run lists, `notify:` and `maintenance:`, written after
 * their parsers (config/notify.ts, config/maintenance.ts); the schema test holds both to the same
 * sample configurations. */
import { CHANNELS, EVENT_KINDS } from './notify-types.js';
import { type JsonSchema, word, SUBSTITUTED, HTTP_URL, EMAIL_ADDRESS, FIELD_TEXT, ENDPOINT_IDS } from './json-schema-parts.js';

/** One item of `notify:`: exactly one channel, as parseNotify (config/notify.ts) reads it. */
const CHANNEL_SCHEMAS: Record<(typeof CHANNELS)[number], JsonSchema> = {
  telegram: {
    type: 'object',
    required: ['token', 'chat'],
    additionalProperties: false,
    properties: {
      token: { type: 'string', pattern: `^\\s*(\\d+:[A-Za-z0-9_-]+|${SUBSTITUTED}.*)\\s*$`, examples: ['${TELEGRAM_TOKEN}'] },
      chat: {
        anyOf: [
          { type: 'string', pattern: `^\\s*(-?\\d+|@[A-Za-z][A-Za-z0-9_]{3,}|${SUBSTITUTED}.*)\\s*$` },
          { type: 'integer' },
        ],
        description: 'A chat id (a number such as -1001234567890) or a @channelname.',
      },
      'api-url': { ...HTTP_URL, description: 'A self-hosted Bot API server (default https://api.telegram.org).' },
    },
    description: 'A Telegram bot: { token, chat }.',
  },
  slack: {
    anyOf: [HTTP_URL, { type: 'object', required: ['url'], additionalProperties: false, properties: { url: HTTP_URL } }],
    description: 'A Slack incoming webhook URL (or { url }).',
  },
  discord: {
    anyOf: [HTTP_URL, { type: 'object', required: ['url'], additionalProperties: false, properties: { url: HTTP_URL } }],
    description: 'A Discord webhook URL (or { url }).',
  },
  webhook: {
    type: 'object',
    required: ['url'],
    additionalProperties: false,
    properties: {
      url: HTTP_URL,
      secret: { anyOf: [FIELD_TEXT, { type: 'null' }], description: 'Signs each body: header X-Vigil-Signature-256.' },
    },
    description: 'Your own endpoint, sent a JSON POST: { url, secret }.',
  },
  email: {
    type: 'object',
    required: ['smtp', 'from', 'to'],
    additionalProperties: false,
    properties: {
      smtp: {
        type: 'string',
        pattern: `^\\s*([sS][mM][tT][pP][sS]?://[^\\s/?#]+|${SUBSTITUTED})`,
        description: 'smtps://user:password@host (TLS) or smtp://…:587 (STARTTLS).',
        examples: ['smtps://vigil:${SMTP_PASSWORD}@smtp.example.com'],
      },
      from: EMAIL_ADDRESS,
      to: { anyOf: [EMAIL_ADDRESS, { type: 'array', minItems: 1, items: EMAIL_ADDRESS }] },
    },
    description: 'Mail through SMTP: { smtp, from, to }.',
  },
};

export const NOTIFY_TARGET: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...CHANNEL_SCHEMAS,
    on: {
      description: 'Events to send (default: down and recovered).',
      anyOf: [word(EVENT_KINDS), { type: 'array', minItems: 1, items: word(EVENT_KINDS) }, { type: 'null' }],
    },
    endpoints: ENDPOINT_IDS,
  },
  // One channel per item. (Each branch names its key again for ajv's strict mode.)
  oneOf: CHANNELS.map((channel) => ({ required: [channel], properties: { [channel]: true } })),
};

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAY = word([...DAYS, ...DAYS.map((day) => day.slice(0, 3))]);

/** One item of `maintenance:`, as parseMaintenance (config/maintenance.ts) reads it: once, from a
 * date and time, or (with `every`) repeating from a time of day. */
export const MAINTENANCE_WINDOW: JsonSchema = {
  type: 'object',
  required: ['start', 'duration'],
  additionalProperties: false,
  properties: {
    every: {
      description: 'Repeat it: `day` (every day), a day, or a list of days.',
      anyOf: [word(['day', 'daily']), DAY, { type: 'array', minItems: 1, items: DAY }],
    },
    start: {
      type: 'string',
      description: 'Once: the date and time it starts (2026-12-01T02:00:00Z). With `every`: the local time of day ("03:00").',
    },
    duration: {
      type: 'string',
      // Longer than zero (a week at most).
      pattern: '^\\s*(?=.*[1-9])\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$',
      examples: ['30m', '1h'],
    },
    timezone: {
      type: 'string',
      pattern: '\\S',
      description: 'The IANA time zone its times are read in (default UTC).',
      examples: ['UTC', 'Europe/Berlin'],
    },
    endpoints: ENDPOINT_IDS,
  },
  if: { required: ['every'], properties: { every: true } },
  then: { properties: { start: { type: 'string', pattern: '^\\s*([01]?\\d|2[0-3]):[0-5]\\d\\s*$' } } },
  else: {
    properties: {
      start: {
        type: 'string',
        pattern:
          '^\\s*\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[Tt ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?\\s*([Zz]|[+-]\\d{2}:?\\d{2})?\\s*$',
      },
    },
  },
};
