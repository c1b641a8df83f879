/**
 * What the tests of `recordRun` (src/run/record-run.ts) share: one endpoint, its settings as the
 * judge takes them, and a check of it.
 */
import type { CheckedEndpoint, EndpointSettings } from '../../src/history/types.js';

export const API_SETTINGS: EndpointSettings = {
  id: 'api',
  name: 'API',
  url: 'https://example.com/api',
  target: 99,
  failureThreshold: 1,
  successThreshold: 1,
};

/** An up check of the endpoint, at `at`. */
export function apiCheck(at: Date): CheckedEndpoint {
  return {
    id: 'api',
    name: 'API',
    url: 'https://example.com/api',
    status: 'up',
    inMaintenance: false,
    httpStatus: 200,
    timings: { dns: 1, connect: 2, tls: 3, wait: 290, download: 4, total: 300 },
    attempts: 1,
    error: null,
    failures: [],
    checkedAt: at.toISOString(),
  };
}
