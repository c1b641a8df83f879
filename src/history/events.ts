/**
 * This run's checks counted against each endpoint's state (failure and success thresholds,
 * maintenance): the new states and the events they raise (README "Incidents and notifications").
 */
import { countCheck, pendingOf } from './counting.js';
import type {
  CheckedEndpoint,
  EndpointFigures,
  EndpointSettings,
  EndpointState,
  JudgeInput,
  Point,
  StateFile,
  VigilEvent,
} from './types.js';

export const DEFAULT_SETTINGS = { target: 99, failureThreshold: 1, successThreshold: 1 };

export interface Counted {
  /** Every endpoint's state by id: the previous ones, with this run's checks counted. */
  working: Map<string, EndpointState>;
  events: VigilEvent[];
  pendingById: Map<string, ReturnType<typeof pendingOf>>;
  /** This run's check of each endpoint checked (the last one, should there be two). */
  lastCheckById: Map<string, CheckedEndpoint>;
}

/**
 * Counts each check of this run. An event carries the incident `status.json` recorded for its
 * endpoint: the follow-up of the run that opened the issue wrote it there.
 */
export function countChecks(
  input: Pick<JudgeInput, 'checks' | 'workflow'>,
  settingsById: ReadonlyMap<string, EndpointSettings>,
  previousState: StateFile,
  previousEntries: ReadonlyMap<string, EndpointFigures>,
  spanRowsById: ReadonlyMap<string, readonly Point[]>,
): Counted {
  const working = new Map(Object.entries(previousState.endpoints));
  const counted: Counted = { working, events: [], pendingById: new Map(), lastCheckById: new Map() };
  for (const check of input.checks) {
    const settings = settingsById.get(check.id) ?? DEFAULT_SETTINGS;
    const previous = working.get(check.id);
    const result = countCheck(previous, check, settings, input.workflow);
    // A branch without state.json (seeded by hand, or its state lost): since when comes from the
    // rows already recorded, not from this run.
    if (!previous && !check.inMaintenance) sinceFromRows(result, spanRowsById.get(check.id));
    working.set(check.id, result.state);
    counted.pendingById.set(check.id, result.pending);
    counted.lastCheckById.set(check.id, check);
    const known = previousEntries.get(check.id)?.incident ?? null;
    for (const event of result.events) counted.events.push({ ...event, incident: known });
  }
  return counted;
}

/** Dates a new state by the recorded rows: a down one at the first check of the trailing run of
 * down rows (the outage's first down check), an up or degraded one at the first check of the
 * trailing run of that status. */
function sinceFromRows(counted: ReturnType<typeof countCheck>, rows: readonly Point[] | undefined): void {
  const { state } = counted;
  if (!rows || rows.length < 2 || (state.counted !== 'down' && state.counted !== 'up' && state.counted !== 'degraded')) return;
  let first = rows.length - 1;
  if (rows[first].status !== state.counted) return;
  while (first > 0 && rows[first - 1].status === state.counted) first--;
  const since = new Date(rows[first].at).toISOString();
  if (state.since === null || Date.parse(since) >= Date.parse(state.since)) return;
  state.since = since;
  if (state.counted === 'down') {
    state.outageStart = since;
    for (const event of counted.events) if (event.kind === 'down') event.since = since;
  } else if (state.upStreak > 0) state.notDownSince = since;
}
