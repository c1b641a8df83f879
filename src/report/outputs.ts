import type { EndpointResult, Report } from '../check/types.js';
import type { CountedStatus, EndpointView } from '../history/types.js';

/** The published result of one endpoint: exactly the fields docs/configuration.md lists ("Outputs"), in its order. */
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

/** What the data branch adds to each result (docs/history.md: what each object of `results` gains). */
export interface RememberedResult {
  state: CountedStatus;
  since: string | null;
  uptime: { '24h': number | null; '7d': number | null; '30d': number | null };
  p95: number | null;
}

export function rememberedOf(view: EndpointView): RememberedResult {
  const { figures } = view;
  return {
    state: figures.status,
    since: figures.since,
    uptime: { '24h': figures.uptime['24h'], '7d': figures.uptime['7d'], '30d': figures.uptime['30d'] },
    p95: figures.responseTime['24h'].p95,
  };
}

/** Every output of the action, as the strings `GITHUB_OUTPUT` takes. With history, each result
 * also carries its counted state and figures, and `history-commit` names the commit pushed. */
export function outputsOf(
  report: Report,
  issues: { opened: number[]; closed: number[] } = { opened: [], closed: [] },
  history: { commit: string | null; remembered: ReadonlyMap<string, RememberedResult> } | null = null,
): Record<string, string> {
  return {
    status: report.status,
    'up-count': String(report.counts.up),
    'degraded-count': String(report.counts.degraded),
    'down-count': String(report.counts.down),
    'down-endpoints': JSON.stringify(report.endpoints.filter((e) => e.status === 'down').map((e) => e.name)),
    results: JSON.stringify(
      report.endpoints.map((endpoint) => {
        const remembered = history?.remembered.get(endpoint.id);
        return remembered ? { ...publicResult(endpoint), ...remembered } : publicResult(endpoint);
      }),
    ),
    'issues-opened': JSON.stringify(issues.opened),
    'issues-closed': JSON.stringify(issues.closed),
    'history-commit': history?.commit ?? '',
  };
}
