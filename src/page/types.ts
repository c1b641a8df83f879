import type { DailyRow, StatusFile } from '../history/types.js';

/** Response time of one endpoint in one clock hour (UTC), for the 24-hour chart. */
export interface HourPoint {
  /** Start of the hour (ISO 8601), e.g. `2026-11-26T09:00:00.000Z`. */
  hour: string;
  /** Nearest-rank percentiles (ms) of the hour's checks that were neither down nor in maintenance. */
  p50: number | null;
  p95: number | null;
}

/** One outage of one endpoint: from its first down check to its next check that was not down. */
export interface OutageRecord {
  id: string;
  start: string;
  /** Null while it lasts. */
  end: string | null;
  seconds: number;
}

/** Everything the status page shows. The page is a pure function of it. */
export interface PageInput {
  /** `page-title` (default: the repository name). */
  title: string;
  /** When the figures were made (ISO); "now" for every relative time on the page. */
  updatedAt: string;
  status: StatusFile;
  /** `daily.csv` rows (any order, any endpoints; the last 90 UTC days are used). */
  daily: readonly DailyRow[];
  /** Per endpoint id: the last 24 clock hours, oldest first (missing hours are gaps). */
  hourly: Readonly<Record<string, readonly HourPoint[]>>;
  /** Recent outages of every endpoint (the newest are shown first). */
  outages: readonly OutageRecord[];
  /** `page-show-urls`: show each endpoint's (redacted) URL. */
  showUrls: boolean;
  /** Per endpoint id: why it is down (its error, or its first failed check), already redacted.
   * Known for the endpoints this run checked. */
  reasons?: Readonly<Record<string, string>>;
  links?: { repository?: string | null; run?: string | null };
  /** The writer also writes `renderEndpointPages` (`endpoints/N.html`): past `COMPACT_FROM`
   * endpoints, index.html then lists compact rows that link to the cards there. */
  endpointPages?: boolean;
}
