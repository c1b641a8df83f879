import type { ReportedEndpoint, Status } from '../check/types.js';
import { KINDS, type KindName } from '../probe/kinds/index.js';
import { PHASES, type Phase } from '../probe/phases.js';

export const STATUS_ICON: Record<Status, string> = { up: '🟢', degraded: '🟡', down: '🔴' };

/** `2 of 5 endpoints down`, `all 3 endpoints up` (`no endpoint checked` when a run was cancelled first). */
export function headline(counts: Record<Status, number>, status: Status): string {
  const total = counts.up + counts.degraded + counts.down;
  const noun = total === 1 ? 'endpoint' : 'endpoints';
  if (total === 0) return 'no endpoint checked';
  if (status === 'up') return total === 1 ? `1 ${noun} up` : `all ${total} ${noun} up`;
  const parts = [];
  if (counts.down > 0) parts.push(`${counts.down} of ${total} ${noun} down`);
  if (counts.degraded > 0) parts.push(`${counts.degraded}${counts.down > 0 ? '' : ` of ${total} ${noun}`} degraded`);
  return parts.join(', ');
}

/** What went wrong with an endpoint, one item per line: the error, then each failed check. */
export function problemsOf(result: { error: string | null; failures: string[] }): string[] {
  return [...(result.error ? [result.error] : []), ...result.failures];
}

/** `2026-11-26 10:00:00 UTC`: a moment as people read it in a summary or an issue. */
export function utc(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

/** The phases a check of the endpoint's kind measures: all five for HTTP, `dns` and `connect` for
 * TCP, none for a heartbeat (it sends nothing). The others are 0 because nothing was measured, and the
 * sinks show no time for them. */
export function measuredPhases(endpoint: Pick<ReportedEndpoint, 'kind'>): readonly Phase[] {
  const kind = endpoint.kind;
  return kind !== undefined && Object.hasOwn(KINDS, kind) ? KINDS[kind as KindName].phases : PHASES;
}

/** A phase's time in ms for a table, or `none` (the table's mark for an empty cell) when the
 * endpoint's kind does not measure it. */
export function phaseCell(endpoint: Pick<ReportedEndpoint, 'kind' | 'timings'>, phase: Phase, none: string): string {
  return measuredPhases(endpoint).includes(phase) ? String(endpoint.timings[phase]) : none;
}

/** Whether the check sent anything whose time means something (a heartbeat sends nothing: its
 * response time is 0 because nothing was measured). */
export const wasTimed = (endpoint: Pick<ReportedEndpoint, 'kind'>): boolean => measuredPhases(endpoint).length > 0;
