/**
 * The status page: one self-contained `index.html` from the figures. No script, no font, no
 * image from anywhere (a Content-Security-Policy says so to the browser too), so it reads the
 * same on GitHub Pages, from a file, or with JavaScript off.
 */
import type { CountedStatus, DailyRow, EndpointFigures, Window } from '../history/types.js';
import { ICONS, dayBars, hourlySeries, lastDays, responseChart } from './charts.js';
import { STATUS_WORD, formatLength, formatMoment, formatResponse, formatUptime, parseTime } from './format.js';
import { html, safeHref, trusted, type HtmlValue, type SafeHtml } from './html.js';
import { STYLE } from './style.js';
import type { OutageRecord, PageInput } from './types.js';

/** Outages listed under "Recent outages"; older ones are in the history files. */
export const OUTAGES_SHOWN = 20;

const WINDOW_LABEL: Record<Window, string> = { '24h': '24 hours', '7d': '7 days', '30d': '30 days', '90d': '90 days' };
const WINDOW_SHORT: Record<Window, string> = { '24h': '24 h', '7d': '7 d', '30d': '30 d', '90d': '90 d' };

function icon(status: CountedStatus): SafeHtml {
  return trusted(`<svg aria-hidden="true" focusable="false"><use href="#i-${status}"/></svg>`);
}

function statusBadge(status: CountedStatus): SafeHtml {
  return html`<span class="st ${status}">${icon(status)}${STATUS_WORD[status]}</span>`;
}

function time(date: Date): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatMoment(date)}</time>`;
}

/** `since 26 Nov 2026, 09:55 UTC (3 h 10 min)`. */
function since(iso: string | null, now: Date): HtmlValue {
  const date = parseTime(iso);
  if (!date) return null;
  return html`since ${time(date)} (${formatLength((now.getTime() - date.getTime()) / 1000)})`;
}

function overall(
  endpoints: readonly EndpointFigures[],
  status: CountedStatus,
): { status: CountedStatus; headline: string; detail: string } {
  const count = (s: CountedStatus) => endpoints.filter((e) => e.status === s).length;
  const total = endpoints.length;
  const noun = (n: number) => (n === 1 ? 'endpoint' : 'endpoints');
  const down = count('down');
  const degraded = count('degraded');
  const maintenance = count('maintenance');
  const parts: string[] = [];
  if (down > 0) parts.push(`${down} of ${total} ${noun(total)} down`);
  if (degraded > 0) parts.push(`${degraded}${parts.length > 0 ? '' : ` of ${total} ${noun(total)}`} degraded`);
  if (maintenance > 0) parts.push(`${maintenance} in maintenance`);
  const detail = parts.length > 0 ? parts.join(', ') : total === 0 ? 'No endpoints yet' : `All ${total} ${noun(total)} up`;
  if (status === 'down') return { status, headline: down === total ? 'Major outage' : 'Partial outage', detail };
  if (status === 'degraded') return { status, headline: 'Degraded performance', detail };
  if (status === 'maintenance') return { status, headline: 'Under maintenance', detail };
  return { status, headline: 'All systems operational', detail };
}

function uptimeFigures(endpoint: EndpointFigures): SafeHtml {
  const items = (['24h', '7d', '30d', '90d'] as const).map((window) => {
    const value = endpoint.uptime[window];
    const below = value !== null && value < endpoint.target;
    const note = below ? html`<span class="vh"> (below the ${endpoint.target}% target)</span>` : null;
    return html`<div><dt><span class="vh">Uptime, last </span>${WINDOW_SHORT[window]}</dt><dd${below ? trusted(' class="below"') : ''}>${formatUptime(value)}${note}</dd></div>`;
  });
  return html`<dl class="fig">${items}</dl>`;
}

function endpointCard(
  endpoint: EndpointFigures,
  input: PageInput,
  now: Date,
  daily: ReadonlyMap<string, DailyRow> | undefined,
): SafeHtml {
  const days = lastDays(daily, now, endpoint.target);
  const period = WINDOW_LABEL['90d'];
  const series = hourlySeries(input.hourly[endpoint.id], now);
  const p = endpoint.responseTime['24h'];
  const incident = endpoint.incident && safeHref(endpoint.incident.url);
  return html`<article class="card ep" aria-labelledby="ep-${endpoint.id}">
    <div class="ep-head">
      <h3 id="ep-${endpoint.id}">${endpoint.name}</h3>
      ${statusBadge(endpoint.status)}
    </div>
    <p class="meta">
      ${STATUS_WORD[endpoint.status]}
      ${since(endpoint.since, now) ?? ''}${
        endpoint.incident
          ? html` ·
            ${incident ? html`<a href="${incident}">issue #${endpoint.incident.number}</a>` : html`issue #${endpoint.incident.number}`}`
          : ''
      }${endpoint.last ? '' : ' · not checked yet'}
    </p>
    ${input.showUrls && endpoint.url ? html`<p class="url">${endpoint.url}</p>` : ''} ${uptimeFigures(endpoint)}
    <div class="sec">
      <p class="sec-t"><span>Uptime by day</span><span class="muted">target ${endpoint.target}%</span></p>
      ${dayBars(days, `Uptime of ${endpoint.name} by day, last ${period}`)}
      <div class="sub" aria-hidden="true">
        <span>${period} ago</span><span>${formatUptime(endpoint.uptime['90d'])} uptime</span><span>today</span>
      </div>
    </div>
    <div class="sec">
      <p class="sec-t">
        <span>Response time, last 24 hours</span
        ><span class="muted"
          ><span class="key">p50 ${p.p50 === null ? '–' : formatResponse(p.p50)}</span>
          <span class="key k95">p95 ${p.p95 === null ? '–' : formatResponse(p.p95)}</span></span
        >
      </p>
      ${responseChart(series, endpoint.id, endpoint.name)}
    </div>
  </article>`;
}

function incidentsSection(endpoints: readonly EndpointFigures[], now: Date): HtmlValue {
  const open = endpoints.filter((endpoint) => endpoint.incident !== null);
  if (open.length === 0) return null;
  const items = open.map((endpoint) => {
    const ref = endpoint.incident!;
    const href = safeHref(ref.url);
    const label = `#${ref.number}`;
    return html`<li>
      ${statusBadge(endpoint.status)}<strong>${endpoint.name}</strong>${href ? html`<a href="${href}">Issue ${label}</a>` : html`<span>Issue ${label}</span>`}<span
        class="meta"
        >${since(endpoint.since, now)}</span
      >
    </li>`;
  });
  return html`<section aria-labelledby="h-incidents">
    <h2 id="h-incidents">Open incidents</h2>
    <div class="card">
      <ul class="plain incidents">
        ${items}
      </ul>
    </div>
  </section>`;
}

function outagesSection(outages: readonly OutageRecord[], names: ReadonlyMap<string, string>, now: Date): HtmlValue {
  const recent = outages
    .map((outage) => ({ outage, start: parseTime(outage.start) }))
    .filter((item): item is { outage: OutageRecord; start: Date } => item.start !== null)
    .sort((a, b) => b.start.getTime() - a.start.getTime())
    .slice(0, OUTAGES_SHOWN);
  const items = recent.map(({ outage, start }) => {
    const end = parseTime(outage.end);
    const seconds = outage.end === null ? (now.getTime() - start.getTime()) / 1000 : outage.seconds;
    return html`<li>
      <strong>${names.get(outage.id) ?? outage.id}</strong
      ><span class="meta">${time(start)} – ${end ? time(end) : 'ongoing'}</span
      ><span>${end ? 'lasted' : 'so far'} ${formatLength(seconds)}</span>
    </li>`;
  });
  const body =
    items.length > 0
      ? html`<ul class="plain outages">
          ${items}
        </ul>`
      : html`<p class="muted" style="margin:0">No outages recorded.</p>`;
  return html`<section aria-labelledby="h-outages">
    <h2 id="h-outages">Recent outages</h2>
    <div class="card">${body}</div>
  </section>`;
}

/** Groups `daily.csv` rows by endpoint and day. */
function indexDaily(rows: readonly DailyRow[]): Map<string, Map<string, DailyRow>> {
  const byId = new Map<string, Map<string, DailyRow>>();
  for (const row of rows) {
    let days = byId.get(row.id);
    if (!days) byId.set(row.id, (days = new Map()));
    days.set(row.date, row);
  }
  return byId;
}

/** The whole page, as text ready to be written to `index.html`. */
export function renderPage(input: PageInput): string {
  const now = parseTime(input.updatedAt) ?? parseTime(input.status.updatedAt) ?? new Date(0);
  const endpoints = input.status.endpoints;
  const daily = indexDaily(input.daily);
  const names = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint.name]));
  const banner = overall(endpoints, input.status.status);
  const repository = safeHref(input.links?.repository);
  const run = safeHref(input.links?.run);
  const footerLinks = [
    repository ? html` · <a href="${repository}">Repository</a>` : '',
    run ? html` · <a href="${run}">Latest run</a>` : '',
  ];
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:" />
        <meta name="color-scheme" content="light dark" />
        <meta name="generator" content="Vigil" />
        <title>${banner.headline} · ${input.title}</title>
        <link rel="icon" href="data:," />
        <style>
          ${trusted(STYLE)}.vh {
            position: absolute;
            width: 1px;
            height: 1px;
            overflow: hidden;
            clip-path: inset(50%);
            white-space: nowrap;
          }
        </style>
      </head>
      <body>
        ${ICONS}
        <div class="wrap">
          <header class="top">
            <h1>${input.title}</h1>
            <p class="meta" style="margin:0">Updated ${time(now)}</p>
          </header>
          <main>
            <section class="banner ${banner.status}" aria-label="Overall status">
              ${icon(banner.status)}
              <div>
                <p class="big">${banner.headline}</p>
                <p class="meta">${banner.detail}</p>
              </div>
            </section>
            ${incidentsSection(endpoints, now)}
            <section aria-labelledby="h-endpoints">
              <h2 id="h-endpoints">Endpoints</h2>
              <div class="eps">${endpoints.map((endpoint) => endpointCard(endpoint, input, now, daily.get(endpoint.id)))}</div>
            </section>
            ${outagesSection(input.outages, names, now)}
          </main>
          <footer>Last updated ${time(now)}${footerLinks} · Made by Vigil</footer>
        </div>
      </body>
    </html> `;
  return page.text;
}
