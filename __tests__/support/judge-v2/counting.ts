/**
 * Thresholds as counters of consecutive runs (as Gatus counts them): an endpoint counts as down
 * after `failureThreshold` runs in a row were down, and stops counting as down after
 * `successThreshold` runs in a row were not. The counters live in `state.json`, so a new run
 * continues where the last one stopped.
 */
import type { CheckedEndpoint, EndpointSettings, EndpointState, Pending, RowStatus, VigilEvent } from './types.js';

export function rowStatusOf(check: CheckedEndpoint): RowStatus {
  return check.inMaintenance ? 'maintenance' : check.status;
}

/** The error of a check as recorded: its error, else its first failed check; one line. */
export function errorOf(check: CheckedEndpoint): string {
  if (check.status === 'up' && !check.inMaintenance) return '';
  const text = check.error ?? check.failures[0] ?? '';
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function secondsBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : null;
}

export interface Counted {
  state: EndpointState;
  events: VigilEvent[];
  pending: Pending | null;
}

/** Advances one endpoint's counters by one run's check. Pure: `previous` is not changed. */
export function countCheck(
  previous: EndpointState | undefined,
  check: CheckedEndpoint,
  settings: Pick<EndpointSettings, 'failureThreshold' | 'successThreshold'>,
  workflow: string | null,
): Counted {
  const at = check.checkedAt;
  const state: EndpointState = previous
    ? { ...previous, name: check.name, url: check.url, workflow, lastCheck: at }
    : {
        id: check.id,
        name: check.name,
        url: check.url,
        workflow,
        counted: 'up',
        since: null,
        downStreak: 0,
        upStreak: 0,
        outageStart: null,
        notDownSince: null,
        beforeMaintenance: null,
        lastCheck: at,
      };
  const events: VigilEvent[] = [];
  const event = (kind: VigilEvent['kind'], since: string | null, extra: Partial<VigilEvent> = {}): void => {
    events.push({
      key: `${check.id}:${kind}:${at}`,
      kind,
      id: check.id,
      name: check.name,
      url: check.url,
      at,
      since,
      status: rowStatusOf(check),
      error: errorOf(check) || null,
      failures: check.failures,
      httpStatus: check.httpStatus,
      responseTime: check.timings.total,
      downtime: null,
      incident: null,
      ...extra,
    });
  };

  if (check.inMaintenance) {
    if (state.counted !== 'maintenance') {
      state.beforeMaintenance = previous ? state.counted : null;
      state.counted = 'maintenance';
      state.since = at;
      const window = {
        phase: 'start' as const,
        until: check.maintenanceUntil ?? null,
        timezone: check.maintenanceTimezone ?? null,
      };
      event('maintenance', at, { maintenance: window });
    }
    return { state, events, pending: null };
  }

  if (state.counted === 'maintenance') {
    event('maintenance', state.since, { maintenance: { phase: 'end', until: null, timezone: null } });
    const before = state.beforeMaintenance ?? null;
    state.beforeMaintenance = null;
    state.counted = before ?? 'up';
    // A window changes the counted status; the one it returns to dates from its end, except
    // down, which is dated at the outage's first down check.
    state.since = before === 'down' ? state.outageStart : before === null ? null : at;
  }

  if (check.status === 'down') {
    if (state.downStreak === 0 && state.counted !== 'down') state.outageStart = at;
    state.outageStart ??= at;
    state.downStreak++;
    state.upStreak = 0;
    state.notDownSince = null;
    if (state.counted !== 'down' && state.downStreak >= settings.failureThreshold) {
      state.counted = 'down';
      state.since = state.outageStart;
      event('down', state.outageStart);
    }
  } else {
    if (state.upStreak === 0) state.notDownSince = at;
    state.upStreak++;
    state.downStreak = 0;
    if (state.counted === 'down') {
      if (state.upStreak >= settings.successThreshold) {
        const recoveredAt = state.notDownSince ?? at;
        event('recovered', recoveredAt, { downtime: secondsBetween(state.outageStart, recoveredAt) });
        state.counted = check.status;
        state.since = recoveredAt;
        state.outageStart = null;
        if (check.status === 'degraded') event('degraded', at);
      }
    } else {
      state.outageStart = null; // a pending outage that never counted
      if (state.counted !== check.status || state.since === null) {
        const changed = state.counted !== check.status;
        state.counted = check.status;
        state.since = changed || previous === undefined ? at : (state.notDownSince ?? at);
        if (check.status === 'degraded') event('degraded', at);
      }
    }
  }
  return { state, events, pending: pendingOf(state, settings) };
}

export function pendingOf(
  state: EndpointState,
  settings: Pick<EndpointSettings, 'failureThreshold' | 'successThreshold'>,
): Pending | null {
  if (state.counted !== 'down' && state.counted !== 'maintenance' && state.downStreak > 0) {
    const needed = settings.failureThreshold;
    return { toward: 'down', runs: state.downStreak, needed, text: `down — ${state.downStreak} of ${needed} before it counts` };
  }
  if (state.counted === 'down' && state.upStreak > 0) {
    const needed = settings.successThreshold;
    return {
      toward: 'recovery',
      runs: state.upStreak,
      needed,
      text: `not down — ${state.upStreak} of ${needed} before it counts as recovered`,
    };
  }
  return null;
}
