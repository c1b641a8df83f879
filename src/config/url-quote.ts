/**
 * What a configuration message may quote of a URL that did not parse, and what to mend in it.
 * Kept apart from the parsers (schema.ts) because the substitution of `${VAR}`s
 * (resolve-endpoint.ts) must recognise the same quote to show the value as written.
 */

/**
 * A URL that did not parse as a message may quote it: everything before its last "@" masked, the
 * scheme kept. A user name and password stand there, and a password is often the very reason the
 * URL does not parse (a "/" or "#" in it), so the message must not show it.
 */
export function quoteUrl(value: string): string {
  const at = value.lastIndexOf('@');
  if (at === -1) return value;
  const scheme = /^[a-z][a-z0-9+.-]*:(?:\/\/)?/i.exec(value.slice(0, at))?.[0] ?? '';
  return `${scheme}***${value.slice(at)}`;
}

/** What to mend in a URL with a user or password that did not parse, when that can be told:
 * no host after the "@", or characters of the credentials to percent-encode (the URL parses once
 * they are taken out). Otherwise nothing: the fault is elsewhere (a port, a space in the host). */
export function mendOf(value: string): string {
  const quoted = quoteUrl(value);
  if (quoted === value) return '';
  const without = quoted.replace('***@', '');
  if (/^[a-z][a-z0-9+.-]*:\/\/(?:[:/?#]|$)/i.test(without))
    return '; it has no host: name it after the "@" (scheme://user:password@HOST:PORT/…)';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(without) && URL.canParse(without))
    return '; in a user name or password, write "/", "#", "?" and "@" percent-encoded (%2F, %23, %3F, %40)';
  return '';
}
