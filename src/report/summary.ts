/**
 * The job summary: readable at a glance. A heading with the overall status, one row per
 * endpoint (worst first), a chart of the response times of those that answered, the phases of
 * each request, and the details of what is down. Untrusted text only ever appears as code.
 */
import type { IncidentRef } from '../history/types.js';
import { STATUS_RANK, requestLine, type Report, type ReportedEndpoint } from '../check/types.js';
import { STATUS_ICON, headline, phaseCell, problemsOf, utc, wasTimed } from './format.js';
import { PHASES } from '../probe/phases.js';
import { formatDuration } from '../text/duration.js';
import { clip, oneLine } from '../text/one-line.js';
import { codeBlock, codeSpan, escapeText, linkTarget } from '../text/markdown.js';

/** An incident issue, as the summary links it: the same reference the data branch keeps. */
export type IncidentLink = IncidentRef;

export interface SummaryContext {
  /** Link to the workflow run, when running on GitHub. */
  runUrl?: string | null;
  /** Incident issue per endpoint id. */
  incidents?: Map<string, IncidentLink>;
  /** Problems of the run itself (e.g. the issues API refused), shown under the heading. */
  notices?: string[];
  /** Set when the run was cancelled before every endpoint was checked. */
  cancellation?: Cancellation | null;
  /** The most the summary may weigh, in bytes (GitHub's limit, less room to spare). */
  limitBytes?: number;
  /** Sections that follow the table, before the chart (the history, failed notifications). */
  sections?: string[];
}

export interface Cancellation {
  /** What cancelled it, e.g. `SIGTERM`. */
  reason: string;
  /** Names of the endpoints that were not checked. */
  notChecked: string[];
}

/** Bars in the chart: more than this and the chart shows the slowest ones. */
const CHART_LIMIT = 15;
const CHART_LABEL_CHARS = 32;
const PHASE_TABLE_OPEN_LIMIT = 10;
const BODY_EXCERPT_CHARS = 500;
/** Down endpoints shown in detail; the rest are in the table. */
const DETAILS_LIMIT = 20;
/** GitHub refuses a step summary over 1 MiB; keep a little room under it. */
export const SUMMARY_BUDGET_BYTES = 1024 * 1024 - 16 * 1024;

function issueLink(incident: IncidentLink): string {
  return incident.url ? `[issue #${incident.number}](${linkTarget(incident.url)})` : `issue #${incident.number}`;
}

function worstFirst(endpoints: readonly ReportedEndpoint[]): ReportedEndpoint[] {
  return endpoints
    .map((endpoint, index) => ({ endpoint, index }))
    .sort((a, b) => STATUS_RANK[b.endpoint.status] - STATUS_RANK[a.endpoint.status] || a.index - b.index)
    .map(({ endpoint }) => endpoint);
}

function endpointLink(endpoint: ReportedEndpoint): string {
  return `[${escapeText(endpoint.name)}](${linkTarget(endpoint.url)})`;
}

function responseCell(endpoint: ReportedEndpoint): string {
  if (!wasTimed(endpoint)) return '—';
  const over = endpoint.responseTime > endpoint.maxResponseTime;
  const time = `${endpoint.responseTime} ms`;
  return `${over ? `**${time}**` : time} / ${formatDuration(endpoint.maxResponseTime)}`;
}

function problemsCell(endpoint: ReportedEndpoint, incident: IncidentLink | undefined): string {
  const items = problemsOf(endpoint).map((text) => codeSpan(clip(text, 200), { inTable: true }));
  if (endpoint.note) items.push(`_${escapeText(endpoint.note)}_`);
  if (incident) items.push(issueLink(incident));
  return items.length > 0 ? items.join('<br>') : '—';
}

const TABLE_HEAD = [
  '| Status | Endpoint | HTTP | Response time / limit | Attempts | What failed |',
  '| :-- | :-- | --: | --: | --: | :-- |',
].join('\n');

function tableRow(endpoint: ReportedEndpoint, context: SummaryContext): string {
  const cells = [
    `${STATUS_ICON[endpoint.status]} ${endpoint.status}`,
    endpointLink(endpoint),
    endpoint.httpStatus === null ? '—' : String(endpoint.httpStatus),
    responseCell(endpoint),
    String(endpoint.attempts),
    problemsCell(endpoint, context.incidents?.get(endpoint.id)),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** A label for the chart: the endpoint's name, without what could end the quoted label, the
 * line or the fence. */
function chartLabel(name: string): string {
  const plain = oneLine(name)
    .replace(/["`\\[\]{}<>#;%|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clip(plain || '?', CHART_LABEL_CHARS);
}

/**
 * A Mermaid bar chart of response times, in the order of the table. Only endpoints that
 * answered are drawn: the time of one that did not (refused, timed out) measures no answer and
 * would look like the fastest or the slowest service. The threshold is drawn as a line only
 * when every drawn endpoint shares it; otherwise each limit is in the table. With more than
 * CHART_LIMIT endpoints the slowest are drawn. Null when nothing answered.
 */
export function responseChart(ordered: readonly ReportedEndpoint[]): string | null {
  // A heartbeat sends no request: it has no response time to draw, and is not "without a response".
  const requested = ordered.filter(wasTimed);
  // Other kinds than HTTP have no status: one that raised no error answered.
  const answered = requested.filter(
    (endpoint) => endpoint.httpStatus !== null || (endpoint.kind !== undefined && endpoint.error === null),
  );
  if (answered.length === 0) return null;
  let shown = answered;
  const notes: string[] = [];
  if (answered.length > CHART_LIMIT) {
    const slowest = new Set([...answered].sort((a, b) => b.responseTime - a.responseTime).slice(0, CHART_LIMIT));
    shown = answered.filter((endpoint) => slowest.has(endpoint));
    notes.push(`The ${CHART_LIMIT} slowest of the ${answered.length} endpoints that answered.`);
  }
  const silent = requested.length - answered.length;
  if (silent > 0) {
    notes.push(
      `${silent} ${silent === 1 ? 'endpoint' : 'endpoints'} without a response ${silent === 1 ? 'is' : 'are'} left out.`,
    );
  }
  const limits = new Set(shown.map((endpoint) => endpoint.maxResponseTime));
  const shared = limits.size === 1 ? shown[0].maxResponseTime : null;
  const top = Math.max(...shown.map((endpoint) => endpoint.responseTime), shared ?? 0);
  const ceiling = Math.max(10, Math.ceil((top * 1.1) / 10) * 10);
  const lines = [
    '```mermaid',
    'xychart-beta horizontal',
    '  title "Response time (ms)"',
    `  x-axis [${shown.map((endpoint) => `"${chartLabel(endpoint.name)}"`).join(', ')}]`,
    `  y-axis "ms" 0 --> ${ceiling}`,
    `  bar [${shown.map((endpoint) => endpoint.responseTime).join(', ')}]`,
  ];
  if (shared !== null) lines.push(`  line [${shown.map(() => shared).join(', ')}]`);
  lines.push('```');
  const legend =
    shared !== null
      ? `Bars: the response time of each endpoint that answered, in the order of the table. Line: their \`max-response-time\`, ${formatDuration(shared)}.`
      : 'Bars: the response time of each endpoint that answered, in the order of the table. Their limits differ: each is in the table.';
  return `${lines.join('\n')}\n\n_${[legend, ...notes].join(' ')}_`;
}

/** The phases of each endpoint that sent a request (a heartbeat sends none); null when none did. */
function phaseTable(endpoints: readonly ReportedEndpoint[]): string | null {
  const requested = endpoints.filter(wasTimed);
  if (requested.length === 0) return null;
  const rows = requested.map((endpoint) => {
    const cells = PHASES.map((phase) => phaseCell(endpoint, phase, '—'));
    return `| ${escapeText(endpoint.name)} | ${cells.join(' | ')} | **${endpoint.timings.total}** |`;
  });
  const table = [
    '| Endpoint | DNS | Connect | TLS | Wait | Download | Total |',
    '| :-- | --: | --: | --: | --: | --: | --: |',
    ...rows,
  ].join('\n');
  const open = requested.length <= PHASE_TABLE_OPEN_LIMIT ? ' open' : '';
  return `<details${open}><summary>Phases of each request (ms), fresh connection each time</summary>\n\n${table}\n\n</details>`;
}

function downDetails(endpoint: ReportedEndpoint, context: SummaryContext): string {
  const lines = [`#### ${STATUS_ICON.down} ${escapeText(endpoint.name)}`, ''];
  lines.push(`- URL: ${codeSpan(requestLine(endpoint))}`);
  if (endpoint.kind) lines.push(`- Check: ${endpoint.kind}`);
  else {
    lines.push(
      `- HTTP status: ${endpoint.httpStatus === null ? 'no response' : codeSpan(`${endpoint.httpStatus}${endpoint.statusText ? ` ${endpoint.statusText}` : ''}`)}`,
    );
  }
  lines.push(`- Attempts: ${endpoint.attempts}, last at ${utc(new Date(endpoint.checkedAt))}`);
  const incident = context.incidents?.get(endpoint.id);
  if (incident) lines.push(`- Incident: ${issueLink(incident)}`);
  if (endpoint.error) lines.push('', 'Error:', '', codeBlock(endpoint.error));
  if (endpoint.failures.length > 0) lines.push('', 'Failed checks:', '', codeBlock(endpoint.failures.join('\n')));
  if (endpoint.bodyExcerpt) {
    lines.push('', 'Start of the response body:', '', codeBlock(clip(endpoint.bodyExcerpt, BODY_EXCERPT_CHARS)));
  }
  return lines.join('\n');
}

function heading(report: Report, cancellation: Cancellation | null | undefined): string {
  if (!cancellation) return `## ${STATUS_ICON[report.status]} Vigil: ${headline(report.counts, report.status)}`;
  const checked = report.endpoints.length;
  const total = checked + cancellation.notChecked.length;
  const measured = checked > 0 ? ` — ${headline(report.counts, report.status)}` : '';
  return `## ⏹️ Vigil: cancelled after ${checked} of ${total} ${total === 1 ? 'endpoint' : 'endpoints'}${measured}`;
}

function cancellationNotice(cancellation: Cancellation): string {
  const names = cancellation.notChecked.slice(0, DETAILS_LIMIT).map(escapeText).join(', ');
  const more =
    cancellation.notChecked.length > DETAILS_LIMIT ? ` and ${cancellation.notChecked.length - DETAILS_LIMIT} more` : '';
  return (
    `> [!CAUTION]\n> The run was cancelled (${escapeText(cancellation.reason)}) before it finished. ` +
    `Not checked: ${names}${more}. Below is what was measured; incident issues were left as they were.`
  );
}

export function summaryMarkdown(report: Report, context: SummaryContext = {}): string {
  const ordered = worstFirst(report.endpoints);
  const total = report.endpoints.length;
  const when = utc(report.startedAt);
  const facts = [
    `Checked ${total} ${total === 1 ? 'endpoint' : 'endpoints'} at ${when} in ${formatDuration(report.durationMs)}`,
    `${STATUS_ICON.up} ${report.counts.up} up`,
    `${STATUS_ICON.degraded} ${report.counts.degraded} degraded`,
    `${STATUS_ICON.down} ${report.counts.down} down`,
  ];
  if (context.runUrl) facts.push(`[workflow run](${linkTarget(context.runUrl)})`);
  const head = [heading(report, context.cancellation), facts.join(' · ')];
  if (context.cancellation) head.push(cancellationNotice(context.cancellation));
  for (const notice of context.notices ?? []) head.push(`> [!WARNING]\n> ${escapeText(notice)}`);

  const rest: string[] = [...(context.sections ?? [])];
  const chart = responseChart(ordered);
  if (chart) rest.push(`### Response times\n\n${chart}`);
  const phases = phaseTable(ordered);
  if (phases) rest.push(phases);
  const down = ordered.filter((endpoint) => endpoint.status === 'down');
  if (down.length > 0) {
    const details = down.slice(0, DETAILS_LIMIT).map((endpoint) => downDetails(endpoint, context));
    if (down.length > DETAILS_LIMIT) {
      details.push(`_…and ${down.length - DETAILS_LIMIT} more down endpoints: see the table above and the \`results\` output._`);
    }
    rest.push(`### What is down\n\n${details.join('\n\n')}`);
  }
  const rows = ordered.map((endpoint) => tableRow(endpoint, context));
  return fitSummary(head, rows, rest, context.limitBytes ?? SUMMARY_BUDGET_BYTES);
}

const bytes = (text: string) => Buffer.byteLength(text);

/**
 * Joins the summary's blocks, keeping it under GitHub's size limit. When everything does not
 * fit, the heading and notices stay, then as many table rows as fit (worst first), then each
 * later section only if it fits whole, so no table, fence or details block is ever cut open;
 * a note says what was left out.
 */
function fitSummary(head: string[], rows: string[], rest: string[], limit: number): string {
  const table = rows.length > 0 ? [`${TABLE_HEAD}\n${rows.join('\n')}`] : [];
  const whole = `${[...head, ...table, ...rest].join('\n\n')}\n`;
  if (bytes(whole) <= limit) return whole;

  const note = (left: number) =>
    `_The summary was cut to fit GitHub's size limit${left > 0 ? `: ${left} more ${left === 1 ? 'endpoint is' : 'endpoints are'} not in the table` : ''}. Every result is in the \`results\` output._`;
  const reserve = bytes(note(rows.length)) + 8;
  let used = bytes(head.join('\n\n')) + 2 + bytes(TABLE_HEAD) + 1 + reserve;
  let kept = 0;
  while (kept < rows.length && used + bytes(rows[kept]) + 1 <= limit) used += bytes(rows[kept++]) + 1;
  const blocks = [...head];
  if (kept > 0) blocks.push(`${TABLE_HEAD}\n${rows.slice(0, kept).join('\n')}`);
  if (kept === rows.length) {
    for (const block of rest) {
      if (used + bytes(block) + 2 > limit) continue;
      blocks.push(block);
      used += bytes(block) + 2;
    }
  }
  blocks.push(note(rows.length - kept));
  return `${blocks.join('\n\n')}\n`;
}
