/**
 * Slack incoming webhook, Block Kit: one `mrkdwn` section with `verbatim: true` (Slack then
 * links no URL and parses no mention on its own) and `&<>` escaped (so `<!channel>`, `<@U…>` and
 * `<url|text>` written by anyone else are shown, not obeyed). Text from the response goes in
 * inline code. A text block holds at most 3000 characters.
 */
import type { VigilEvent } from '../history/types.js';
import { defuse, escapeSlack, inCode } from '../text/escape.js';
import { expectSuccess, postJson } from './http.js';
import type { HttpRequest } from './http.js';
import { buildMessage, renderWithin } from './message.js';
import { clip } from '../text/one-line.js';
import type { Message, NotifyContext } from './message.js';
import type { SlackTarget } from '../config/notify-types.js';

export const SLACK_BLOCK_LIMIT = 3000;

export function renderSlack(message: Message): string {
  const lines = [`*${escapeSlack(message.title)}*`];
  for (const fact of message.facts) {
    const value = fact.untrusted ? `\`${escapeSlack(inCode(defuse(fact.text)))}\`` : escapeSlack(fact.text);
    lines.push(`${escapeSlack(fact.label)}: ${value}`);
  }
  return lines.join('\n');
}

/** `<url|label>`: in a link `|` and `>` would end the parts, so they are percent-encoded. */
function slackLink(url: string, label: string): string {
  const target = url.replace(/[|<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/&/g, '&amp;');
  return `<${target}|${escapeSlack(label).replace(/\|/g, '¦')}>`;
}

export function slackRequest(target: SlackTarget, event: VigilEvent, context: NotifyContext): HttpRequest {
  const message = buildMessage(event, context);
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: renderWithin(message, SLACK_BLOCK_LIMIT, renderSlack), verbatim: true } },
  ];
  if (message.links.length > 0) {
    const links = message.links.map((link) => slackLink(link.url, link.label)).join(' · ');
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(links, SLACK_BLOCK_LIMIT), verbatim: true }] });
  }
  // `text` is what notifications and screen readers show: the title alone.
  return {
    url: target.url,
    headers: {},
    body: JSON.stringify({ text: clip(escapeSlack(message.title), SLACK_BLOCK_LIMIT), blocks }),
  };
}

export async function sendSlack(target: SlackTarget, event: VigilEvent, context: NotifyContext): Promise<void> {
  expectSuccess(await postJson(slackRequest(target, event, context), context.timeoutMs, context.signal));
}
