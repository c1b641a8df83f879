/**
 * Telegram Bot API `sendMessage` with `parse_mode: HTML`: `&<>` escaped everywhere, text from
 * the response inside `<code>` (no entity, link or mention is parsed there), no link previews,
 * at most 4096 characters.
 */
import type { VigilEvent } from '../history/types.js';
import { defuse, escapeHtml } from '../text/escape.js';
import { expectSuccess, postJson, SendError } from './http.js';
import type { HttpRequest } from './http.js';
import { buildMessage, renderWithin } from './message.js';
import type { Message, NotifyContext } from './message.js';
import type { TelegramTarget } from '../config/notify-types.js';

export const TELEGRAM_LIMIT = 4096;

export function renderTelegram(message: Message): string {
  const lines = [`<b>${escapeHtml(message.title)}</b>`];
  for (const fact of message.facts) {
    const value = fact.untrusted ? `<code>${escapeHtml(defuse(fact.text))}</code>` : escapeHtml(fact.text);
    lines.push(`${escapeHtml(fact.label)}: ${value}`);
  }
  if (message.links.length > 0) {
    lines.push('', message.links.map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`).join(' · '));
  }
  return lines.join('\n');
}

export function telegramRequest(target: TelegramTarget, event: VigilEvent, context: NotifyContext): HttpRequest {
  const text = renderWithin(buildMessage(event, context), TELEGRAM_LIMIT, renderTelegram);
  return {
    url: `${target.apiUrl}/bot${target.token}/sendMessage`,
    headers: {},
    body: JSON.stringify({
      chat_id: target.chat,
      text,
      parse_mode: 'HTML',
      disable_web_page_preview: true,
      link_preview_options: { is_disabled: true },
    }),
  };
}

export async function sendTelegram(target: TelegramTarget, event: VigilEvent, context: NotifyContext): Promise<void> {
  const answer = await postJson(telegramRequest(target, event, context), context.timeoutMs, context.signal);
  let reply: { ok?: unknown; description?: unknown } = {};
  try {
    reply = JSON.parse(answer.body) as typeof reply;
  } catch {
    // Not the Bot API's JSON: judged by the status alone.
  }
  expectSuccess(answer, typeof reply.description === 'string' ? reply.description : answer.body);
  if (reply.ok === false) throw new SendError(`Telegram refused: ${String(reply.description ?? 'ok: false')}`);
}
