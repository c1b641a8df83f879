import { octokitClient, type IncidentClient } from './client.js';

export { reconcileIncidents } from './lifecycle.js';
export { IssuesApiError, octokitClient } from './client.js';
export { workflowPathOf } from './text.js';

/** The client for the repository the workflow runs in, on the API the runner names. */
export function incidentClient(
  token: string,
  where: { repository: string | null; apiUrl: string },
  signal?: AbortSignal,
): IncidentClient {
  return octokitClient({ signal, token, repository: where.repository ?? '', apiUrl: where.apiUrl });
}
