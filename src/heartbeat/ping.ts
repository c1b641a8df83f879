/**
 * The dead man's switch (`heartbeat-url`, `heartbeat-fail-url`): after a run that checked, one
 * GET to the heartbeat URL; after a run that could not check (a configuration error, a crash),
 * one GET to the fail URL, or to the heartbeat URL with `/fail` appended (Healthchecks.io's
 * form). A service outside GitHub then notices when runs stop, which no run can report itself.
 *
 * The URLs are secrets (their paths are the service's keys): they are masked before anything is
 * logged, and no message says them. A ping that fails is a notice, never a failure of the run.
 */
import { probeHttp } from '../probe/kinds/http.js';
import { type ProbeOptions } from '../probe/types.js';
import { redactText } from '../text/redact.js';
import type { HeartbeatUrls } from '../config/heartbeat-urls.js';

/** Short, so that a ping service that does not answer holds the step for little time. */
export const PING_TIMEOUT_MS = 10_000;

/** Every form of the URLs that must not be shown: whole, and their paths and queries. */
export function heartbeatSecrets(urls: HeartbeatUrls): string[] {
  const forms = new Set<string>();
  for (const href of [urls.url, urls.failUrl]) {
    const url = new URL(href);
    forms.add(href);
    if (url.pathname.length > 1) forms.add(url.pathname);
    if (url.search.length > 1) forms.add(url.search.slice(1));
    if (url.password) forms.add(url.password);
  }
  // A path of a character or two (`/p`) is no key, and masking it would garble every log line.
  return [...forms].filter((form) => form.length >= 4);
}

/** Sends the ping; returns null when it was answered with a 2xx, else what went wrong, masked. */
export async function sendHeartbeat(
  urls: HeartbeatUrls,
  checked: boolean,
  options: ProbeOptions & { timeout?: number } = {},
): Promise<string | null> {
  const result = await probeHttp(
    {
      url: checked ? urls.url : urls.failUrl,
      method: 'GET',
      headers: {},
      body: null,
      timeout: options.timeout ?? PING_TIMEOUT_MS,
      followRedirects: 3,
      insecure: false,
      bodyLimit: 1024,
    },
    options,
  );
  const problem =
    result.error ??
    (result.httpStatus !== null && (result.httpStatus < 200 || result.httpStatus > 299) ? `HTTP ${result.httpStatus}` : null);
  return problem === null ? null : redactText(problem, heartbeatSecrets(urls));
}
