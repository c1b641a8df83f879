/**
 * Escaping for each channel's markup. Text from a response is hostile: it must not mention
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

/** HTML text and attribute values (Telegram's `parse_mode: HTML`, the e-mail's HTML part). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
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
