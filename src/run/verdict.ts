/**
 * The verdict: the step fails when an endpoint's counted status reaches `fail-on`, or when any
 * part of the run failed (each said in one line of the failure).
 */
import { reachesFailOn } from '../config/fail-on.js';
import { counted, type Run } from './state.js';

export function verdict(run: Run): void {
  const { failures } = run.journal;
  const failing = run.report.endpoints.filter((endpoint) => reachesFailOn(counted(run, endpoint), run.config.run.failOn));
  if (failing.length > 0) {
    const worst = failing.some((endpoint) => counted(run, endpoint) === 'down') ? 'Down' : 'Degraded';
    failures.unshift(`${worst}: ${failing.map((endpoint) => `${endpoint.name} (${counted(run, endpoint)})`).join(', ')}`);
  }
  if (failures.length > 0) run.ctx.runner.setFailed(failures.join('\n'));
}
