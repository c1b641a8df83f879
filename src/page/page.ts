/**
 * The status page: one self-contained `index.html` from the figures. No font, no image and no
 * script from anywhere (a Content-Security-Policy says so to the browser too), so it reads the
 * same on GitHub Pages, from a file, or with JavaScript off; its one inline script (allowed by
 * its hash) only tells how long ago it was updated, and when that means monitoring stopped.
 */
import type { CountedStatus, DailyRow, EndpointFigures, Window } from '../history/types.js';
import { ICONS, dayBars, firstDayShown, hourlySeries, lastDays, responseChart } from './charts.js';
import { STATUS_WORD, formatClock, formatMoment, formatUptime, parseTime } from './format.js';
import { formatSeconds, formatDuration } from '../text/duration.js';
import { clip, squash } from '../text/one-line.js';
import { markup, safeHref, trusted, type HtmlValue, type SafeHtml } from './html.js';
import { STYLE } from './style.js';
import { STALE_BANNER, staleScript, staleScriptSource, updatedTime } from './stale.js';
import { monitorWords } from '../report/monitor-words.js';
import type { OutageRecord, PageInput } from './types.js';

/** Outages listed under "Recent outages"; older ones are in the history files. */
export const OUTAGES_SHOWN = 20;

const WINDOW_LABEL: Record<Window, string> = { '24h': '24 hours', '7d': '7 days', '30d': '30 days', '90d': '90 days' };

function icon(status: CountedStatus): SafeHtml {
  return trusted(`<svg aria-hidden="true" focusable="false"><use href="#i-${status}"/></svg>`);
}

/** Each status's badge, made once: it holds nothing but the status (it is on every card and row). */
const STATUS_BADGES = Object.fromEntries(
  (Object.keys(STATUS_WORD) as CountedStatus[]).map((status) => [
    status,
    markup`<span class="st ${status}">${icon(status)}${STATUS_WORD[status]}</span>`,
  ]),
) as Record<CountedStatus, SafeHtml>;

function statusBadge(status: CountedStatus): SafeHtml {
  return STATUS_BADGES[status];
}

function time(date: Date): SafeHtml {
  return markup`<time datetime="${date.toISOString()}">${formatMoment(date)}</time>`;
}

/** `since 26 Nov 2026, 09:55 UTC (3 h 10 min)`. */
function since(iso: string | null, now: Date): HtmlValue {
  const date = parseTime(iso);
  if (!date) return null;
  return markup`since ${time(date)} (${formatSeconds((now.getTime() - date.getTime()) / 1000)})`;
}

interface Overall {
  status: CountedStatus;
  headline: string;
  detail: string;
}

function overall(endpoints: readonly EndpointFigures[], status: CountedStatus): Overall {
  const count = (s: CountedStatus) => endpoints.filter((e) => e.status === s).length;
  const total = endpoints.length;
  const noun = total === 1 ? 'endpoint' : 'endpoints';
  const down = count('down');
  const degraded = count('degraded');
  const maintenance = count('maintenance');
  const parts: string[] = [];
  if (down > 0) parts.push(`${down} of ${total} ${noun} down`);
  if (degraded > 0) parts.push(`${degraded}${parts.length > 0 ? '' : ` of ${total} ${noun}`} degraded`);
  if (maintenance > 0) parts.push(`${maintenance} in maintenance`);
  const detail = parts.length > 0 ? parts.join(', ') : total === 0 ? 'No endpoints yet' : `All ${total} ${noun} up`;
  if (status === 'down') return { status, headline: down === total ? 'Major outage' : 'Partial outage', detail };
  if (status === 'degraded') return { status, headline: 'Degraded performance', detail };
  if (status === 'maintenance') return { status, headline: 'Under maintenance', detail };
  return { status, headline: 'All systems operational', detail };
}

/** ` · last check 10:05 UTC: HTTP 200 in 125 ms`. */
function lastCheck(endpoint: EndpointFigures): HtmlValue {
  const last = endpoint.last;
  const at = parseTime(last?.time ?? null);
  if (!last || !at) return ' · not checked yet';
  // Checks of other kinds than HTTP (tcp, dns, …) answer without an HTTP status.
  const answer =
    last.http !== null
      ? `HTTP ${last.http} in ${formatDuration(last.total)}`
      : last.status === 'up' || last.status === 'degraded'
        ? `answered in ${formatDuration(last.total)}`
        : 'no response';
  return ` · last check ${formatClock(at)} UTC: ${answer}`;
}

function uptimeFigures(endpoint: EndpointFigures): SafeHtml {
  const items = (['24h', '7d', '30d', '90d'] as const).map((window) => {
    const value = endpoint.uptime[window];
    const below = value !== null && value < endpoint.target;
    const note = below ? markup`<span class="vh"> (below the ${endpoint.target}% target)</span>` : null;
    const dd = below ? trusted('<dd class="below">') : trusted('<dd>');
    return markup`<div><dt><span class="vh">Uptime, </span>last ${WINDOW_LABEL[window]}</dt>${dd}${formatUptime(value)}${note}</dd></div>`;
  });
  return markup`<dl class="fig">${items}</dl>`;
}

/** The reason is masked where it is made; only then is it cut, to one readable line. */
function cutReason(text: string): string {
  return clip(squash(text), REASON_CHARS);
}

const REASON_CHARS = 200;

function issueLink(endpoint: EndpointFigures, text: string): HtmlValue {
  if (!endpoint.incident) return null;
  const href = safeHref(endpoint.incident.url);
  const label = `${text} #${endpoint.incident.number}`;
  return href ? markup`<a href="${href}">${label}</a>` : markup`<span>${label}</span>`;
}

function endpointCard(
  endpoint: EndpointFigures,
  input: PageInput,
  now: Date,
  daily: ReadonlyMap<string, DailyRow> | undefined,
): SafeHtml {
  const period = WINDOW_LABEL['90d'];
  const days = dayBars(lastDays(daily, now, endpoint.target), `Uptime of ${endpoint.name} by day, last ${period}`);
  const chart = responseChart(hourlySeries(input.hourly[endpoint.id], now), endpoint.id, endpoint.name);
  const p = endpoint.responseTime['24h'];
  const incident = endpoint.incident ? markup` · ${issueLink(endpoint, 'issue')}` : null;
  const url = input.showUrls && endpoint.url ? markup`<p class="url">${endpoint.url}</p>` : null;
  // Why it is down, as the service said it: escaped text, in code, so it cannot act as markup.
  const reason = endpoint.status === 'down' ? input.reasons?.[endpoint.id] : undefined;
  const why = reason ? markup`<p class="why">Why: <code>${cutReason(reason)}</code></p>` : null;
  const keys = markup`<span class="key">p50 ${p.p50 === null ? '–' : formatDuration(p.p50)}</span> <span class="key k95">p95 ${p.p95 === null ? '–' : formatDuration(p.p95)}</span>`;
  return markup`<article class="card ep" aria-labelledby="ep-${endpoint.id}">
<div class="ep-head"><h3 id="ep-${endpoint.id}">${endpoint.name}</h3>${statusBadge(endpoint.status)}</div>
<p class="meta">${STATUS_WORD[endpoint.status]} ${since(endpoint.since, now)}${incident}${lastCheck(endpoint)}</p>${why}${url}
${uptimeFigures(endpoint)}
<div class="sec"><p class="sec-t"><span>Uptime by day</span><span class="muted">target ${endpoint.target}%</span></p>${days}
<div class="sub" aria-hidden="true"><span>${period} ago</span><span>${formatUptime(endpoint.uptime['90d'])} uptime</span><span>today</span></div></div>
<div class="sec"><p class="sec-t"><span>Response time, last 24 hours</span><span class="muted">${keys}</span></p>${chart}</div>
</article>`;
}

function incidentsSection(endpoints: readonly EndpointFigures[], now: Date): HtmlValue {
  const open = endpoints.filter((endpoint) => endpoint.incident !== null);
  if (open.length === 0) return null;
  const items = open.map(
    (endpoint) =>
      markup`<li>${statusBadge(endpoint.status)}<strong>${endpoint.name}</strong>${issueLink(endpoint, 'Issue')}<span class="meta">${since(endpoint.since, now)}</span></li>`,
  );
  return markup`<section aria-labelledby="h-incidents"><h2 id="h-incidents">Open incidents</h2><div class="card"><ul class="plain incidents">${items}</ul></div></section>`;
}

function outagesSection(outages: readonly OutageRecord[], names: ReadonlyMap<string, string>, now: Date): SafeHtml {
  const recent = outages
    .map((outage) => ({ outage, start: parseTime(outage.start) }))
    .filter((item): item is { outage: OutageRecord; start: Date } => item.start !== null)
    .sort((a, b) => b.start.getTime() - a.start.getTime())
    .slice(0, OUTAGES_SHOWN);
  const items = recent.map(({ outage, start }) => {
    const end = parseTime(outage.end);
    const seconds = end === null ? (now.getTime() - start.getTime()) / 1000 : outage.seconds;
    const length = `${end ? 'lasted' : 'so far'} ${formatSeconds(seconds)}`;
    return markup`<li><strong>${names.get(outage.id) ?? outage.id}</strong><span class="meta">${time(start)} – ${end ? time(end) : 'ongoing'}</span><span>${length}</span></li>`;
  });
  const body =
    items.length > 0 ? markup`<ul class="plain outages">${items}</ul>` : markup`<p class="muted none">No outages recorded.</p>`;
  return markup`<section aria-labelledby="h-outages"><h2 id="h-outages">Recent outages</h2><div class="card">${body}</div></section>`;
}

/** Groups the rows of `daily.csv` the bars show (the 90 days up to the day of `now`) by endpoint
 * and day. The file is never trimmed: the older days are passed over, not indexed. */
function indexDaily(rows: readonly DailyRow[], now: Date): Map<string, Map<string, DailyRow>> {
  const from = firstDayShown(now);
  const byId = new Map<string, Map<string, DailyRow>>();
  for (const row of rows) {
    if (row.date < from) continue;
    let days = byId.get(row.id);
    if (!days) byId.set(row.id, (days = new Map()));
    days.set(row.date, row);
  }
  return byId;
}

/**
 * Past this many endpoints, and when the writer also writes the endpoints' pages
 * (`endpointPages`), index.html lists one compact row per endpoint and the full cards (90 day
 * bars, 24-hour chart) are on `endpoints/N.html`, `CARDS_PER_PAGE` to a page: a card is about
 * 5 KB, so 1,500 cards on one page would be over 7 MB, where the rows keep index.html near
 * 0.4 KB an endpoint (docs/status-page.md, "Many endpoints"). Cards are grouped, not one page
 * each, so a run writes as many bytes as before in a few files (one style sheet each), not
 * thousands of small ones.
 */
export const COMPACT_FROM = 100;
export const CARDS_PER_PAGE = 50;

/** Whether index.html lists compact rows, with the cards on the endpoints' pages. */
export function usesEndpointPages(input: PageInput): boolean {
  return input.endpointPages === true && input.status.endpoints.length > COMPACT_FROM;
}

/** The page (relative to index.html) that holds the card of the endpoint at `index`. */
function groupPath(index: number): string {
  return `endpoints/${Math.floor(index / CARDS_PER_PAGE) + 1}.html`;
}

const SHORT_WINDOW: Record<Window, string> = { '24h': '24 h', '7d': '7 d', '30d': '30 d', '90d': '90 d' };

/** One line per endpoint on a long index.html: everything a card says in words, without the pictures. */
function endpointRow(endpoint: EndpointFigures, index: number, input: PageInput, now: Date): SafeHtml {
  // The card's heading has the id `ep-ID`: the link opens its page at that card.
  const href = `${groupPath(index)}#${encodeURIComponent(`ep-${endpoint.id}`)}`;
  const figures = (['24h', '7d', '30d', '90d'] as const).map((window) => {
    const value = endpoint.uptime[window];
    const below = value !== null && value < endpoint.target;
    return markup`${window === '24h' ? '' : ' · '}${SHORT_WINDOW[window]} ${below ? markup`<b class="below">${formatUptime(value)}<span class="vh"> (below the target)</span></b>` : formatUptime(value)}`;
  });
  const p95 = endpoint.responseTime['24h'].p95;
  const incident = endpoint.incident ? markup` · ${issueLink(endpoint, 'issue')}` : null;
  const reason = endpoint.status === 'down' ? input.reasons?.[endpoint.id] : undefined;
  const why = reason ? markup`<p class="why">Why: <code>${cutReason(reason)}</code></p>` : null;
  return markup`<li><div class="ep-head"><h3><a href="${href}">${endpoint.name}</a></h3>${statusBadge(endpoint.status)}</div><p class="meta">${STATUS_WORD[endpoint.status]} ${since(endpoint.since, now)}${incident} · uptime (target ${endpoint.target}%) ${figures} · p95 ${p95 === null ? '–' : formatDuration(p95)}</p>${why}</li>
`;
}

interface Frame {
  input: PageInput;
  now: Date;
  /** The page's own heading and title (the status page's title, or which of its endpoints a page of cards holds). */
  heading: string;
  headline: string;
  /** `../index.html` on an endpoint's page (a folder link would not open from a file), so its links lead back to the status page. */
  home: string | null;
  main: HtmlValue;
}

/** What every page of the site shares: head (style, policy), header, footer and the stale script. */
function documentOf(frame: Frame): string {
  const { input, now } = frame;
  const repository = safeHref(input.links?.repository);
  const run = safeHref(input.links?.run);
  const links = [
    repository ? markup` · <a href="${repository}">Repository</a>` : null,
    run ? markup` · <a href="${run}">Latest run</a>` : null,
  ];
  const monitor = input.status.monitor;
  const watched = monitorWords(monitor);
  const watchedText = watched ? ` · ${watched}` : null;
  const back = frame.home ? markup`<p class="meta"><a href="${frame.home}">← ${input.title}</a></p>` : null;
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${staleScriptSource()}">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Vigil">
<title>${frame.headline} · ${frame.heading}</title>
<link rel="icon" href="data:,">
<style>${trusted(STYLE)}</style>
</head>
<body>
${ICONS}
<div class="wrap">
${back}<header class="top"><h1>${frame.heading}</h1><p class="meta">Updated ${updatedTime(now, formatMoment(now), monitor)}${watchedText}</p></header>
<main>
${STALE_BANNER}
${frame.main}
</main>
<footer>Last updated ${time(now)}${links} · Made by Vigil</footer>
</div>
${staleScript()}
</body>
</html>
`.text;
}

function nowOf(input: PageInput): Date {
  return parseTime(input.updatedAt) ?? parseTime(input.status.updatedAt) ?? new Date(0);
}

/** The whole page, as text ready to be written to `index.html`. */
export function renderPage(input: PageInput): string {
  const now = nowOf(input);
  const endpoints = input.status.endpoints;
  const names = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint.name]));
  const banner = overall(endpoints, input.status.status);
  let list: SafeHtml;
  if (usesEndpointPages(input)) {
    const rows = endpoints.map((endpoint, index) => endpointRow(endpoint, index, input, now));
    list = markup`<p class="meta">Each name leads to the endpoint's card: its uptime by day over 90 days and its response time by hour.</p>
<ul class="plain rows">
${rows}</ul>`;
  } else {
    const daily = indexDaily(input.daily, now);
    const cards = endpoints.map((endpoint) => endpointCard(endpoint, input, now, daily.get(endpoint.id)));
    list = markup`<div class="eps">
${cards}
</div>`;
  }
  return documentOf({
    input,
    now,
    heading: input.title,
    headline: banner.headline,
    home: null,
    main: markup`<section class="banner ${banner.status}" aria-label="Overall status">${icon(banner.status)}<div><p class="big">${banner.headline}</p><p class="meta">${banner.detail}</p></div></section>
${incidentsSection(endpoints, now)}
<section aria-labelledby="h-endpoints"><h2 id="h-endpoints">Endpoints</h2>
${list}</section>
${outagesSection(input.outages, names, now)}`,
  });
}

/**
 * The endpoints' pages (`endpoints/N.html` → its text), when index.html lists compact rows
 * (`usesEndpointPages`); empty otherwise. Each holds `CARDS_PER_PAGE` endpoints' full cards, in
 * the order of index.html, and their recent outages.
 */
export function renderEndpointPages(input: PageInput): Map<string, string> {
  const pages = new Map<string, string>();
  if (!usesEndpointPages(input)) return pages;
  const now = nowOf(input);
  const daily = indexDaily(input.daily, now);
  const endpoints = input.status.endpoints;
  for (let first = 0; first < endpoints.length; first += CARDS_PER_PAGE) {
    const group = endpoints.slice(first, first + CARDS_PER_PAGE);
    const ids = new Set(group.map((endpoint) => endpoint.id));
    const names = new Map(group.map((endpoint) => [endpoint.id, endpoint.name]));
    const outages = input.outages.filter((outage) => ids.has(outage.id));
    const cards = group.map((endpoint) => endpointCard(endpoint, input, now, daily.get(endpoint.id)));
    const heading = `${input.title}: endpoints ${first + 1}–${first + group.length} of ${endpoints.length}`;
    const text = documentOf({
      input,
      now,
      heading,
      headline: overall(group, worstOf(group)).headline,
      home: '../index.html',
      main: markup`<section aria-labelledby="h-endpoints"><h2 id="h-endpoints">Endpoints</h2>
<div class="eps">
${cards}
</div></section>
${outagesSection(outages, names, now)}`,
    });
    pages.set(groupPath(first), text);
  }
  return pages;
}

/** The worst status among some endpoints, as the overall status counts it. */
function worstOf(endpoints: readonly EndpointFigures[]): CountedStatus {
  for (const status of ['down', 'degraded', 'maintenance'] as const)
    if (endpoints.some((e) => e.status === status)) return status;
  return 'up';
}
