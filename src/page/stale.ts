/**
 * The page knows when it is stale (README "Is the monitor itself running?"): its one script turns
 * the absolute "Updated 26 Nov 2026, 10:05 UTC" into "Updated 12 min ago", and when the last
 * update is older than three times the monitor's usual interval (at least 30 min; 30 min while
 * the interval is not known) it shows a banner that monitoring has stopped and since when. A page
 * read without JavaScript keeps the absolute time and shows no banner: it cannot know its age.
 *
 * The script is inline and allowed by its hash in the page's Content-Security-Policy, so the
 * policy still forbids every other script (and any script a hostile name might try to be).
 */
import { createHash } from 'node:crypto';
import type { MonitorFigures } from '../history/types.js';
import { formatDuration } from '../text/duration.js';
import { markup, trusted, type SafeHtml } from './html.js';

/** The least age that counts as stopped, in seconds, and the interval's multiple beyond it. */
export const STALE_AFTER_MIN_S = 30 * 60;
export const STALE_INTERVALS = 3;

/** The age a page may reach before its banner shows, in seconds. */
export function staleAfter(monitor: MonitorFigures | null | undefined): number {
  const every = monitor?.every ?? null;
  return every === null ? STALE_AFTER_MIN_S : Math.max(STALE_AFTER_MIN_S, STALE_INTERVALS * every);
}

// Lengths read as everywhere else on the page: the script carries the page's own formatter.
const SCRIPT = `(function(){
var formatDuration=${formatDuration.toString()};
var time=document.getElementById('updated'),banner=document.getElementById('stale');
if(!time||!banner)return;
var at=Date.parse(time.getAttribute('datetime')),limit=Number(time.getAttribute('data-stale-after')),absolute=time.textContent;
if(isNaN(at)||!(limit>0))return;
time.title=absolute;
function tick(){
var age=(Date.now()-at)/1000;
time.textContent=age<60?'just now':formatDuration(age*1000)+' ago';
if(age>limit){banner.textContent='Monitoring has stopped: nothing has been checked since '+absolute+' ('+formatDuration(age*1000)+' ago), so what this page shows may be out of date.';banner.hidden=false;}
}
tick();setInterval(tick,60000);
})();`;

let hash: SafeHtml | null = null;

/** The CSP source that allows the script, and nothing else (base64 and quotes: safe markup). */
export function staleScriptSource(): SafeHtml {
  hash ??= trusted(`'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`);
  return hash;
}

/** `<time id="updated">`: the absolute time, which the script makes relative. */
export function updatedTime(date: Date, text: string, monitor: MonitorFigures | null | undefined): SafeHtml {
  return markup`<time id="updated" datetime="${date.toISOString()}" data-stale-after="${staleAfter(monitor)}">${text}</time>`;
}

/** The banner's place, hidden until the script finds the page stale. */
export const STALE_BANNER: SafeHtml = markup`<p id="stale" class="stale" role="alert" hidden></p>`;

/** The script, written by this module alone (no value is in it): HTML escaping would break it. */
export function staleScript(): SafeHtml {
  return trusted(`<script>${SCRIPT}</script>`);
}
