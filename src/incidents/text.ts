/**
 * The words of incident issues and their comments. They are read by whoever is on call, so
 * they say what is down, since when, what came back and where to look, and nothing from the
 * response can render as markup or mention anyone.
 */
import type { ReportedEndpoint } from '../check/types.js';
import { formatMs, problemsOf, utc } from '../report/format.js';
import { codeBlock, codeSpan, escapeText, linkTarget } from '../report/markdown.js';

/** GitHub rejects issue and comment bodies longer than 65,536 characters. */
export const GITHUB_BODY_LIMIT = 65_536;
const BODY_BUDGET = 60_000;

export const markerFor = (id: string) => `<!-- vigil:endpoint=${id} -->`;
export const RECOVERED_MARKER = '<!-- vigil:recovered -->';
const MARKER = /<!-- vigil:endpoint=([a-z0-9-]+) -->/;

/** The endpoint id an issue body belongs to, or null for an issue Vigil did not open. */
export function endpointIdOf(body: string): string | null {
  return MARKER.exec(body)?.[1] ?? null;
}

export function issueTitle(endpoint: ReportedEndpoint): string {
  return `🔴 ${endpoint.name.replace(/[\r\n]+/g, ' ')} is down`;
}

function phases(endpoint: ReportedEndpoint): string {
  const t = endpoint.timings;
  return `DNS ${t.dns} · connect ${t.connect} · TLS ${t.tls} · wait ${t.wait} · download ${t.download} ms`;
}

/** Keeps text under `limit` characters, saying that it was cut. */
function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n… (truncated: ${text.length - limit} more characters not shown)`;
}

export function issueBody(endpoint: ReportedEndpoint, at: Date, runUrl: string | null): string {
  const rows: Array<[string, string]> = [
    ['URL', codeSpan(`${endpoint.method} ${endpoint.url}`, { inTable: true })],
    [
      'HTTP status',
      endpoint.httpStatus === null
        ? 'no response'
        : codeSpan(`${endpoint.httpStatus}${endpoint.statusText ? ` ${endpoint.statusText}` : ''}`, { inTable: true }),
    ],
    ['Attempts', String(endpoint.attempts)],
    ['Response time', `${endpoint.responseTime} ms (limit ${formatMs(endpoint.maxResponseTime)})`],
    ['Phases', phases(endpoint)],
  ];
  if (endpoint.certExpiresInDays !== null) rows.push(['Certificate expires in', `${endpoint.certExpiresInDays} days`]);
  if (runUrl) rows.push(['Workflow run', `[${linkTarget(runUrl).replace(/^.*\/runs\//, 'run ')}](${linkTarget(runUrl)})`]);

  const sections = [
    markerFor(endpoint.id),
    `**${escapeText(endpoint.name)}** is down since ${utc(at)}.`,
    '',
    '| | |',
    '| :-- | :-- |',
    ...rows.map(([label, value]) => `| ${label} | ${value} |`),
  ];
  const problems = problemsOf(endpoint);
  const fixed = sections.join('\n').length + 1000;
  if (problems.length > 0) {
    sections.push('', '**What failed**', '', codeBlock(truncate(problems.join('\n'), Math.min(20_000, BODY_BUDGET - fixed))));
  }
  if (endpoint.bodyExcerpt) {
    const room = BODY_BUDGET - sections.join('\n').length - 1000;
    if (room > 200) sections.push('', '**Start of the response body**', '', codeBlock(truncate(endpoint.bodyExcerpt, room)));
  }
  sections.push(
    '',
    '_Opened by Vigil. While this issue is open no other issue is opened for this endpoint; ' +
      'it is commented on and closed when the endpoint recovers._',
  );
  return truncate(sections.join('\n'), GITHUB_BODY_LIMIT - 200);
}

export function recoveryComment(endpoint: ReportedEndpoint, openedAt: Date, at: Date, runUrl: string | null): string {
  const outage = at.getTime() - openedAt.getTime();
  const lasted = Number.isFinite(outage) ? `, after an outage of ${formatMs(Math.max(0, outage))}` : '';
  const lines = [
    `✅ **${escapeText(endpoint.name)}** recovered: it is **${endpoint.status}** again at ${utc(at)}${lasted}.`,
    '',
    `- HTTP status: ${endpoint.httpStatus === null ? 'none' : codeSpan(String(endpoint.httpStatus))}`,
    `- Response time: ${endpoint.responseTime} ms (limit ${formatMs(endpoint.maxResponseTime)})`,
  ];
  if (endpoint.status === 'degraded' && endpoint.failures.length > 0) {
    lines.push(`- Still degraded: ${endpoint.failures.map((failure) => codeSpan(failure)).join(', ')}`);
  }
  if (runUrl) lines.push(`- Checked by [this workflow run](${linkTarget(runUrl)})`);
  return lines.join('\n');
}

export function duplicateComment(kept: number): string {
  return `Closing as a duplicate of #${kept}: two Vigil runs overlapped and both opened an issue for this outage.`;
}
