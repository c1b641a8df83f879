/**
 * Redaction: the one place that decides what a user may see of a URL or a text that could hold
 * a secret. Every sink (log, summary, outputs, annotations, issues, terminal) goes through it.
 */
export const MASK = '***';

/** Query parameter names that look like they carry a secret. */
const SECRET_PARAM =
  /(token|key|secret|passw|pwd|signature|sig$|^sig|auth|credential|session|cookie|jwt|bearer|private|access|code$|^code)/i;

export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(name);
}

/** Secret strings found in a URL: the user info and the values of secret-looking parameters. */
export function secretsOfUrl(href: string): string[] {
  const secrets: string[] = [];
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return secrets;
  }
  for (const part of [url.username, url.password]) {
    if (part) secrets.push(part, safeDecode(part));
  }
  for (const [name, value] of url.searchParams) {
    if (value && isSecretParam(name)) secrets.push(value, encodeURIComponent(value));
  }
  return secrets.filter((secret) => secret.length > 0);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Replaces every occurrence of each secret (and its URL-encoded form) with ***. */
export function redactText(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  let redacted = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    if (form.length < 3) continue;
    redacted = redacted.split(form).join(MASK);
  }
  return redacted;
}

/** The URL as it may be shown: user info and secret-looking query values masked, and any other
 * configured secret (a substituted `${VAR}`) masked wherever it appears. */
export function redactUrl(href: string, secrets: readonly string[] = []): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return redactText(href, secrets);
  }
  const hadUser = url.username !== '';
  const hadPassword = url.password !== '';
  url.username = '';
  url.password = '';
  const query = [...url.searchParams].map(([name, value]) => [name, isSecretParam(name) && value ? MASK : value]);
  let shown = `${url.protocol}//`;
  if (hadUser || hadPassword) shown += `${hadUser ? MASK : ''}${hadPassword ? `:${MASK}` : ''}@`;
  shown += url.host + url.pathname;
  if (query.length > 0) {
    shown += `?${query.map(([name, value]) => `${encodeURIComponent(name)}${value === '' ? '' : `=${value === MASK ? MASK : encodeURIComponent(value)}`}`).join('&')}`;
  }
  return redactText(shown, secrets);
}
