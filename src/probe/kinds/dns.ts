import type { ProbeOptions, ProbeRequest, ProbeResult } from '../probe.js';
import { runAttempt } from './common.js';
import { ProbeError } from '../errors.js';

export function probeDns(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return runAttempt(request, options, async () => {
    throw new ProbeError('not yet implemented', 'UNSUPPORTED_KIND');
  });
}
