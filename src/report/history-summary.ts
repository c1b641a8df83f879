/**
 * The summary's memory section: for each endpoint checked, its counted state and since when,
 * uptime over 24 h / 7 d / 30 d against its target, p95 over 24 h, the last 24 hours as a strip
 * of hourly squares (the worst status of each hour), and the error budget left.
 */
import type { EndpointView, RowStatus } from '../history/types.js';
import { formatMs } from './format.js';
import { codeBlock, escapeText } from './markdown.js';

const COUNTED_ICON: Record<string, string> = { up: '🟢', degraded: '🟡', down: '🔴', maintenance: '🔧' };
const HOUR_SQUARE: Record<RowStatus, string> = { up: '🟩', degraded: '🟨', down: '🟥', maintenance: '🟦' };
const NO_CHECK = '⬜';

export interface HistorySection {
  /** The judged views of the endpoints this run checked, in the table's order. */
  views: readonly EndpointView[];
  /** Each endpoint's text about its maintenance window (`🔧 maintenance until 03:30 (UTC)`). */
  maintenance: ReadonlyMap<string, string>;
  /** Markdown to paste for badges, when the status page is on. */
  badges: string | null;
}

const percent = (value: number | null) => (value === null ? '—' : `${value.toFixed(3).replace(/\.?0+$/, '')} %`);

function uptimeCell(value: number | null, target: number): string {
  if (value === null) return '—';
  return value < target ? `**${percent(value)}** ⚠️` : percent(value);
}

function since(iso: string | null): string {
  if (iso === null) return '—';
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

function stateCell(view: EndpointView, maintenance: string | undefined): string {
  const { status } = view.figures;
  if (maintenance) return escapeText(maintenance);
  const counted = `${COUNTED_ICON[status] ?? ''} ${status}`;
  return view.pending ? `${counted} (${escapeText(view.pending.text)})` : counted;
}

export function historyMarkdown(section: HistorySection): string {
  const head =
    '| Endpoint | State | Since | Uptime 24 h | 7 d | 30 d | Target | p95 24 h | Last 24 h | Error budget left |\n' +
    '| :-- | :-- | :-- | --: | --: | --: | --: | --: | :-- | --: |';
  const rows = section.views.map((view) => {
    const f = view.figures;
    const p95 = f.responseTime['24h'].p95;
    const strip = view.hours.map((hour) => (hour.status ? HOUR_SQUARE[hour.status] : NO_CHECK)).join('');
    return `| ${escapeText(f.name)} | ${stateCell(view, section.maintenance.get(view.id))} | ${since(f.since)} | ${uptimeCell(
      f.uptime['24h'],
      f.target,
    )} | ${uptimeCell(f.uptime['7d'], f.target)} | ${uptimeCell(f.uptime['30d'], f.target)} | ${f.target} % | ${
      p95 === null ? '—' : formatMs(p95)
    } | ${strip} | ${Math.round(f.errorBudget.left * 1000) / 10} % |`;
  });
  const legend =
    `_Uptime counts every check outside maintenance; ⚠️ marks a window below the target. ` +
    `Each square is an hour, oldest first: ${HOUR_SQUARE.up} up, ${HOUR_SQUARE.degraded} degraded, ${HOUR_SQUARE.down} down, ` +
    `${HOUR_SQUARE.maintenance} maintenance, ${NO_CHECK} no check. The error budget is the downtime the target allows over 30 days._`;
  const parts = ['### History', `${head}\n${rows.join('\n')}`, legend];
  if (section.badges) {
    parts.push(`<details><summary>Badges for your README</summary>\n\n${codeBlock(section.badges, 'markdown')}\n\n</details>`);
  }
  return parts.join('\n\n');
}
