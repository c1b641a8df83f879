/** One-line forms of text that may hold line breaks or control characters (a server's error, a
 * git message, a name), for a log line, a table cell, a subject or a chat title. */

/** One line of untrusted text: control characters and line breaks become spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** One line with every run of white space (and control characters) made one space, trimmed:
 * a message quoted inside a sentence. */
export function squash(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Shortens text to at most `max` characters, ending with `…` when cut, never splitting a
 * surrogate pair (an emoji cut in half shows as a replacement character). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
  return `${text.slice(0, end)}…`;
}
