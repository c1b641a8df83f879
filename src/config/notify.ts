/**
 * The `notify:` list: one item per target, each naming exactly one channel. Every problem is
 * reported with its place (`notify[1].telegram.chat: required`) and nothing is sent until the
 * whole list is valid. Secret values (tokens, webhook URLs, SMTP passwords, signing secrets) are
 * collected so the caller can mask them, and never appear in a message here.
 */
import { createHash } from 'node:crypto';
import { didYouMean } from '../text/did-you-mean.js';
import { CHANNELS, DEFAULT_EVENTS, EVENT_KINDS } from './notify-types.js';
import type { Channel, EventKind, NotifyTarget, SmtpSettings } from './notify-types.js';
import type { Problem } from './problem.js';

/** Replaces `${VAR}` in one string found at `where` (the config loader's, which also masks). */
export type Substitute = (text: string, where: string) => string;

export interface ParsedNotify {
  targets: NotifyTarget[];
  /** Every secret value found in the list, to be masked wherever text is shown. */
  secrets: string[];
  problems: Problem[];
}

const COMMON_KEYS = ['on', 'endpoints'];
const CHANNEL_KEYS: Record<Channel, string[]> = {
  telegram: ['token', 'chat', 'api-url'],
  slack: ['url'],
  discord: ['url'],
  webhook: ['url', 'secret'],
  email: ['smtp', 'from', 'to'],
};

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value still holding `${…}` was not substituted (e.g. `vigil validate` without the secret):
 * its shape cannot be checked here. */
const unresolved = (text: string) => text.includes('${');

const TELEGRAM_TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
const TELEGRAM_CHAT = /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,})$/;
const EMAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

/** A short, stable, secret-free fingerprint of an item as the user wrote it (before `${VAR}`
 * substitution, so rotating a secret keeps the key). */
function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? '')
    .digest('hex')
    .slice(0, 8);
}

function keyHint(key: string, known: string[]): string {
  const guess = didYouMean(key, known);
  return guess ? `unknown key (did you mean "${guess}"?)` : `unknown key (known keys: ${known.join(', ')})`;
}

export function parseNotify(value: unknown, substitute: Substitute, base = 'notify'): ParsedNotify {
  const targets: NotifyTarget[] = [];
  const secrets: string[] = [];
  const problems: Problem[] = [];
  const problem = (where: string, message: string) => problems.push({ where, message });

  if (value === undefined || value === null || value === '') return { targets, secrets, problems };
  if (!Array.isArray(value)) {
    problem(base, 'expected a list of targets, e.g. - slack: "${SLACK_WEBHOOK_URL}"');
    return { targets, secrets, problems };
  }

  value.forEach((item, index) => {
    const at = `${base}[${index}]`;
    if (!isMap(item)) {
      problem(at, `expected a map with one channel (${CHANNELS.join(', ')})`);
      return;
    }
    const channels = Object.keys(item).filter((key): key is Channel => (CHANNELS as readonly string[]).includes(key));
    for (const key of Object.keys(item)) {
      if (channels.includes(key as Channel) || COMMON_KEYS.includes(key)) continue;
      const guess = didYouMean(key, [...CHANNELS, ...COMMON_KEYS]);
      problem(
        `${at}.${key}`,
        guess ? `unknown channel or key (did you mean "${guess}"?)` : `unknown channel (use one of ${CHANNELS.join(', ')})`,
      );
    }
    if (channels.length === 0) {
      if (Object.keys(item).every((key) => COMMON_KEYS.includes(key)))
        problem(at, `names no channel (use one of ${CHANNELS.join(', ')})`);
      return;
    }
    if (channels.length > 1) {
      problem(at, `names ${channels.join(' and ')}: one channel per item (make one item for each)`);
      return;
    }
    const channel = channels[0];
    const where = `${at}.${channel}`;
    const before = problems.length;

    const on = parseEvents(item.on, `${at}.on`, problem);
    const endpoints = parseIds(item.endpoints, `${at}.endpoints`, problem);

    // Shorthand: `slack: URL`, `discord: URL`.
    let fields: Record<string, unknown>;
    const raw = item[channel];
    if (typeof raw === 'string' && (channel === 'slack' || channel === 'discord')) fields = { url: raw };
    else if (isMap(raw)) fields = raw;
    else {
      const shape =
        channel === 'slack' || channel === 'discord'
          ? 'a webhook URL or { url }'
          : `a map of ${CHANNEL_KEYS[channel].join(', ')}`;
      problem(where, `expected ${shape}`);
      return;
    }
    for (const key of Object.keys(fields)) {
      if (!CHANNEL_KEYS[channel].includes(key)) problem(`${where}.${key}`, keyHint(key, CHANNEL_KEYS[channel]));
    }

    /** A required (or optional) string field, `${VAR}` substituted; `secret` marks it for masking. */
    const field = (name: string, options: { required: boolean; secret: boolean }): string | null => {
      const place = `${where}.${name}`;
      const value = fields[name];
      if (value === undefined || value === null || value === '') {
        if (options.required) problem(place, 'required');
        return null;
      }
      if (typeof value !== 'string' && typeof value !== 'number') {
        problem(place, 'expected text');
        return null;
      }
      let text: string;
      try {
        text = substitute(String(value), place).trim();
      } catch (error) {
        problem(place, (error as Error).message);
        return null;
      }
      if (options.secret && text !== '' && !unresolved(text)) secrets.push(text);
      if (text === '' && options.required) problem(place, 'is empty');
      return text === '' ? null : text;
    };
    const httpUrl = (name: string, secret: boolean): string | null => {
      const text = field(name, { required: true, secret });
      if (text === null || unresolved(text)) return text;
      let parsed: URL;
      try {
        parsed = new URL(text);
      } catch {
        // The value itself may be a secret: say what is wrong without echoing it.
        problem(`${where}.${name}`, 'is not a valid URL');
        return null;
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        problem(`${where}.${name}`, `scheme "${parsed.protocol.replace(/:$/, '')}" is not supported (use https)`);
        return null;
      }
      if (secret) secrets.push(parsed.href);
      return parsed.href;
    };

    const common = { key: `${channel}#${index}:${fingerprint(item)}`, on, endpoints };
    let target: NotifyTarget | null = null;
    switch (channel) {
      case 'telegram': {
        const token = field('token', { required: true, secret: true });
        const chat = field('chat', { required: true, secret: false });
        const apiUrl = fields['api-url'] === undefined ? 'https://api.telegram.org' : httpUrl('api-url', false);
        if (token !== null && !unresolved(token) && !TELEGRAM_TOKEN.test(token)) {
          problem(`${where}.token`, 'does not look like a bot token (digits, a colon, then letters: 123456:ABC-DEF…)');
        }
        if (chat !== null && !unresolved(chat) && !TELEGRAM_CHAT.test(chat)) {
          problem(`${where}.chat`, `"${chat}" is not a chat id (a number such as -1001234567890) or a @channelname`);
        }
        if (token && chat && apiUrl) {
          target = { ...common, channel, token, chat, apiUrl: apiUrl.replace(/\/+$/, ''), secrets: [token] };
        }
        break;
      }
      case 'slack':
      case 'discord': {
        const url = httpUrl('url', true);
        if (url) target = { ...common, channel, url, secrets: [url] };
        break;
      }
      case 'webhook': {
        // Webhook URLs often carry their own credential (a path or query token): masked too.
        const url = httpUrl('url', true);
        const secret = field('secret', { required: false, secret: true });
        if (url) target = { ...common, channel, url, secret, secrets: secret ? [url, secret] : [url] };
        break;
      }
      case 'email': {
        const smtpText = field('smtp', { required: true, secret: false });
        const smtp = smtpText === null || unresolved(smtpText) ? null : parseSmtp(smtpText, `${where}.smtp`, problem);
        const smtpSecrets = smtp?.password ? smtpCredentialForms(smtp.user ?? '', smtp.password) : [];
        secrets.push(...smtpSecrets);
        const from = field('from', { required: true, secret: false });
        if (from !== null && !unresolved(from) && !EMAIL_ADDRESS.test(addressOf(from))) {
          problem(`${where}.from`, `"${from}" is not an e-mail address (vigil@example.com or "Vigil <vigil@example.com>")`);
        }
        const to = parseRecipients(fields.to, `${where}.to`, substitute, problem);
        if (smtp && from && to) target = { ...common, channel, smtp, from, to, secrets: smtpSecrets };
        break;
      }
    }
    if (target && problems.length === before) targets.push(target);
  });
  return { targets, secrets: [...new Set(secrets)], problems };
}

function parseEvents(value: unknown, where: string, problem: (where: string, message: string) => void): EventKind[] {
  if (value === undefined || value === null) return [...DEFAULT_EVENTS];
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) {
    problem(where, `empty: list at least one of ${EVENT_KINDS.join(', ')} (or leave "on" out for down and recovered)`);
    return [];
  }
  const kinds: EventKind[] = [];
  items.forEach((item, i) => {
    const text = typeof item === 'string' ? item.trim().toLowerCase() : '';
    if ((EVENT_KINDS as readonly string[]).includes(text)) {
      if (!kinds.includes(text as EventKind)) kinds.push(text as EventKind);
      return;
    }
    const guess = typeof item === 'string' ? didYouMean(item, [...EVENT_KINDS]) : null;
    const place = Array.isArray(value) ? `${where}[${i}]` : where;
    problem(
      place,
      `${JSON.stringify(item)} is not an event${guess ? ` (did you mean "${guess}"?)` : ` (use ${EVENT_KINDS.join(', ')})`}`,
    );
  });
  return kinds;
}

function parseIds(value: unknown, where: string, problem: (where: string, message: string) => void): string[] | null {
  if (value === undefined || value === null) return null;
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) {
    problem(where, 'empty: list endpoint ids, or leave "endpoints" out for all of them');
    return null;
  }
  const ids: string[] = [];
  items.forEach((item, i) => {
    if (typeof item === 'string' && item.trim() !== '') ids.push(item.trim());
    else problem(Array.isArray(value) ? `${where}[${i}]` : where, 'expected an endpoint id');
  });
  return ids;
}

function parseRecipients(
  value: unknown,
  where: string,
  substitute: Substitute,
  problem: (where: string, message: string) => void,
): string[] | null {
  if (value === undefined || value === null || value === '') {
    problem(where, 'required');
    return null;
  }
  const items = Array.isArray(value) ? value : [value];
  const recipients: string[] = [];
  let ok = items.length > 0;
  if (!ok) problem(where, 'empty: list at least one address');
  items.forEach((item, i) => {
    const place = Array.isArray(value) ? `${where}[${i}]` : where;
    if (typeof item !== 'string') {
      problem(place, 'expected an e-mail address');
      ok = false;
      return;
    }
    let text: string;
    try {
      text = substitute(item, place).trim();
    } catch (error) {
      problem(place, (error as Error).message);
      ok = false;
      return;
    }
    if (!unresolved(text) && !EMAIL_ADDRESS.test(addressOf(text))) {
      problem(place, `"${text}" is not an e-mail address`);
      ok = false;
      return;
    }
    recipients.push(text);
  });
  return ok ? recipients : null;
}

/** `Vigil <vigil@example.com>` → `vigil@example.com`. */
function addressOf(text: string): string {
  return /<([^<>]*)>\s*$/.exec(text)?.[1] ?? text;
}

function parseSmtp(text: string, where: string, problem: (where: string, message: string) => void): SmtpSettings | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problem(where, 'is not a URL (smtps://user:password@smtp.example.com or smtp://…:587)');
    return null;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    problem(where, `scheme "${url.protocol.replace(/:$/, '')}" is not supported (use smtps:// for TLS, or smtp:// for STARTTLS)`);
    return null;
  }
  if (!url.hostname) {
    problem(where, 'has no host');
    return null;
  }
  const implicitTls = url.protocol === 'smtps:';
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : implicitTls ? 465 : 587,
    implicitTls,
    user: url.username ? decode(url.username) : null,
    password: url.password ? decode(url.password) : null,
  };
}

/** Problems for `endpoints:` ids that name no configured endpoint (known once endpoints are loaded). */
export function checkNotifyEndpoints(targets: readonly NotifyTarget[], ids: readonly string[], base = 'notify'): Problem[] {
  const problems: Problem[] = [];
  for (const target of targets) {
    const index = Number(/#(\d+):/.exec(target.key)?.[1] ?? 0);
    for (const [i, id] of (target.endpoints ?? []).entries()) {
      if (ids.includes(id)) continue;
      const guess = didYouMean(id, [...ids]);
      problems.push({
        where: `${base}[${index}].endpoints[${i}]`,
        message: `no endpoint has the id "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
      });
    }
  }
  return problems;
}

/**
 * The SMTP password and the forms it crosses the wire in, which a mail server may echo in an
 * error: AUTH PLAIN sends the Base64 of `\0user\0password` (some clients put the user before the
 * first NUL too), AUTH LOGIN the Base64 of the user and of the password, one at a time. Each with
 * and without its `=` padding.
 */
export function smtpCredentialForms(user: string, password: string): string[] {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const encoded = [base64(`\0${user}\0${password}`), base64(`${user}\0${user}\0${password}`), base64(password)];
  if (user !== '') encoded.push(base64(user));
  const forms = [password];
  for (const form of encoded) forms.push(form, form.replace(/=+$/, ''));
  return [...new Set(forms)].filter((form) => form.length >= 3);
}
