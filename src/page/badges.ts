/**
 * Badges per endpoint, under `badges/ID/`: shields.io "endpoint" JSON, and the same badge as a
 * self-contained SVG for READMEs that should not depend on shields.io. Colours follow the
 * thresholds Upptime and Gatus use, so a badge means what people expect it to.
 */
import type { CountedStatus, EndpointFigures, Window } from '../history/types.js';
import { escapeText, linkTarget } from '../text/markdown.js';
import { ASCII_WIDTHS_11PX } from './char-widths.js';
import { STATUS_WORD, formatUptime } from './format.js';
import { formatDuration } from '../text/duration.js';
import { escapeHtml } from '../text/escape.js';

/** shields.io's named colours, with the hex it draws them in. */
export const BADGE_COLORS = {
  brightgreen: '#4c1',
  green: '#97ca00',
  yellowgreen: '#a4a61d',
  yellow: '#dfb317',
  orange: '#fe7d37',
  red: '#e05d44',
  blue: '#007ec6',
  lightgrey: '#9f9f9f',
} as const;
export type BadgeColor = keyof typeof BADGE_COLORS;

/** The shields.io endpoint schema (https://shields.io/badges/endpoint-badge). */
export interface Badge {
  schemaVersion: 1;
  label: string;
  message: string;
  color: BadgeColor;
}

/** The built-in `max-response-time` (3 s): the response-time badge's yardstick when none is given. */
export const DEFAULT_MAX_RESPONSE_TIME = 3000;

const STATUS_COLOR: Record<CountedStatus, BadgeColor> = {
  up: 'brightgreen',
  degraded: 'yellow',
  down: 'red',
  maintenance: 'blue',
};

/** Uptime colours as Upptime draws them: ≥ 99.9 brightgreen, ≥ 99 green, ≥ 97 yellowgreen, ≥ 95 yellow, ≥ 90 orange. */
export function uptimeColor(percent: number | null): BadgeColor {
  if (percent === null) return 'lightgrey';
  if (percent >= 99.9) return 'brightgreen';
  if (percent >= 99) return 'green';
  if (percent >= 97) return 'yellowgreen';
  if (percent >= 95) return 'yellow';
  if (percent >= 90) return 'orange';
  return 'red';
}

/** Response time against the endpoint's threshold: a quarter of it is excellent, over twice it is red. */
export function responseColor(ms: number | null, threshold: number): BadgeColor {
  if (ms === null) return 'lightgrey';
  const ratio = ms / Math.max(1, threshold);
  if (ratio <= 0.25) return 'brightgreen';
  if (ratio <= 0.5) return 'green';
  if (ratio <= 0.75) return 'yellowgreen';
  if (ratio <= 1) return 'yellow';
  if (ratio <= 2) return 'orange';
  return 'red';
}

/** Labels longer than this are cut: a badge is a glance, not a paragraph. */
const LABEL_MAX = 40;

function clipLabel(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  if (line.length <= LABEL_MAX) return line; // no more characters than UTF-16 units
  const chars = [...line];
  return chars.length <= LABEL_MAX ? line : `${chars.slice(0, LABEL_MAX - 1).join('')}…`;
}

/** The badges of one endpoint, by file name (`status`, `uptime-24h`, …, without extension). */
export function badgesOf(figures: EndpointFigures, options: { maxResponseTime?: number } = {}): Record<string, Badge> {
  const badge = (label: string, message: string, color: BadgeColor): Badge => ({
    schemaVersion: 1,
    label: clipLabel(label),
    message,
    color,
  });
  const uptime = (window: Window) =>
    badge(`uptime ${window}`, formatUptime(figures.uptime[window]), uptimeColor(figures.uptime[window]));
  const p95 = figures.responseTime['24h'].p95;
  return {
    status: badge(figures.name, STATUS_WORD[figures.status].toLowerCase(), STATUS_COLOR[figures.status]),
    'uptime-24h': uptime('24h'),
    'uptime-7d': uptime('7d'),
    'uptime-30d': uptime('30d'),
    'response-time': badge(
      'response time',
      p95 === null ? 'no data' : formatDuration(p95),
      responseColor(p95, options.maxResponseTime ?? DEFAULT_MAX_RESPONSE_TIME),
    ),
  };
}

/**
 * Estimated width of text in 11 px Verdana, as shields.io estimates it: per character from a
 * table (see char-widths.ts), wide East Asian characters as a full em, anything else as an
 * average letter. The SVG pins its text to this width (`textLength`), so an estimate a little off
 * squeezes the letters slightly instead of spilling out of the badge.
 */
export function textWidth(text: string): number {
  let width = 0;
  // By index with a printable-ASCII fast path (every badge's label and most messages), rather than
  // `for…of`, which makes a string of each character (with the short-label path in `clipLabel`,
  // 200 endpoints' badges took 11 ms of a fresh process instead of 14, one thread).
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code >= 0x20 && code < 0x7f) {
      width += ASCII_WIDTHS_11PX[code - 0x20];
      continue;
    }
    const char = String.fromCodePoint(code);
    if (code > 0xffff) i++; // the low half of a surrogate pair
    if (WIDE.test(char)) width += 11;
    else width += 7;
  }
  return Math.ceil(width);
}

/** Characters drawn a full em wide: East Asian wide characters and pictographs. */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]|\p{Extended_Pictographic}/u;

/** The badge drawn like shields.io's "flat" style, needing nothing outside the file. */
export function badgeSvg(badge: Badge): string {
  const pad = 6;
  const labelText = textWidth(badge.label);
  const messageText = textWidth(badge.message);
  const labelWidth = labelText + 2 * pad;
  const messageWidth = messageText + 2 * pad;
  const width = labelWidth + messageWidth;
  const title = escapeHtml(`${badge.label}: ${badge.message}`);
  const label = escapeHtml(badge.label);
  const message = escapeHtml(badge.message);
  const text = (content: string, x: number, length: number) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3" textLength="${length}" lengthAdjust="spacingAndGlyphs">${content}</text>` +
    `<text x="${x}" y="14" textLength="${length}" lengthAdjust="spacingAndGlyphs">${content}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/>` +
    `<rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${BADGE_COLORS[badge.color]}"/>` +
    `<rect width="${width}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">` +
    text(label, labelWidth / 2, labelText) +
    text(message, labelWidth + messageWidth / 2, messageText) +
    `</g></svg>`
  );
}

/** An id that is safe as one folder name (ids are slugs; a hand-edited status.json may hold anything). */
const SAFE_ID = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/**
 * The files of one endpoint's badges, by path on the data branch: `badges/ID/status.json`,
 * `badges/ID/status.svg`, … (none for an id that is not a safe folder name).
 */
export function renderBadges(figures: EndpointFigures, options: { maxResponseTime?: number } = {}): Map<string, string> {
  const files = new Map<string, string>();
  if (!SAFE_ID.test(figures.id)) return files;
  for (const [file, badge] of Object.entries(badgesOf(figures, options))) {
    files.set(`badges/${figures.id}/${file}.json`, `${JSON.stringify(badge)}\n`);
    files.set(`badges/${figures.id}/${file}.svg`, `${badgeSvg(badge)}\n`);
  }
  return files;
}

/**
 * The Markdown to paste into a README: the status, 30-day uptime and response-time badges of one
 * endpoint, served from the data branch's Pages site, each linking to the status page.
 */
export function badgeMarkdown(pagesBaseUrl: string, id: string, name: string): string {
  const base = pagesBaseUrl.replace(/\/+$/, '');
  const page = linkTarget(`${base}/`);
  const image = (file: string, alt: string) =>
    `[![${alt}](${linkTarget(`${base}/badges/${encodeURIComponent(id)}/${file}.svg`)})](${page})`;
  const shown = escapeText(name);
  return [
    image('status', `${shown} status`),
    image('uptime-30d', `${shown} uptime (30 days)`),
    image('response-time', `${shown} response time`),
  ].join(' ');
}
