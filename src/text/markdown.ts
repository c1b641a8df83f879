/**
 * Making text safe to put in Markdown (job summaries and issues). Text that came from a
 * response — status text, body excerpts, error messages, actual values — is only ever shown
 * inside code, where it cannot mention anyone, link, embed images or raise HTML.
 */
import { oneLine } from './one-line.js';

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

/**
 * An inline code span holding untrusted text. The fence is one backtick longer than any run of
 * backticks inside. In a table cell a `|` would still end the cell (GFM splits cells before
 * parsing code), so there it is escaped, which GFM undoes inside the cell.
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  let content = oneLine(text);
  if (content.trim() === '') return content === '' ? '' : '` `';
  if (options.inTable) content = content.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A fenced code block holding untrusted text, fenced longer than any run of ` or ~ in it. */
export function codeBlock(text: string, language = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1, longestRun(text, '~') + 1));
  return `${fence}${language}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}

/** Text written by the user (endpoint names) as plain Markdown text: every character that could
 * start markup is escaped, and an @ cannot start a mention. */
export function escapeText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b')
    .replace(/(https?|ftp|www)(:|\.)/gi, '$1\u200b$2');
}

/** A URL made safe to be a link target. */
export function linkTarget(url: string): string {
  return url.replace(/[\s()<>[\]"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
