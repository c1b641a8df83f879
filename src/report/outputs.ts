import type { EndpointResult, Report } from '../check/types.js';

/** The published result of one endpoint: exactly the fields of the SPEC, in its order. */
export function publicResult(endpoint: EndpointResult): EndpointResult {
  return {
    id: endpoint.id,
    name: endpoint.name,
    url: endpoint.url,
    status: endpoint.status,
    httpStatus: endpoint.httpStatus,
    responseTime: endpoint.responseTime,
    attempts: endpoint.attempts,
    timings: { ...endpoint.timings },
    error: endpoint.error,
    failures: [...endpoint.failures],
    certExpiresInDays: endpoint.certExpiresInDays,
    redirects: endpoint.redirects,
    checkedAt: endpoint.checkedAt,
  };
}

/** Every output of the action, as the strings `GITHUB_OUTPUT` takes. */
export function outputsOf(
  report: Report,
  issues: { opened: number[]; closed: number[] } = { opened: [], closed: [] },
): Record<string, string> {
  return {
    status: report.status,
    'up-count': String(report.counts.up),
    'degraded-count': String(report.counts.degraded),
    'down-count': String(report.counts.down),
    'down-endpoints': JSON.stringify(report.endpoints.filter((e) => e.status === 'down').map((e) => e.name)),
    results: JSON.stringify(report.endpoints.map(publicResult)),
    'issues-opened': JSON.stringify(issues.opened),
    'issues-closed': JSON.stringify(issues.closed),
  };
}
