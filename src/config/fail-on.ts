import type { FailOn } from './types.js';

/** Whether a status reaches the `fail-on` level — `down` fails on down, `degraded` on degraded
 * or down, `never` on nothing. The action, the CLI and a run's counted states all ask here. */
export function reachesFailOn(status: string, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return status === 'down' || (failOn === 'degraded' && status === 'degraded');
}
