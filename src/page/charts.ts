/**
 * The two pictures of an endpoint: 90 daily uptime bars and the 24-hour response-time chart.
 * Both are plain markup (no script) and say in text what they show, for hover and for screen
 * readers alike.
 */
import type { DailyRow } from '../history/types.js';
import { formatClock, formatShortDay, formatUptime } from './format.js';
import { formatDuration } from '../text/duration.js';
import { markup, trusted, type SafeHtml } from './html.js';
import type { HourPoint } from './types.js';

export const DAYS = 90;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** How a day's bar looks: a level (colour and height, so it never depends on colour alone). */
export type DayLevel = 'ok' | 'minor' | 'major' | 'bad' | 'maint' | 'none';

export interface Day {
  date: Date;
  level: DayLevel;
  uptime: number | null;
  text: string;
}

/** Uptime of a day as docs/history.md defines it ("Reading `status.json`"): checks in maintenance left out, floored to 3 decimals. */
export function dayUptime(row: DailyRow): number | null {
  if (row.checks <= 0) return null;
  return Math.floor((100_000 * (row.checks - row.down)) / row.checks) / 1000;
}

/** A day's level from its row and its uptime (`dayUptime(row)`). */
function levelOf(row: DailyRow | undefined, uptime: number | null, target: number): DayLevel {
  if (!row || row.checks + row.maintenance <= 0) return 'none';
  if (uptime === null) return 'maint';
  if (uptime >= 100) return 'ok';
  if (uptime >= target) return 'minor';
  return uptime >= 90 ? 'major' : 'bad';
}

function dayText(day: string, row: DailyRow | undefined, uptime: number | null): string {
  if (!row || row.checks + row.maintenance <= 0) return `${day}: no data`;
  if (row.checks <= 0) return `${day}: maintenance`;
  let text = `${day}: ${formatUptime(uptime)}`;
  if (row.down > 0) text += `, ${row.down} of ${row.checks} checks down`;
  if (row.degraded > 0) text += `, ${row.degraded} slow`;
  return text;
}

/** One of the 90 days as every endpoint's bar names it. */
interface CalendarDay {
  date: Date;
  /** `2026-11-26`, as `daily.csv` dates it. */
  key: string;
  /** `26 Nov`. */
  label: string;
}

let lastCalendar: { today: number; days: CalendarDay[] } | null = null;

/**
 * The 90 days up to `today`, oldest first: the same for every endpoint, so made once (the last
 * answer is kept) rather than 90 dates made, written and formatted per endpoint — on 200
 * endpoints that was 18,000 of each, and the bars' days took 25–31 ms of a fresh process instead
 * of 7–9 (one thread). The dates are shared: not to be changed.
 */
function calendarOf(today: number): CalendarDay[] {
  if (lastCalendar?.today !== today) {
    const days: CalendarDay[] = [];
    for (let i = DAYS - 1; i >= 0; i--) {
      const date = new Date(today - i * DAY_MS);
      days.push({ date, key: date.toISOString().slice(0, 10), label: formatShortDay(date) });
    }
    lastCalendar = { today, days };
  }
  return lastCalendar.days;
}

function todayOf(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** The date (`YYYY-MM-DD`) of the oldest of the 90 days up to the day of `now`. */
export function firstDayShown(now: Date): string {
  return calendarOf(todayOf(now))[0].key;
}

/** The last 90 UTC days up to the day of `now`, oldest first. */
export function lastDays(rows: ReadonlyMap<string, DailyRow> | undefined, now: Date, target: number): Day[] {
  return calendarOf(todayOf(now)).map(({ date, key, label }) => {
    const row = rows?.get(key);
    const uptime = row ? dayUptime(row) : null;
    return { date, level: levelOf(row, uptime, target), uptime, text: dayText(label, row, uptime) };
  });
}

/**
 * The bars are list items laid out by flexbox, not SVG rectangles: no coordinates to write, so
 * 90 bars for 50 endpoints stay small, and each bar's text is both its hover label (a CSS tooltip)
 * and what a screen reader reads.
 */
export function dayBars(days: readonly Day[], label: string): SafeHtml {
  const items = days.map((day) =>
    day.level === 'ok' ? markup`<li><i>${day.text}</i>` : markup`<li class=${day.level}><i>${day.text}</i>`,
  );
  return markup`<ol class="bars" aria-label="${label}">${items}</ol>`;
}

// ------------------------------------------------------------------ response-time chart

/** A round top for the axis: 1, 2 or 5 times a power of ten, at least the value. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 100;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const CHART_W = 240;
const CHART_H = 100;

/** `M x y L x y …`, one subpath per run of hours with data; a lone hour is a dot. */
function linePath(values: ReadonlyArray<number | null>, top: number): string {
  let path = '';
  let inRun = false;
  values.forEach((value, i) => {
    if (value === null) {
      inRun = false;
      return;
    }
    const x = i * 10 + 5;
    const y = +(CHART_H - (Math.min(value, top) / top) * CHART_H).toFixed(1);
    const next = values[i + 1];
    if (!inRun) path += `M${x} ${y}${next === null || next === undefined ? 'h.01' : ''}`;
    else path += `L${x} ${y}`;
    inRun = true;
  });
  return path;
}

/** The area under a line, closed down to the axis, one shape per run. */
function areaPath(values: ReadonlyArray<number | null>, top: number): string {
  let path = '';
  let run: string[] = [];
  let first = 0;
  const close = (last: number) => {
    if (run.length > 0) path += `M${first * 10 + 5} ${CHART_H}L${run.join('L')}L${last * 10 + 5} ${CHART_H}Z`;
    run = [];
  };
  values.forEach((value, i) => {
    if (value === null) return close(i - 1);
    if (run.length === 0) first = i;
    run.push(`${i * 10 + 5} ${+(CHART_H - (Math.min(value, top) / top) * CHART_H).toFixed(1)}`);
  });
  close(values.length - 1);
  return path;
}

export interface HourlySeries {
  /** Shared by every series of the same hour: not to be changed. */
  hours: readonly Date[];
  p50: Array<number | null>;
  p95: Array<number | null>;
}

let lastClock: { last: number; hours: Date[]; index: Map<string, number> } | null = null;

/** The 24 hours ending with `last`, and each one's index by its ISO start (as the judge writes
 * it): made once for every endpoint of a run (the last answer is kept), not 24 dates made and
 * 24 times parsed per endpoint (200 endpoints' series: 12–14 ms of a fresh process instead of
 * 4–5, one thread). */
function clockOf(last: number): { hours: Date[]; index: Map<string, number> } {
  if (lastClock?.last !== last) {
    const hours = Array.from({ length: 24 }, (_, i) => new Date(last - (23 - i) * HOUR_MS));
    lastClock = { last, hours, index: new Map(hours.map((hour, i) => [hour.toISOString(), i])) };
  }
  return lastClock;
}

/** The 24 clock hours ending with the hour of `now`, filled from the points given. */
export function hourlySeries(points: readonly HourPoint[] | undefined, now: Date): HourlySeries {
  const last = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const { hours, index } = clockOf(last);
  const p50: Array<number | null> = new Array(24).fill(null);
  const p95: Array<number | null> = new Array(24).fill(null);
  for (const point of points ?? []) {
    let at = index.get(point.hour);
    if (at === undefined) {
      // Any other spelling of a time is read as before.
      const time = Date.parse(point.hour);
      if (Number.isNaN(time)) continue;
      at = 23 - Math.round((last - Math.floor(time / HOUR_MS) * HOUR_MS) / HOUR_MS);
      if (at < 0 || at > 23) continue;
    }
    p50[at] = finite(point.p50);
    p95[at] = finite(point.p95);
  }
  return { hours, p50, p95 };
}

const finite = (value: number | null): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;

function describeSeries(series: HourlySeries): string {
  const known = series.p95
    .map((value, i) => ({ value, i }))
    .filter((item): item is { value: number; i: number } => item.value !== null);
  if (known.length === 0) return 'No response times in the last 24 hours.';
  const range = (values: Array<number | null>) => {
    const present = values.filter((v): v is number => v !== null);
    return `${formatDuration(Math.min(...present))} to ${formatDuration(Math.max(...present))}`;
  };
  const worst = known.reduce((a, b) => (b.value > a.value ? b : a));
  const missing = 24 - known.length;
  return (
    `By hour over the last 24 hours: p50 from ${range(series.p50)}, p95 from ${range(series.p95)}; ` +
    `the slowest hour was ${formatClock(series.hours[worst.i])} UTC (p95 ${formatDuration(worst.value)}).` +
    (missing > 0 ? ` No data for ${missing} ${missing === 1 ? 'hour' : 'hours'}.` : '')
  );
}

/**
 * p50 and p95 by hour as an inline SVG that stretches to any width (lines keep their thickness);
 * the axis labels are HTML beside it, so they stay readable on a phone.
 */
export function responseChart(series: HourlySeries, id: string, name: string): SafeHtml {
  const present = [...series.p95, ...series.p50].filter((v): v is number => v !== null);
  const top = niceCeiling(present.length > 0 ? Math.max(...present) : 0);
  const titleId = `rt-${id}`;
  const chart = markup`<svg class="rt" viewBox="0 0 ${CHART_W} ${CHART_H}" preserveAspectRatio="none" role="img" aria-labelledby="${titleId}t ${titleId}d"><title id="${titleId}t">Response time of ${name}, last 24 hours</title><desc id="${titleId}d">${describeSeries(series)}</desc><path class="grid" d="M0 .5H${CHART_W}M0 50H${CHART_W}M0 99.5H${CHART_W}"/><path class="a95" d="${areaPath(series.p95, top)}"/><path class="l95" d="${linePath(series.p95, top)}"/><path class="l50" d="${linePath(series.p50, top)}"/></svg>`;
  const ticks = [0, 6, 12, 18, 23].map((i) => markup`<span>${formatClock(series.hours[i])}</span>`);
  const axis = markup`<div class="y" aria-hidden="true"><span>${formatDuration(top)}</span><span>${formatDuration(top / 2)}</span><span>0</span></div>`;
  return markup`<div class="chart">${axis}${chart}<div class="x" aria-hidden="true">${ticks}</div></div>`;
}

/** Small icons, defined once and used by reference (same document: no request). */
export const ICONS = trusted(
  '<svg width="0" height="0" style="position:absolute" aria-hidden="true">' +
    '<symbol id="i-up" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="currentColor"/><path d="M4.6 8.3l2.3 2.3 4.6-4.8" class="ic"/></symbol>' +
    '<symbol id="i-degraded" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="currentColor"/><path d="M8 4.2v4.6M8 11.3v.4" class="ic"/></symbol>' +
    '<symbol id="i-down" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="currentColor"/><path d="M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4" class="ic"/></symbol>' +
    '<symbol id="i-maintenance" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="currentColor"/><path d="M8 4.3V8l2.6 1.6" class="ic"/></symbol>' +
    '</svg>',
);
