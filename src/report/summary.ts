/**
 * The job summary: readable at a glance. A heading with the overall status, one row per
 * endpoint (worst first), a chart of response times against their thresholds, the phases of
 * each request, and the details of what is down. Untrusted text only ever appears as code.
 */
import { STATUS_RANK, type Report, type ReportedEndpoint } from '../check/types.js';
import { STATUS_ICON, formatMs, headline, problemsOf, utc } from './format.js';
import { clip, codeBlock, codeSpan, escapeText, linkTarget } from './markdown.js';

export interface IncidentLink {
  number: number;
  url: string;
}

export interface SummaryContext {
  /** Link to the workflow run, when running on GitHub. */
  runUrl?: string | null;
  /** Incident issue per endpoint id. */
  incidents?: Map<string, IncidentLink>;
  /** Problems of the run itself (e.g. the issues API refused), shown under the heading. */
  notices?: string[];
}

const CHART_LIMIT = 30;
const PHASE_TABLE_OPEN_LIMIT = 10;
const BODY_EXCERPT_CHARS = 500;
/** Down endpoints shown in detail; the rest are in the table. */
const DETAILS_LIMIT = 20;
const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 4096;

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
  const over = endpoint.responseTime > endpoint.maxResponseTime;
  const time = `${endpoint.responseTime} ms`;
  return `${over ? `**${time}**` : time} / ${formatMs(endpoint.maxResponseTime)}`;
}

function problemsCell(endpoint: ReportedEndpoint, incident: IncidentLink | undefined): string {
  const items = problemsOf(endpoint).map((text) => codeSpan(clip(text, 200), { inTable: true }));
  if (endpoint.note) items.push(`_${escapeText(endpoint.note)}_`);
  if (incident) items.push(issueLink(incident));
  return items.length > 0 ? items.join('<br>') : '—';
}

function statusTable(endpoints: ReportedEndpoint[], context: SummaryContext): string {
  const rows = endpoints.map((endpoint) =>
    [
      `${STATUS_ICON[endpoint.status]} ${endpoint.status}`,
      endpointLink(endpoint),
      endpoint.httpStatus === null ? '—' : String(endpoint.httpStatus),
      responseCell(endpoint),
      String(endpoint.attempts),
      problemsCell(endpoint, context.incidents?.get(endpoint.id)),
    ].join(' | '),
  );
  return [
    '| Status | Endpoint | HTTP | Response time / limit | Attempts | What failed |',
    '| :-- | :-- | --: | --: | --: | :-- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

/** A Mermaid bar chart of response times with the thresholds as a line. Labels are the
 * endpoint ids, which are slugs and so safe inside the chart's quoted labels. */
export function responseChart(endpoints: readonly ReportedEndpoint[]): string | null {
  const answered = endpoints.filter((endpoint) => endpoint.httpStatus !== null || endpoint.responseTime > 0);
  if (answered.length === 0) return null;
  let shown = [...answered];
  let caption = '';
  if (shown.length > CHART_LIMIT) {
    shown = shown.sort((a, b) => b.responseTime - a.responseTime).slice(0, CHART_LIMIT);
    caption = ` The ${CHART_LIMIT} slowest of ${answered.length} endpoints.`;
  }
  const top = Math.max(...shown.map((endpoint) => Math.max(endpoint.responseTime, endpoint.maxResponseTime)));
  const ceiling = Math.max(10, Math.ceil((top * 1.1) / 10) * 10);
  return (
    [
      '```mermaid',
      'xychart-beta',
      '  title "Response time against threshold (ms)"',
      `  x-axis [${shown.map((endpoint) => `"${endpoint.id}"`).join(', ')}]`,
      `  y-axis "ms" 0 --> ${ceiling}`,
      `  bar [${shown.map((endpoint) => endpoint.responseTime).join(', ')}]`,
      `  line [${shown.map((endpoint) => endpoint.maxResponseTime).join(', ')}]`,
      '```',
    ].join('\n') + `\n\n_Bars: the response time of each endpoint. Line: its \`max-response-time\`.${caption}_`
  );
}

function phaseTable(endpoints: readonly ReportedEndpoint[]): string {
  const rows = endpoints.map((endpoint) => {
    const t = endpoint.timings;
    return `| ${escapeText(endpoint.name)} | ${t.dns} | ${t.connect} | ${t.tls} | ${t.wait} | ${t.download} | **${t.total}** |`;
  });
  const table = [
    '| Endpoint | DNS | Connect | TLS | Wait | Download | Total |',
    '| :-- | --: | --: | --: | --: | --: | --: |',
    ...rows,
  ].join('\n');
  const open = endpoints.length <= PHASE_TABLE_OPEN_LIMIT ? ' open' : '';
  return `<details${open}><summary>Phases of each request (ms), fresh connection each time</summary>\n\n${table}\n\n</details>`;
}

function downDetails(endpoint: ReportedEndpoint, context: SummaryContext): string {
  const lines = [`#### ${STATUS_ICON.down} ${escapeText(endpoint.name)}`, ''];
  lines.push(`- URL: ${codeSpan(`${endpoint.method} ${endpoint.url}`)}`);
  lines.push(
    `- HTTP status: ${endpoint.httpStatus === null ? 'no response' : codeSpan(`${endpoint.httpStatus}${endpoint.statusText ? ` ${endpoint.statusText}` : ''}`)}`,
  );
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

export function summaryMarkdown(report: Report, context: SummaryContext = {}): string {
  const ordered = worstFirst(report.endpoints);
  const total = report.endpoints.length;
  const title = `## ${STATUS_ICON[report.status]} Vigil: ${headline(report.counts, report.status)}`;
  const when = utc(report.startedAt);
  const facts = [
    `Checked ${total} ${total === 1 ? 'endpoint' : 'endpoints'} at ${when} in ${formatMs(report.durationMs)}`,
    `${STATUS_ICON.up} ${report.counts.up} up`,
    `${STATUS_ICON.degraded} ${report.counts.degraded} degraded`,
    `${STATUS_ICON.down} ${report.counts.down} down`,
  ];
  if (context.runUrl) facts.push(`[workflow run](${linkTarget(context.runUrl)})`);
  const sections = [title, '', facts.join(' · ')];
  for (const notice of context.notices ?? []) sections.push('', `> [!WARNING]\n> ${escapeText(notice)}`);
  sections.push('', statusTable(ordered, context));
  const chart = responseChart(report.endpoints);
  if (chart) sections.push('', '### Response times', '', chart);
  sections.push('', phaseTable(report.endpoints));
  const down = ordered.filter((endpoint) => endpoint.status === 'down');
  if (down.length > 0) {
    sections.push('', '### What is down', '');
    sections.push(
      down
        .slice(0, DETAILS_LIMIT)
        .map((endpoint) => downDetails(endpoint, context))
        .join('\n\n'),
    );
    if (down.length > DETAILS_LIMIT) {
      sections.push(
        '',
        `_…and ${down.length - DETAILS_LIMIT} more down endpoints: see the table above and the \`results\` output._`,
      );
    }
  }
  return fitSummary(`${sections.join('\n')}\n`);
}

/** GitHub refuses a step summary over 1 MiB; cut at a line and say so rather than lose it all. */
function fitSummary(markdown: string): string {
  if (Buffer.byteLength(markdown) <= SUMMARY_LIMIT_BYTES) return markdown;
  let cut = markdown.slice(0, SUMMARY_LIMIT_BYTES / 2);
  cut = cut.slice(0, cut.lastIndexOf('\n'));
  // Close a fence or details block that the cut may have left open.
  const fences = (cut.match(/^```/gm) ?? []).length;
  if (fences % 2 === 1) cut += '\n```';
  if ((cut.match(/<details/g) ?? []).length > (cut.match(/<\/details>/g) ?? []).length) cut += '\n\n</details>';
  return `${cut}\n\n_The summary was cut to fit GitHub's size limit; every result is in the \`results\` output._\n`;
}
