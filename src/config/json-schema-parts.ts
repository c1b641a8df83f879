/** The building blocks of the config file's JSON Schema (json-schema.ts): durations, headers,
 * URLs, comparisons, words in any case, addresses and ids, each as the validation reads it. */
import { URL_SCHEMES } from './kinds.js';

export type JsonSchema = { [keyword: string]: unknown };

/** `250ms`, `30s`, `2m`, `1h`: a number with a unit. */
export const DURATION: JsonSchema = {
  type: 'string',
  pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$',
  examples: ['250ms', '30s', '2m'],
};

/** A duration that may be nothing at all: `0` needs no unit (the loader reads a bare 0 as 0 ms). */
export const DURATION_FROM_ZERO: JsonSchema = {
  anyOf: [{ ...DURATION, pattern: '^\\s*(\\d+(\\.\\d+)?\\s*(ms|s|m|h)|0+(\\.0+)?)\\s*$' }, { const: 0 }],
};

export const integer = (minimum: number, maximum: number): JsonSchema => ({ type: 'integer', minimum, maximum });

/** A header name as HTTP defines a token. */
export const HEADER_NAME = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
/** A header value: text without line breaks or NUL (a number or boolean is sent as text). */
export const HEADER_VALUES: JsonSchema = {
  type: 'object',
  propertyNames: { pattern: HEADER_NAME },
  additionalProperties: { anyOf: [{ type: 'string', pattern: '^[^\\r\\n\\u0000]*$' }, { type: 'number' }, { type: 'boolean' }] },
};

export const SCALAR_TEXT: JsonSchema = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'number' }, { type: 'boolean' }] };
export const NAME_TEXT: JsonSchema = { anyOf: [{ type: 'string', pattern: '\\S' }, { type: 'number' }] };

/** A word in any case, for a JSON Schema pattern (which takes no flags). */
export const anyCaseWord = (word: string) => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);

/** A URL of a scheme that has a kind (probe/kinds/index.ts), or one that starts with a `${VAR}`
 * substituted when it runs. What each kind needs beyond its scheme (a port, a name) is checked by
 * the validation. */
export const URL_TEXT: JsonSchema = {
  type: 'string',
  pattern: `^\\s*((${URL_SCHEMES.map(anyCaseWord).join('|')})://[^\\s/?#]+|${anyCaseWord('dns')}:/*[^\\s/?#]|\\$\\{)`,
  examples: ['https://example.com/health', 'tcp://db.internal:5432', 'dns://1.1.1.1/example.com?type=MX'],
};

/** A percentage above 0 and below 100, as uptimeTarget (schema.ts) reads it: `99.9%`, `99.9`, 99.9. */
export const PERCENT_BELOW_100 = '^\\s*(0*[1-9]\\d?(\\.\\d+)?|0+\\.\\d*[1-9]\\d*)\\s*%?\\s*$';

/** A comparison with a number, as parseComparison (schema.ts) reads it: `< 400`, `>= 1`, `!= 0`. */
export const COMPARISON: JsonSchema = {
  type: 'string',
  pattern: '^\\s*(<|<=|>|>=|==|!=)\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?\\s*$',
};
/** Text that starts like a comparison (operator characters, then a space, a number or nothing), which
 * the validation then requires to be one; `<b>` or `!important` does not, and is compared as text. */
export const LOOKS_LIKE_COMPARISON = '^\\s*[<>=!]+([\\s\\d.+-]|$)';
/** `age < 15m`: now minus the time at the path, against a duration (parseComparison reads it). */
export const AGE_COMPARISON: JsonSchema = {
  type: 'string',
  pattern: '^\\s*[aA][gG][eE]\\s*(<|<=|>|>=)\\s*(\\d+(\\.\\d+)?\\s*(ms|s|m|h)|0+(\\.0+)?)\\s*$',
};
/** Text that starts like an age comparison, which the validation then requires to be one. */
export const LOOKS_LIKE_AGE = '^\\s*[aA][gG][eE]\\s*[<>=!]+';
/** A dotted path, `$.` optional: `status`, `checks.db.status`, `$.items.0.id` (not `len(…`). */
export const JSON_PATH_KEY = '^(?!\\s*len\\()(\\$\\.?)?([^.]+(\\.[^.]+)*)?$';
/** `len(path)`: the length of an array or a text; the path names something (not `len()`, `len($)`). */
export const JSON_LENGTH_KEY = '^\\s*len\\((?!\\s*(\\$\\.?)?\\s*\\))\\s*(\\$\\.?)?[^.]+(\\.[^.]+)*\\s*\\)\\s*$';

/** A pattern that matches any of `words` in any case, with space around (the validation trims and
 * lowercases). JSON Schema patterns take no flags, so each letter is a class. */
export const anyCase = (words: readonly string[]): string =>
  `^\\s*(${words.map((word) => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`)).join('|')})\\s*$`;
/** One of `words`: the enum is what an editor offers, the pattern what the validation accepts. */
export const word = (words: readonly string[]): JsonSchema => ({
  anyOf: [{ enum: [...words] }, { type: 'string', pattern: anyCase(words) }],
});

/** Text that holds a `${VAR}`: filled in where the checks run, so its shape is checked there. */
export const SUBSTITUTED = '.*\\$\\{';
export const HTTP_URL: JsonSchema = {
  type: 'string',
  pattern: `^\\s*([hH][tT][tT][pP][sS]?://[^\\s/?#]+|${SUBSTITUTED})`,
  examples: ['https://hooks.example.com/vigil'],
};
export const EMAIL = '[^\\s@<>]+@[^\\s@<>]+';
export const EMAIL_ADDRESS: JsonSchema = {
  type: 'string',
  pattern: `^\\s*(${EMAIL}|.*<${EMAIL}>|${SUBSTITUTED}.*)\\s*$`,
  examples: ['ops@example.com', 'Vigil <vigil@example.com>'],
};
/** A secret or other text, `${VAR}` substituted. */
export const FIELD_TEXT: JsonSchema = { anyOf: [{ type: 'string', pattern: '\\S' }, { type: 'number' }] };

/** Endpoint ids that an item of `notify:` or `maintenance:` is about (default: all). */
export const ENDPOINT_IDS: JsonSchema = {
  description: 'Endpoint ids this item is about (default: all of them).',
  anyOf: [
    { type: 'string', pattern: '\\S' },
    { type: 'array', minItems: 1, items: { type: 'string', pattern: '\\S' } },
    { type: 'null' },
  ],
  examples: [['api-health']],
};
