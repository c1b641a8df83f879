/**
 * Placeholder: the PostgreSQL prober lives in its own module, merged separately; until then a
 * check of this kind is down with an error saying so, rather than a crash at load time.
 */
import type { ProbeOptions, ProbeRequest, ProbeResult } from '../probe.js';
import { runAttempt } from './common.js';
import { ProbeError } from '../errors.js';

export function probePostgres(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return runAttempt(request, options, async () => {
    throw new ProbeError('PostgreSQL checks are not part of this build', 'UNSUPPORTED_KIND');
  });
}
