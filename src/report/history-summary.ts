/**
 * The summary's memory section: for each endpoint checked, its counted state and since when,
 * uptime over 24 h / 7 d / 30 d against its target, p95 over 24 h and the downtime its target
 * still allows; then, in a table of their own, the last 24 hours as a strip of hourly squares
 * (the worst status of each hour). Two tables, because one row holding both was wider than
 * GitHub's summary (about 1,000 px) and wrapped the squares and the dates.
 */
import type { EndpointView, MonitorFigures, RowStatus } from '../history/types.js';
import { formatDuration } from '../text/duration.js';
import { codeBlock, escapeText } from '../text/markdown.js';
import { monitorWords } from './monitor-words.js';

const COUNTED_ICON: Record<string, string> = { up: '🟢', degraded: '🟡', down: '🔴', maintenance: '🔧' };
const HOUR_SQUARE: Record<RowStatus, string> = { up: '🟩', degraded: '🟨', down: '🟥', maintenance: '🟦' };
const NO_CHECK = '⬜';
const PENDING = '⏳';

export interface HistorySection {
  /** The judged views of the endpoints this run checked, in the table's order. */
  views: readonly EndpointView[];
  /** Each endpoint's text about its maintenance window (`🔧 maintenance until 03:30 (UTC)`). */
  maintenance: ReadonlyMap<string, string>;
  /** Markdown to paste for badges, when the status page is on. */
  badges: string | null;
  /** `status.json`'s `monitor`: how regularly the monitor itself ran. */
  monitor?: MonitorFigures | null;
}

// A no-break space keeps `99.9 %` on one line.
const percent = (value: number | null) => (value === null ? '—' : `${value.toFixed(3).replace(/\.?0+$/, '')}\u00a0%`);

function uptimeCell(value: number | null, target: number): string {
  if (value === null) return '—';
  return value < target ? `**${percent(value)}** ⚠️` : percent(value);
}

/** `2026-11-26 10:00`, kept on one line (a no-break space); the column head says UTC. */
function since(iso: string | null): string {
  if (iso === null) return '—';
  return iso.replace('T', '\u00a0').replace(/:\d\d(\.\d+)?Z$/, '');
}

/** Seconds left of seconds allowed, in the unit the allowance is best read in: `38 of 43 min`,
 * `7.2 of 7.2 h`, `2.5 of 3 d` (short, so the column stays narrow). */
function leftOf(left: number, allowed: number): string {
  const [size, unit] = allowed < 2 * 3600 ? [60, 'min'] : allowed < 48 * 3600 ? [3600, 'h'] : [86_400, 'd'];
  const show = (seconds: number) =>
    unit === 'min' ? String(Math.floor(seconds / size)) : String(Math.floor((seconds / size) * 10) / 10);
  return `${show(left)} of ${show(allowed)}\u00a0${unit}`;
}

/** The error budget as time, not a percentage: beside an uptime of `0 %`, "99.9 %" left read as
 * a contradiction. "38 of 43 min" under "Downtime left" says what it is: the downtime the
 * target still allows. */
function budgetCell(budget: { allowed: number; used: number; left: number }): string {
  const left = Math.max(0, budget.allowed - budget.used);
  const text = leftOf(left, budget.allowed);
  return left === 0 ? `**${text}** ⚠️` : text;
}

function stateCell(view: EndpointView, maintenance: string | undefined): string {
  const { status } = view.figures;
  if (maintenance) return escapeText(maintenance);
  const counted = `${COUNTED_ICON[status] ?? ''} ${status}`;
  // What is pending is said under the table: in the cell it made the row too wide for the summary.
  return view.pending ? `${counted} ${PENDING}` : counted;
}

export function historyMarkdown(section: HistorySection): string {
  const head =
    '| Endpoint | State | Since (UTC) | Uptime 24 h | 7 d | 30 d | Target | p95 24 h | Downtime left |\n' +
    '| :-- | :-- | :-- | --: | --: | --: | --: | --: | --: |';
  const rows = section.views.map((view) => {
    const f = view.figures;
    const p95 = f.responseTime['24h'].p95;
    return `| ${escapeText(f.name)} | ${stateCell(view, section.maintenance.get(view.id))} | ${since(f.since)} | ${uptimeCell(
      f.uptime['24h'],
      f.target,
    )} | ${uptimeCell(f.uptime['7d'], f.target)} | ${uptimeCell(f.uptime['30d'], f.target)} | ${percent(f.target)} | ${
      p95 === null ? '—' : formatDuration(p95)
    } | ${budgetCell(f.errorBudget)} |`;
  });
  const hours = section.views.map((view) => {
    const strip = view.hours.map((hour) => (hour.status ? HOUR_SQUARE[hour.status] : NO_CHECK)).join('');
    return `| ${escapeText(view.figures.name)} | ${strip} |`;
  });
  const pending = section.views
    .filter((view) => view.pending && !section.maintenance.get(view.id))
    .map((view) => `${PENDING} ${escapeText(view.figures.name)}: ${escapeText(view.pending!.text)}.`);
  const legend =
    `${pending.length ? `${pending.join('<br>\n')}\n\n` : ''}` +
    `_Uptime counts every check outside maintenance; ⚠️ marks a window below the target. ` +
    `Downtime left is what the target still allows over 30 days (99.9 % allows 43 min), after the outages of those days._`;
  const hourTable =
    `| Endpoint | Last 24 hours, an hour a square, oldest first |\n| :-- | :-- |\n${hours.join('\n')}\n\n` +
    `_${HOUR_SQUARE.up} up, ${HOUR_SQUARE.degraded} degraded, ${HOUR_SQUARE.down} down, ${HOUR_SQUARE.maintenance} maintenance, ${NO_CHECK} no check: the worst of each hour._`;
  const parts = ['### History', `${head}\n${rows.join('\n')}`, legend, hourTable];
  const watched = monitorWords(section.monitor);
  if (watched) parts.splice(1, 0, `🕒 Monitor: ${watched}.`);
  if (section.badges) {
    parts.push(`<details><summary>Badges for your README</summary>\n\n${codeBlock(section.badges, 'markdown')}\n\n</details>`);
  }
  return parts.join('\n\n');
}
