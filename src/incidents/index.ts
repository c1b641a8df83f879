import { octokitClient, type IncidentClient } from './client.js';

export { reconcileIncidents } from './lifecycle.js';
export { IssuesApiError, octokitClient } from './client.js';
export { workflowPathOf } from './text.js';

/** The client for the repository the workflow runs in, on the API the runner names. */
export function incidentClient(token: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): IncidentClient {
  return octokitClient({
    signal,
    token,
    repository: env.GITHUB_REPOSITORY ?? '',
    apiUrl: env.GITHUB_API_URL || undefined,
  });
}
