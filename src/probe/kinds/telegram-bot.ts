/**
 * A Telegram bot check (`telegram-bot: TOKEN`, optional `api-url` and `max-pending`): `getMe`
 * must succeed (its `@username` is reported as the status text, to name the endpoint), then
 * `getWebhookInfo` must show at most `max-pending` updates waiting and no webhook error within
 * the last 10 minutes. Both requests are HTTP checks of their own (`probe`), so their phases
 * are measured as for any HTTP check and added up, within one deadline for the attempt.
 *
 * The token is a secret: it is in the request paths and nowhere else. The URL shown is
 * `telegram-bot:` and the bot's numeric id (the digits before the token's colon, which are
 * public), and every text that reaches the result has the token masked out.
 */
import { performance } from 'node:perf_hooks';
import { redactText } from '../../text/redact.js';
import { formatSeconds } from '../../text/duration.js';
import { squash } from '../../text/one-line.js';
import { PHASES } from '../phases.js';
import { probeHttp } from './http.js';
import { type ProbeOptions, type ProbeRequest, type ProbeResult } from '../types.js';
import { emptyResult } from './common.js';

export const DEFAULT_TELEGRAM_API = 'https://api.telegram.org';
export const DEFAULT_MAX_PENDING = 100;
/** A webhook error younger than this makes the bot down. */
const RECENT_ERROR_MS = 10 * 60 * 1000;
/** Bot API answers are small; a larger one is not a Bot API answer. */
const BODY_LIMIT = 256 * 1024;

/** The bot's public numeric id: the digits before the token's colon. */
export function botId(token: string): string | null {
  return /^(\d+):/.exec(token)?.[1] ?? null;
}

/** Text from Telegram, quoted as what it is: untrusted, on one line, and not too long. */
function quoted(text: unknown): string {
  const flat = squash(String(text));
  return JSON.stringify(flat.length > 200 ? `${flat.slice(0, 200)}…` : flat);
}

interface Answer {
  ok?: unknown;
  result?: Record<string, unknown>;
  description?: unknown;
  error_code?: unknown;
}

class BotError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function probeTelegramBot(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const token = request.kind?.token ?? '';
  const apiUrl = (request.kind?.apiUrl ?? DEFAULT_TELEGRAM_API).replace(/\/+$/, '');
  const maxPending = request.kind?.maxPending ?? DEFAULT_MAX_PENDING;
  const id = botId(token);
  const result = emptyResult(`telegram-bot:${id ?? ''}`, new Date());
  const timings = result.timings;
  const mask = (text: string) => (token ? redactText(text, [token]) : text);

  /** One Bot API method, as an HTTP check within what is left of the deadline. */
  const call = async (method: string): Promise<Record<string, unknown>> => {
    const left = Math.max(1, Math.round(request.timeout - (now() - started)));
    const answer = await probeHttp(
      {
        url: `${apiUrl}/bot${token}/${method}`,
        method: 'GET',
        headers: { Accept: 'application/json' },
        body: null,
        timeout: left,
        followRedirects: 0,
        insecure: request.insecure,
        bodyLimit: BODY_LIMIT,
      },
      options,
    );
    for (const phase of [...PHASES, 'total'] as const) timings[phase] += answer.timings[phase];
    if (answer.certValidTo && (!result.certValidTo || answer.certValidTo < result.certValidTo)) {
      result.certValidTo = answer.certValidTo;
    }
    result.httpStatus = answer.httpStatus;
    if (answer.error !== null) {
      // The deadline is the whole check's, whichever call it struck.
      const error = answer.error.replace(/^timed out after \d+ ms/, `timed out after ${request.timeout} ms`);
      throw new BotError(`${method}: ${error}`, answer.errorCode ?? 'ERROR');
    }
    let parsed: Answer | null = null;
    try {
      parsed = JSON.parse(answer.body.toString('utf8')) as Answer;
    } catch {
      // Not JSON: said below, with the status.
    }
    if (parsed?.ok === true && parsed.result && typeof parsed.result === 'object') return parsed.result;
    if (parsed && parsed.ok === false && parsed.description !== undefined) {
      throw new BotError(
        `${method} failed: Telegram says ${quoted(parsed.description)} (HTTP ${answer.httpStatus})`,
        'TELEGRAM_ERROR',
      );
    }
    throw new BotError(`${method} did not answer as the Bot API does (HTTP ${answer.httpStatus})`, 'NOT_BOT_API');
  };

  try {
    // The token goes into the request path: anything but a token's characters (a `/`, a `?`)
    // would send the request elsewhere.
    if (!id || !/^\d+:[\w-]+$/.test(token))
      throw new BotError('the bot token is not of the form 123456:ABC… (digits, a colon, then the secret)', 'BAD_TOKEN');
    const me = await call('getMe');
    if (typeof me.username === 'string' && /^\w{1,64}$/.test(me.username)) result.statusText = `@${me.username}`;
    const webhook = await call('getWebhookInfo');
    const problems: string[] = [];
    const codes: string[] = [];
    const pending = Number(webhook.pending_update_count ?? 0);
    if (pending > maxPending) {
      problems.push(`${pending} updates waiting (max-pending ${maxPending})`);
      codes.push('TOO_MANY_PENDING');
    }
    const errorDate = Number(webhook.last_error_date ?? 0);
    const age = Date.now() - errorDate * 1000;
    if (errorDate > 0 && age < RECENT_ERROR_MS) {
      const said = webhook.last_error_message === undefined ? '' : `: Telegram says ${quoted(webhook.last_error_message)}`;
      problems.push(`webhook error ${formatSeconds(age / 1000)} ago${said}`);
      codes.push('WEBHOOK_ERROR');
    }
    if (problems.length > 0) throw new BotError(problems.join('; '), codes[0]);
  } catch (error) {
    const { message, code } = error instanceof BotError ? error : { message: String(error), code: 'ERROR' };
    result.error = mask(message);
    result.errorCode = code;
  }
  return result;
}
