/**
 * The few GitHub REST calls the incident lifecycle needs, over Octokit. Transient failures
 * (5xx, rate limits, network errors) are retried with backoff; anything else is thrown as an
 * IssuesApiError whose message tells the user what to change.
 *
 * Why not @octokit/plugin-retry and @octokit/plugin-throttling (read in their 8.x / 11.x
 * sources): plugin-retry waits (n+1)² seconds whatever Retry-After says and repeats a failed
 * POST by status alone; plugin-throttling honours Retry-After and X-RateLimit-Reset, but queues
 * every write behind module-wide limiters (1 s between writes, 3 s between comments: five
 * comments to a loopback server took 12.1 s with it and 0.4 s without), does not retry a plain
 * 429, and neither takes a clock or a sleep, so their waits can only be tested in real seconds.
 * The loop below is short, honours both headers, and never repeats a write without first
 * looking whether it went through.
 */
import { randomUUID } from 'node:crypto';
import { getOctokit } from '@actions/github';
import { redactText } from '../text/redact.js';
import { markersOf, withMarkers } from './text.js';

export interface IncidentIssue {
  number: number;
  body: string;
  createdAt: string;
  /** When it was closed (ISO); null while open or when the answer did not say. */
  closedAt?: string | null;
  htmlUrl: string;
  /** The labels GitHub reports on the issue, or null when the answer did not say. */
  labels: string[] | null;
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
}

export interface ClosedQuery {
  /** Newest first by creation or by last update. */
  sort: 'created' | 'updated';
  /** Only issues updated at or after this time (ISO). */
  since?: string;
  /** Pages of 100 to read at most. */
  maxPages: number;
  /** Stop reading pages once this holds for what was read so far. */
  enough?: (issues: IncidentIssue[]) => boolean;
}

/** What the lifecycle needs from GitHub; tests and other hosts can supply their own. */
export interface IncidentClient {
  listOpen(label: string): Promise<IncidentIssue[]>;
  /** Closed issues with the label; only asked when an endpoint is down without an open issue,
   * or (without outage starts from the history) to mark an outage a person closed as over. */
  listClosed?(label: string, query: ClosedQuery): Promise<IncidentIssue[]>;
  create(issue: NewIssue): Promise<IncidentIssue>;
  comment(number: number, body: string): Promise<void>;
  addLabels(number: number, labels: string[]): Promise<string[]>;
  update(number: number, changes: { body?: string; state?: 'closed'; stateReason?: 'completed' | 'not_planned' }): Promise<void>;
}

export class IssuesApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'IssuesApiError';
  }
}

interface RequestFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

export interface RetryPolicy {
  retries: number;
  /** First backoff in ms; doubles each time. */
  baseDelay: number;
  /** The longest wait honoured from Retry-After / X-RateLimit-Reset. */
  maxDelay: number;
  sleep: (ms: number) => Promise<void>;
  /** The clock X-RateLimit-Reset and an HTTP-date Retry-After are measured against. */
  now: () => number;
}

const defaultPolicy: RetryPolicy = {
  retries: 3,
  baseDelay: 1000,
  maxDelay: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

function isRateLimited(failure: RequestFailure): boolean {
  const headers = failure.response?.headers ?? {};
  return (
    failure.status === 429 ||
    (failure.status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(failure.message ?? '')))
  );
}

/** Whether GitHub refused the request before doing anything, so repeating it cannot duplicate. */
const refusedUnseen = (failure: RequestFailure) => isRateLimited(failure);

/** Retry-After in ms: a number of seconds or an HTTP date; null when absent or unreadable. */
function retryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** How long to wait before trying a failed request again, or null when it is not transient. */
export function retryDelay(failure: RequestFailure, attempt: number, policy: RetryPolicy): number | null {
  const status = failure.status;
  const transient = status === undefined || status >= 500 || isRateLimited(failure);
  if (!transient) return null;
  const headers = failure.response?.headers ?? {};
  const backoff = policy.baseDelay * 2 ** attempt;
  const asked = retryAfter(headers['retry-after'], policy.now());
  if (asked !== null) return Math.min(policy.maxDelay, Math.max(asked, 0));
  if (isRateLimited(failure) && headers['x-ratelimit-reset'] !== undefined) {
    // The reset is a whole second; one more second so the retry lands after it.
    const resetIn = Number(headers['x-ratelimit-reset']) * 1000 - policy.now() + 1000;
    return Math.min(policy.maxDelay, Math.max(backoff, resetIn));
  }
  return Math.min(policy.maxDelay, backoff);
}

function explain(failure: RequestFailure, action: string, repository: string, token = ''): IssuesApiError {
  const status = failure.status ?? null;
  // Masked before it is cut: an answer that echoes the token leaves no start of it behind.
  const said = redactText((failure.message ?? 'no answer').split('\n')[0], token ? [token] : []).slice(0, 200);
  if (status === 401) {
    return new IssuesApiError(
      `GitHub rejected the token while trying to ${action} (401 ${said}). Check the github-token input.`,
      status,
    );
  }
  if (status === 403 || status === 404) {
    return new IssuesApiError(
      `GitHub refused to ${action} in ${repository} (${status} ${said}). ` +
        'The workflow needs `permissions: issues: write` (add it to the workflow or the job), ' +
        'and the github-token must be able to reach this repository.',
      status,
    );
  }
  if (status === 410) {
    return new IssuesApiError(`Issues are disabled in ${repository} (410): enable them, or set create-issues to false.`, status);
  }
  return new IssuesApiError(`GitHub could not ${action} in ${repository} (${status ?? 'network error'}: ${said}).`, status);
}

interface RawIssue {
  number: number;
  body?: string | null;
  created_at?: string;
  closed_at?: string | null;
  html_url?: string;
  labels?: Array<string | { name?: string }>;
  pull_request?: unknown;
}

const labelNames = (labels: RawIssue['labels']) =>
  (labels ?? []).map((label) => (typeof label === 'string' ? label : (label.name ?? '')));

const toIncident = (issue: RawIssue): IncidentIssue => ({
  number: issue.number,
  body: issue.body ?? '',
  createdAt: issue.created_at ?? '',
  closedAt: issue.closed_at ?? null,
  htmlUrl: issue.html_url ?? '',
  labels: issue.labels === undefined ? null : labelNames(issue.labels),
});

export interface ClientOptions {
  token: string;
  /** `owner/name` of the repository that holds the incident issues. */
  repository: string;
  /** REST API root (GITHUB_API_URL). */
  apiUrl?: string;
  retry?: Partial<RetryPolicy>;
  /** The run deadline or a cancellation: requests in flight are aborted, and no retry waits. */
  signal?: AbortSignal;
}

export function octokitClient(options: ClientOptions): IncidentClient {
  const [owner, repo] = options.repository.split('/');
  if (!owner || !repo) throw new IssuesApiError(`GITHUB_REPOSITORY "${options.repository}" is not owner/name`, null);
  const policy: RetryPolicy = { ...defaultPolicy, ...options.retry };
  const { signal } = options;
  const octokit = getOctokit(options.token, {
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
    ...(signal ? { request: { signal } } : {}),
  });
  if (signal) {
    const sleep = policy.sleep;
    policy.sleep = (ms) =>
      signal.aborted
        ? Promise.reject(new IssuesApiError(`stopped: ${String(signal.reason)}`, null))
        : new Promise<void>((resolve, reject) => {
            const stop = () => reject(new IssuesApiError(`stopped: ${String(signal.reason)}`, null));
            signal.addEventListener('abort', stop, { once: true });
            sleep(ms).then(() => {
              signal.removeEventListener('abort', stop);
              resolve();
            }, reject);
          });
  }

  // Transient failures are retried here, around every request (paging included), except the
  // two writes that are not idempotent: creating an issue or a comment twice leaves two. Those
  // are repeated by `writeOnce`, which looks first.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const notIdempotent = requestOptions.method === 'POST' && !String(requestOptions.url).endsWith('/labels');
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const delay = !notIdempotent && attempt < policy.retries ? retryDelay(error as RequestFailure, attempt, policy) : null;
        if (delay === null) throw error;
        await policy.sleep(delay);
      }
    }
  });

  /**
   * A write that failed may still have been stored (a 5xx after the commit, a connection that
   * dropped before the answer). Each write carries a unique marker; before repeating one,
   * look for it, and adopt what is found instead of writing again.
   */
  const writeOnce = async <T>(write: () => Promise<T>, lookup: () => Promise<T | null>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        const failure = error as RequestFailure;
        const delay = attempt < policy.retries ? retryDelay(failure, attempt, policy) : null;
        if (delay === null) throw error;
        await policy.sleep(delay);
        if (!refusedUnseen(failure)) {
          const found = await lookup();
          if (found !== null) return found;
        }
      }
    }
  };

  const call = async <T>(action: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw explain(error as RequestFailure, action, options.repository, options.token);
    }
  };

  const createIssue = async (issue: NewIssue): Promise<IncidentIssue> => {
    const params = { owner, repo, title: issue.title, body: issue.body, labels: issue.labels };
    try {
      const { data } = await octokit.rest.issues.create({ ...params, assignees: issue.assignees });
      return toIncident(data as RawIssue);
    } catch (error) {
      // An assignee who cannot be assigned must not stop the incident from being opened.
      if ((error as RequestFailure).status !== 422 || issue.assignees.length === 0) throw error;
      const { data } = await octokit.rest.issues.create(params);
      return toIncident(data as RawIssue);
    }
  };

  return {
    listOpen: (label) =>
      call('list the open incident issues', async () => {
        const issues = (await octokit.paginate(octokit.rest.issues.listForRepo, {
          owner,
          repo,
          state: 'open',
          labels: label,
          per_page: 100,
        })) as RawIssue[];
        return issues.filter((issue) => !issue.pull_request).map(toIncident);
      }),
    listClosed: (label, query) =>
      call('list the closed incident issues', async () => {
        const found: IncidentIssue[] = [];
        let pages = 0;
        const params = {
          owner,
          repo,
          state: 'closed' as const,
          labels: label,
          sort: query.sort,
          direction: 'desc' as const,
          per_page: 100,
          ...(query.since ? { since: query.since } : {}),
        };
        for await (const { data } of octokit.paginate.iterator(octokit.rest.issues.listForRepo, params)) {
          found.push(...(data as RawIssue[]).filter((issue) => !issue.pull_request).map(toIncident));
          pages += 1;
          if (pages >= query.maxPages || query.enough?.(found)) break;
        }
        return found;
      }),
    create: (issue) =>
      call('open an incident issue', async () => {
        const key = randomUUID();
        const keyed = { ...issue, body: withMarkers(issue.body, { write: key }) };
        return writeOnce(
          () => createIssue(keyed),
          async () => {
            // Newest first: an issue this run just opened is on the first page.
            const { data } = await octokit.rest.issues.listForRepo({
              owner,
              repo,
              state: 'open',
              sort: 'created',
              direction: 'desc',
              per_page: 100,
            });
            const mine = (data as RawIssue[]).find((candidate) => markersOf(candidate.body ?? '').write === key);
            return mine ? toIncident(mine) : null;
          },
        );
      }),
    comment: (number, body) =>
      call(`comment on issue #${number}`, async () => {
        const key = randomUUID();
        const keyed = withMarkers(body, { write: key });
        await writeOnce(
          async () => void (await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: keyed })),
          async () => {
            const comments = await octokit.paginate(octokit.rest.issues.listComments, {
              owner,
              repo,
              issue_number: number,
              per_page: 100,
            });
            return comments.some((comment) => markersOf(comment.body ?? '').write === key) ? undefined : null;
          },
        );
      }),
    addLabels: (number, labels) =>
      call(`label issue #${number}`, async () => {
        const { data } = await octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels });
        return labelNames(data as RawIssue['labels']);
      }),
    update: (number, changes) =>
      call(`update issue #${number}`, async () => {
        await octokit.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          ...(changes.body !== undefined ? { body: changes.body } : {}),
          ...(changes.state ? { state: changes.state } : {}),
          ...(changes.stateReason ? { state_reason: changes.stateReason } : {}),
        });
      }),
  };
}
