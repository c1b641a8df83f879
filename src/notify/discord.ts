/**
 * Discord webhook: `content` in Markdown with every formatting character escaped, text from the
 * response in inline code, `allowed_mentions: { parse: [] }` so nothing pings even if it got
 * through, embeds suppressed, at most 2000 characters.
 */
import type { VigilEvent } from '../history/types.js';
import { defuse, escapeDiscord, inCode } from '../text/escape.js';
import { expectSuccess, postJson } from './http.js';
import type { HttpRequest } from './http.js';
import { buildMessage, renderWithin } from './message.js';
import type { Message, NotifyContext } from './message.js';
import type { DiscordTarget } from '../config/notify-types.js';

export const DISCORD_LIMIT = 2000;
/** Discord's message flag SUPPRESS_EMBEDS (1 << 2): no previews of the links. */
const SUPPRESS_EMBEDS = 4;

export function renderDiscord(message: Message): string {
  const lines = [`**${escapeDiscord(message.title)}**`];
  for (const fact of message.facts) {
    const value = fact.untrusted ? `\`${inCode(defuse(fact.text))}\`` : escapeDiscord(fact.text);
    lines.push(`${escapeDiscord(fact.label)}: ${value}`);
  }
  if (message.links.length > 0) {
    const link = (label: string, url: string) => `[${escapeDiscord(label)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
    lines.push(message.links.map(({ label, url }) => link(label, url)).join(' · '));
  }
  return lines.join('\n');
}

export function discordRequest(target: DiscordTarget, event: VigilEvent, context: NotifyContext): HttpRequest {
  const content = renderWithin(buildMessage(event, context), DISCORD_LIMIT, renderDiscord);
  return {
    url: target.url,
    headers: {},
    body: JSON.stringify({ content, allowed_mentions: { parse: [] }, flags: SUPPRESS_EMBEDS }),
  };
}

export async function sendDiscord(target: DiscordTarget, event: VigilEvent, context: NotifyContext): Promise<void> {
  expectSuccess(await postJson(discordRequest(target, event, context), context.timeoutMs, context.signal));
}
