/**
 * What a push heartbeat is (README "Push heartbeats"): how its id is written, and the shape of
 * one report a job sent, as the data branch keeps it and the prober judges it.
 */

/** A heartbeat id: what `heartbeat:` names and a report's `client_payload.id` must match. It
 * becomes a file name on the branch and appears in summaries, so only plain characters pass. */
export const HEARTBEAT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
export const HEARTBEAT_ID_TEXT = 'letters, digits, "_", "." and "-", starting with a letter or digit, at most 100';

export type ReportStatus = 'ok' | 'fail';

export interface HeartbeatReport {
  status: ReportStatus;
  /** When the run that recorded it started (ISO 8601). */
  at: string;
  /** That run's page, when known. */
  run: string | null;
}
