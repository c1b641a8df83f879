/**
 * The words of incident issues and their comments. They are read by whoever is on call, so
 * they say what is down, since when, what came back and where to look, and nothing from the
 * response can render as markup or mention anyone.
 */
import { requestLine, type ReportedEndpoint } from '../check/types.js';
import { formatDuration } from '../text/duration.js';
import { measuredPhases, problemsOf, utc, wasTimed } from '../report/format.js';
import type { Phase } from '../probe/phases.js';
import { codeBlock, codeSpan, escapeText, linkTarget } from '../text/markdown.js';

/** GitHub rejects issue and comment bodies longer than 65,536 characters. */
export const GITHUB_BODY_LIMIT = 65_536;
const BODY_BUDGET = 60_000;

/**
 * Vigil's markers live in a header it writes itself: the lines at the very start of an issue
 * body (or comment), each one `<!-- vigil:NAME -->` or `<!-- vigil:NAME=VALUE -->`, up to the
 * first line that is not a marker. Response text is only ever quoted below that header, so a
 * response that contains a marker cannot open, skip or close an incident.
 */
const MARKER_LINE = /^<!-- vigil:([a-z]+)(?:=([^\s<>]*))? -->$/;

/** What Vigil wrote in a header. `closed` says why Vigil closed the issue, so an issue closed
 * without it was closed by someone else. */
export type MarkerName = 'endpoint' | 'workflow' | 'write' | 'recovered' | 'closed';
export type Markers = Partial<Record<MarkerName, string>>;

const encodeValue = (value: string) => encodeURIComponent(value).replace(/%2F/g, '/');
function decodeValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const markerLine = (name: MarkerName, value: string) => `<!-- vigil:${name}${value === '' ? '' : `=${encodeValue(value)}`} -->`;

/** The markers in the header of a body; an empty object for a body Vigil did not write. */
export function markersOf(body: string): Markers {
  const markers: Record<string, string> = {};
  for (const line of body.split(/\r?\n/)) {
    const match = MARKER_LINE.exec(line);
    if (!match) break;
    markers[match[1]] = decodeValue(match[2] ?? '');
  }
  return markers as Markers;
}

/** The body with markers added to (or replaced in) its header, the rest untouched. */
export function withMarkers(body: string, add: Markers): string {
  const lines = body.split('\n');
  let end = 0;
  while (end < lines.length && MARKER_LINE.test(lines[end].replace(/\r$/, ''))) end++;
  const header = lines.slice(0, end).filter((line) => {
    const name = MARKER_LINE.exec(line.replace(/\r$/, ''))?.[1];
    return !(name && name in add);
  });
  const added = Object.entries(add).map(([name, value]) => markerLine(name as MarkerName, value ?? ''));
  return [...header, ...added, ...lines.slice(end)].join('\n');
}

/** The endpoint id an issue body belongs to, or null for an issue Vigil did not open. */
export function endpointIdOf(body: string): string | null {
  const id = markersOf(body).endpoint;
  return id && /^[\p{L}\p{M}\p{N}-]+$/u.test(id) ? id : null;
}

/** `owner/repo/.github/workflows/x.yml@refs/heads/main` (GITHUB_WORKFLOW_REF) → `.github/workflows/x.yml`. */
export function workflowPathOf(workflowRef: string | undefined): string | null {
  // The ref follows the last @; a file name may contain one too.
  const match = /^[^/]+\/[^/]+\/(.+)@[^@]*$/.exec(workflowRef ?? '');
  return match ? match[1] : null;
}

export function issueTitle(endpoint: ReportedEndpoint): string {
  return `🔴 ${endpoint.name.replace(/[\r\n]+/g, ' ')} is down`;
}

const PHASE_LABEL: Record<Phase, string> = { dns: 'DNS', connect: 'connect', tls: 'TLS', wait: 'wait', download: 'download' };

/** The phases the check measured (`DNS 3 · connect 20 · … ms`; `DNS 0 · connect 12 ms` for TCP); null
 * when it sent no request (a heartbeat), which has no time to show. */
function phases(endpoint: ReportedEndpoint): string | null {
  const measured = measuredPhases(endpoint);
  if (measured.length === 0) return null;
  return `${measured.map((phase) => `${PHASE_LABEL[phase]} ${endpoint.timings[phase]}`).join(' · ')} ms`;
}

/** Keeps text under `limit` characters, saying that it was cut. */
function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n… (truncated: ${text.length - limit} more characters not shown)`;
}

/**
 * The body of a new incident. `workflow` is the workflow file whose configuration checks the
 * endpoint (null outside a workflow); it is always written, empty when unknown, and its
 * presence says the issue follows these rules (issues of older versions do not carry it).
 */
export function issueBody(
  endpoint: ReportedEndpoint,
  at: Date,
  runUrl: string | null,
  workflow: string | null = null,
  uptime: string | null = null,
): string {
  const rows: Array<[string, string]> = [
    ['URL', codeSpan(requestLine(endpoint), { inTable: true })],
    endpoint.kind
      ? ['Check', endpoint.kind]
      : [
          'HTTP status',
          endpoint.httpStatus === null
            ? 'no response'
            : codeSpan(`${endpoint.httpStatus}${endpoint.statusText ? ` ${endpoint.statusText}` : ''}`, { inTable: true }),
        ],
    ['Attempts', String(endpoint.attempts)],
  ];
  const measured = phases(endpoint);
  if (measured !== null)
    rows.push(
      ['Response time', `${endpoint.responseTime} ms (limit ${formatDuration(endpoint.maxResponseTime)})`],
      ['Phases', measured],
    );
  if (endpoint.certExpiresInDays !== null) rows.push(['Certificate expires in', `${endpoint.certExpiresInDays} days`]);
  if (uptime) rows.push(['Uptime', uptime]);
  if (runUrl) rows.push(['Workflow run', `[${linkTarget(runUrl).replace(/^.*\/runs\//, 'run ')}](${linkTarget(runUrl)})`]);

  const sections = [
    markerLine('endpoint', endpoint.id),
    markerLine('workflow', workflow ?? ''),
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
  const lasted = Number.isFinite(outage) ? `, after an outage of ${formatDuration(Math.max(0, outage))}` : '';
  const lines = [
    `✅ **${escapeText(endpoint.name)}** recovered: it is **${endpoint.status}** again at ${utc(at)}${lasted}.`,
    '',
    ...(endpoint.kind ? [] : [`- HTTP status: ${endpoint.httpStatus === null ? 'none' : codeSpan(String(endpoint.httpStatus))}`]),
    // A heartbeat sent no request: it has no response time.
    ...(wasTimed(endpoint)
      ? [`- Response time: ${endpoint.responseTime} ms (limit ${formatDuration(endpoint.maxResponseTime)})`]
      : []),
  ];
  if (endpoint.status === 'degraded' && endpoint.failures.length > 0) {
    lines.push(`- Still degraded: ${endpoint.failures.map((failure) => codeSpan(failure)).join(', ')}`);
  }
  if (runUrl) lines.push(`- Checked by [this workflow run](${linkTarget(runUrl)})`);
  return lines.join('\n');
}

export function unmonitoredComment(id: string, workflow: string): string {
  return (
    `Closing: the endpoint ${codeSpan(id)} is no longer in the configuration of ${codeSpan(workflow)}, ` +
    'so Vigil no longer monitors it and will not comment here again.'
  );
}

export function duplicateComment(kept: number): string {
  return `Closing as a duplicate of #${kept}: two Vigil runs overlapped and both opened an issue for this outage.`;
}
