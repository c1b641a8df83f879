/**
 * `tls://host:port`: a TCP connection and a TLS handshake with the host as SNI. Up when the chain
 * verifies (or `insecure`) and has not expired; `certValidTo` feeds `cert-expiry-days`.
 */
import type { ProbeOptions, ProbeRequest, ProbeResult } from '../types.js';
import { openConnection, portOf, runAttempt } from './common.js';

export function probeTls(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return runAttempt(request, options, async (attempt) => {
    // Nothing is said on the connection; the attempt closes it as it ends.
    await openConnection(attempt, portOf(attempt.url, 0), true);
  });
}
