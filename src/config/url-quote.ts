/**
 * What a configuration message may quote of a URL that did not parse, and what to mend in it.
 * Kept apart from the parsers (schema.ts) because the substitution of `${VAR}`s
 * (resolve-endpoint.ts) must recognise the same quote to show the value as written.
 */

/** A URL cut at its last "@": the scheme (`postgres://`, or "" when it has none), and what
 * follows the "@". Null when it has no "@", so no user name or password. */
function credentialsCut(value: string): { scheme: string; after: string } | null {
  const at = value.lastIndexOf('@');
  if (at === -1) return null;
  const scheme = /^[a-z][a-z0-9+.-]*:(?:\/\/)?/i.exec(value.slice(0, at))?.[0] ?? '';
  return { scheme, after: value.slice(at + 1) };
}

/**
 * A URL that did not parse as a message may quote it: everything before its last "@" masked, the
 * scheme kept. A user name and password stand there, and a password is often the very reason the
 * URL does not parse (a "/" or "#" in it), so the message must not show it.
 */
export function quoteUrl(value: string): string {
  const cut = credentialsCut(value);
  return cut ? `${cut.scheme}***@${cut.after}` : value;
}

/** What to mend in a URL with a user or password that did not parse, when that can be told:
 * no host after the "@", or characters of the credentials to percent-encode (the URL parses once
 * they are taken out). Otherwise nothing: the fault is elsewhere (a port, a space in the host). */
export function mendOf(value: string): string {
  const cut = credentialsCut(value);
  if (cut === null || !cut.scheme.endsWith('//')) return '';
  if (/^(?:[:/?#]|$)/.test(cut.after)) return '; it has no host: name it after the "@" (scheme://user:password@HOST:PORT/…)';
  if (URL.canParse(cut.scheme + cut.after))
    return '; in a user name or password, write "/", "#", "?" and "@" percent-encoded (%2F, %23, %3F, %40)';
  return '';
}
