/**
 * The inputs `heartbeat-url` and `heartbeat-fail-url`, read and checked; the ping itself is sent
 * by `heartbeat/ping.ts`.
 */

export interface HeartbeatUrls {
  url: string;
  failUrl: string;
}

/** Reads the two inputs; null when `heartbeat-url` is not set, a problem when either is not a URL. */
export function readHeartbeat(read: (name: 'heartbeat-url' | 'heartbeat-fail-url') => string): {
  urls: HeartbeatUrls | null;
  problems: Array<{ where: string; message: string }>;
} {
  const problems: Array<{ where: string; message: string }> = [];
  const valid = (name: 'heartbeat-url' | 'heartbeat-fail-url'): string => {
    const value = read(name).trim();
    if (value === '') return '';
    let parsed: URL | null = null;
    try {
      parsed = new URL(value);
    } catch {
      // Said below.
    }
    // The value is a secret: the message never quotes it.
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.hostname === '') {
      problems.push({ where: `input ${name}`, message: 'is not an http or https URL' });
      return '';
    }
    return value;
  };
  const url = valid('heartbeat-url');
  const failUrl = valid('heartbeat-fail-url');
  if (failUrl !== '' && url === '' && problems.length === 0) {
    problems.push({ where: 'input heartbeat-fail-url', message: 'needs heartbeat-url as well' });
  }
  if (url === '' || problems.length > 0) return { urls: null, problems };
  return { urls: { url, failUrl: failUrl || withFail(url) }, problems };
}

/** Healthchecks.io's fail URL: the path with `/fail` appended, the query kept. */
export function withFail(href: string): string {
  const url = new URL(href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/fail`;
  return url.toString();
}
