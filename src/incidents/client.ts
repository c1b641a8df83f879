/**
 * The few GitHub REST calls the incident lifecycle needs, over Octokit. Transient failures
 * (5xx, rate limits, network errors) are retried with backoff; anything else is thrown as an
 * IssuesApiError whose message tells the user what to change.
 */
import { getOctokit } from '@actions/github';

export interface IncidentIssue {
  number: number;
  body: string;
  createdAt: string;
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

/** What the lifecycle needs from GitHub; tests and other hosts can supply their own. */
export interface IncidentClient {
  listOpen(label: string): Promise<IncidentIssue[]>;
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
}

const defaultPolicy: RetryPolicy = {
  retries: 3,
  baseDelay: 1000,
  maxDelay: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

function isRateLimited(failure: RequestFailure): boolean {
  const headers = failure.response?.headers ?? {};
  return (
    failure.status === 429 ||
    (failure.status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(failure.message ?? '')))
  );
}

/** How long to wait before trying a failed request again, or null when it is not transient. */
export function retryDelay(failure: RequestFailure, attempt: number, policy: RetryPolicy): number | null {
  const status = failure.status;
  const transient = status === undefined || status >= 500 || isRateLimited(failure);
  if (!transient) return null;
  const headers = failure.response?.headers ?? {};
  const backoff = policy.baseDelay * 2 ** attempt;
  if (headers['retry-after'] !== undefined && /^\d+$/.test(headers['retry-after'])) {
    return Math.min(policy.maxDelay, Number(headers['retry-after']) * 1000);
  }
  if (isRateLimited(failure) && headers['x-ratelimit-reset'] !== undefined) {
    const resetIn = Number(headers['x-ratelimit-reset']) * 1000 - Date.now();
    return Math.min(policy.maxDelay, Math.max(backoff, resetIn));
  }
  return Math.min(policy.maxDelay, backoff);
}

function explain(failure: RequestFailure, action: string, repository: string): IssuesApiError {
  const status = failure.status ?? null;
  const said = (failure.message ?? 'no answer').split('\n')[0].slice(0, 200);
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
}

export function octokitClient(options: ClientOptions): IncidentClient {
  const [owner, repo] = options.repository.split('/');
  if (!owner || !repo) throw new IssuesApiError(`GITHUB_REPOSITORY "${options.repository}" is not owner/name`, null);
  const policy: RetryPolicy = { ...defaultPolicy, ...options.retry };
  const octokit = getOctokit(options.token, options.apiUrl ? { baseUrl: options.apiUrl } : {});

  // Transient failures are retried here, around every request (paging included).
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const delay = attempt < policy.retries ? retryDelay(error as RequestFailure, attempt, policy) : null;
        if (delay === null) throw error;
        await policy.sleep(delay);
      }
    }
  });

  const call = async <T>(action: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw explain(error as RequestFailure, action, options.repository);
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
    create: (issue) =>
      call('open an incident issue', async () => {
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
      }),
    comment: (number, body) =>
      call(`comment on issue #${number}`, async () => {
        await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
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
