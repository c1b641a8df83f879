/**
 * Escaping for each place text is put: HTML (the status page, badges, Telegram's HTML, the
 * e-mail's HTML part), Slack, Discord and the runner's log lines. Markdown is in `markdown.ts`.
 *
 * In chat, text from a response is hostile it must not mention
 * anyone, link, format or raise markup in any channel, so besides the channel's own escaping a
 * bare URL or an `@` in it is broken with an invisible space (U+200B) that no client links or
 * pings across.
 */
const ZERO_WIDTH_SPACE = '\u200b';

/** Breaks what clients turn into links or mentions on their own: `https://…`, `www.…`, `@name`. */
export function defuse(text: string): string {
  return text
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/(https?|ftp|mailto|www|tg|discord)(:|\.)/gi, `$1${ZERO_WIDTH_SPACE}$2`);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML (and SVG) text and quoted attribute values: the status page, badges, Telegram's
 * `parse_mode: HTML`, the e-mail's HTML part. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Slack mrkdwn: `&<>` are its control characters (`<!channel>`, `<@U…>`, `<url|text>`). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Neither Slack nor Discord can escape a backtick inside code: it becomes a look-alike. */
const MODIFIER_GRAVE = '\u02cb';
export function inCode(text: string): string {
  return text.replace(/`/g, MODIFIER_GRAVE);
}

/** Discord Markdown: every character that can start formatting, a link, a heading, a list, a
 * quote, a mention or a timestamp is backslash-escaped. */
export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|>#\-[\]()<:!@]/g, (c) => `\\${c}`);
}

/** A log line's message as the runner decodes a workflow command (`::warning::…`). */
export const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A workflow command's property (title=…), which also may not hold `:` or `,`. */
export const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
