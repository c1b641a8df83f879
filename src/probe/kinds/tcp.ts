/** `tcp://host:port`: up when a TCP connection opens (phases dns and connect). */
import type { ProbeOptions, ProbeRequest, ProbeResult } from '../types.js';
import { openConnection, portOf, runAttempt } from './common.js';

export function probeTcp(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return runAttempt(request, options, async (attempt) => {
    const socket = await openConnection(attempt, portOf(attempt.url, 0), false);
    // Nothing is said on the connection: a polite close, so the service logs no error.
    socket.end();
  });
}
