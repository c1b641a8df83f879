/**
 * Keeping the schedule alive: GitHub disables the scheduled workflows of a public repository
 * after 60 days without activity. At most once a day the run re-enables its own workflow
 * (`PUT /repos/{owner}/{repo}/actions/workflows/{file}/enable`, which needs `actions: write`).
 * Nothing here fails the run: without the permission the result carries a notice, once a day,
 * saying what to add.
 */
import { HttpClient } from '@actions/http-client';

export const KEEP_ALIVE_INTERVAL_MS = 24 * 3_600_000;

export interface KeepAliveInput {
  /** The REST API (`GITHUB_API_URL`) and a token allowed to use it. */
  api: { baseUrl: string; token: string };
  /** `owner/repo` (`GITHUB_REPOSITORY`). */
  repository: string;
  /** `GITHUB_WORKFLOW_REF` (`owner/repo/.github/workflows/uptime.yml@refs/heads/main`) or the
   * workflow file's path. */
  workflow: string;
  /** When it last ran (re-enabled, or showed the notice), from `state.json`; null for never. */
  lastDone: string | null;
  now: Date;
  timeoutMs?: number;
  /** The run deadline or a cancellation: the request is abandoned and tried again next run. */
  signal?: AbortSignal;
}

export interface KeepAliveResult {
  /** `enabled`: re-enabled now. `skipped`: done less than a day ago. `notice`: the API refused
   * (missing permission, or no such workflow). `failed`: a transient error, tried again next run. */
  outcome: 'enabled' | 'skipped' | 'notice' | 'failed';
  /** What to keep as `lastDone` (the time of this attempt, or the earlier value). */
  lastDone: string | null;
  /** For the summary: what to change, or what went wrong. Null when there is nothing to say. */
  message: string | null;
}

/** `uptime.yml` from a workflow ref or path. */
export function workflowFileName(workflow: string): string {
  const path = workflow.replace(/@.*$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

const PERMISSION_NOTICE =
  'GitHub disables the schedule of a public repository after 60 days without activity, and Vigil could not re-enable this ' +
  "workflow to prevent that (HTTP 403). Add `actions: write` to the workflow's `permissions:` (e.g. `permissions: { contents: write, issues: write, actions: write }`), or set `keep-alive: false`.";

export async function keepAlive(input: KeepAliveInput): Promise<KeepAliveResult> {
  const now = input.now.getTime();
  if (input.lastDone !== null && now - Date.parse(input.lastDone) < KEEP_ALIVE_INTERVAL_MS && Date.parse(input.lastDone) <= now) {
    return { outcome: 'skipped', lastDone: input.lastDone, message: null };
  }
  const [owner, repo] = input.repository.split('/');
  const file = workflowFileName(input.workflow);
  const url = `${input.api.baseUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/workflows/${encodeURIComponent(file)}/enable`;
  const client = new HttpClient('vigil', undefined, {
    allowRetries: false,
    keepAlive: false,
    socketTimeout: input.timeoutMs ?? 10_000,
  });
  const attempted = input.now.toISOString();
  let forget: () => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    const { signal } = input;
    if (!signal) return;
    const stop = () =>
      reject(Object.assign(new Error('stopped'), { code: `stopped: ${String(signal.reason ?? 'the run was stopped')}` }));
    if (signal.aborted) stop();
    else {
      signal.addEventListener('abort', stop, { once: true });
      forget = () => signal.removeEventListener('abort', stop);
    }
  });
  try {
    const { status, headers } = await Promise.race([
      (async () => {
        const response = await client.request('PUT', url, '', {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${input.api.token}`,
          'x-github-api-version': '2022-11-28',
          'content-length': '0',
        });
        await response.readBody();
        return { status: response.message.statusCode ?? 0, headers: response.message.headers };
      })(),
      stopped,
    ]);
    if (status >= 200 && status < 300) return { outcome: 'enabled', lastDone: attempted, message: null };
    const rateLimited = status === 429 || (status === 403 && headers['x-ratelimit-remaining'] === '0');
    if (status === 403 && !rateLimited) return { outcome: 'notice', lastDone: attempted, message: PERMISSION_NOTICE };
    if (status === 404) {
      return {
        outcome: 'notice',
        lastDone: attempted,
        message: `Vigil could not find its workflow \`${file}\` in ${input.repository} to keep its schedule alive (HTTP 404).`,
      };
    }
    return {
      outcome: 'failed',
      lastDone: input.lastDone,
      message: `Re-enabling the workflow failed (HTTP ${status}); the next run tries again.`,
    };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'network error';
    return {
      outcome: 'failed',
      lastDone: input.lastDone,
      message: `Re-enabling the workflow failed (${reason}); the next run tries again.`,
    };
  } finally {
    forget();
    client.dispose();
  }
}
