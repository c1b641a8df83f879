/**
 * The status page and badges as files of the data branch: made anew by every run from the
 * judgement (docs/status-page.md), never read back.
 */
import { readDailyRows } from '../history/index.js';
import type { FileChanges, Judgement, StatusFile } from '../history/index.js';
import { renderBadges } from './badges.js';
import { renderEndpointPages, renderPage } from './page.js';
import type { PageInput } from './types.js';

export interface PageSettings {
  title: string;
  showUrls: boolean;
  links: { repository: string | null; run: string | null };
  /** Each endpoint's `max-response-time` (ms), for the response-time badge's colour. */
  maxResponseTime: ReadonlyMap<string, number>;
}

/** The page's view of a judgement: the figures, the days of `daily.csv`, the last 24 hours and
 * the outages the judge found. */
export function pageInputOf(judgement: Judgement, daily: string | undefined, settings: PageSettings, now: Date): PageInput {
  return {
    title: settings.title,
    updatedAt: now.toISOString(),
    status: judgement.status,
    // The judge's rows are those of the text it wrote: the file is not read a second time.
    daily: judgement.daily ?? (daily === undefined ? [] : readDailyRows(daily)),
    hourly: Object.fromEntries(
      judgement.endpoints.map((view) => [
        view.id,
        view.hours.map((slot) => ({ hour: slot.start, p50: slot.p50, p95: slot.p95 })),
      ]),
    ),
    outages: judgement.endpoints.flatMap((view) => view.outages.map((outage) => ({ id: view.id, ...outage }))),
    showUrls: settings.showUrls,
    reasons: Object.fromEntries(
      judgement.endpoints.filter((view) => view.reason).map((view) => [view.id, view.reason as string]),
    ),
    links: settings.links,
  };
}

/** The page and every endpoint's badges, as files of the branch. */
export function pageFiles(input: PageInput, maxResponseTime: ReadonlyMap<string, number>): FileChanges {
  // `.nojekyll`: Pages publishes the files as they are, without a Jekyll build (faster, and
  // nothing on the branch is read as a template).
  // Past COMPACT_FROM endpoints, index.html lists rows and the cards are on endpoints/N.html
  // (docs/status-page.md, "Many endpoints"), so the page grows with endpoints, not days.
  const site = { ...input, endpointPages: true };
  const files: FileChanges = new Map([['index.html', renderPage(site)], ['.nojekyll', ''], ...renderEndpointPages(site)]);
  for (const figures of input.status.endpoints) {
    // Paths come back whole: `badges/ID/status.svg`, …
    for (const [path, text] of renderBadges(figures, { maxResponseTime: maxResponseTime.get(figures.id) })) files.set(path, text);
  }
  return files;
}

/**
 * The files the run makes anew from the judgement: the page and the badges. They are not fetched
 * nor read: the store tells an unchanged file from the object id it lists, without its bytes.
 * Measured with `npm run bench` on 200 endpoints: these 600-odd files were most of the objects a
 * run fetched (the page alone about 1 MiB of text), and packing them cost the server about
 * 0.4 s a run.
 */
export function pageOutput(path: string): boolean {
  return path === 'index.html' || path === '.nojekyll' || path.startsWith('badges/') || path.startsWith('endpoints/');
}

export function withoutPage(paths: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...paths].filter((path) => !pageOutput(path)));
}

const BADGE_PATH = /^badges\/([^/]+)\//;

/** Badges of endpoints that are no longer in `status.json` are removed with them, and pages of
 * cards this run did not write (fewer endpoints than before, or none past COMPACT_FROM). */
export function removeStalePageFiles(paths: Iterable<string>, status: StatusFile, changes: FileChanges): void {
  const ids = new Set(status.endpoints.map((endpoint) => endpoint.id));
  for (const path of paths) {
    if (path.startsWith('endpoints/') && !changes.has(path)) {
      changes.set(path, null);
      continue;
    }
    const match = BADGE_PATH.exec(path);
    if (match && !ids.has(match[1])) changes.set(path, null);
  }
}
