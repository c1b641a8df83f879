/**
 * The incident lifecycle, a function of the finished report and a client:
 * down without an open issue → open one; still down → nothing; no longer down → comment and
 * close; overlapping runs → keep the oldest open issue and close the others as duplicates.
 */
import type { Report, ReportedEndpoint } from '../check/types.js';
import type { IncidentLink } from '../report/summary.js';
import { IssuesApiError, type IncidentClient, type IncidentIssue } from './client.js';
import { RECOVERED_MARKER, duplicateComment, endpointIdOf, issueBody, issueTitle, recoveryComment } from './text.js';

export interface IncidentOptions {
  labels: string[];
  assignees: string[];
  closeIssues: boolean;
  runUrl: string | null;
  now?: () => Date;
}

export interface IncidentResult {
  opened: number[];
  closed: number[];
  links: Map<string, IncidentLink>;
  failure: string | null;
}

const oldestFirst = (a: IncidentIssue, b: IncidentIssue) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number;

/** Open incidents by endpoint id, oldest first. Issues marked recovered (left open because
 * close-issues is false) are not ongoing incidents. */
function ongoing(issues: IncidentIssue[]): Map<string, IncidentIssue[]> {
  const byId = new Map<string, IncidentIssue[]>();
  for (const issue of issues) {
    const id = endpointIdOf(issue.body);
    if (id === null || issue.body.includes(RECOVERED_MARKER)) continue;
    byId.set(id, [...(byId.get(id) ?? []), issue]);
  }
  for (const list of byId.values()) list.sort(oldestFirst);
  return byId;
}

export async function reconcileIncidents(
  report: Report,
  client: IncidentClient,
  options: IncidentOptions,
): Promise<IncidentResult> {
  const result: IncidentResult = { opened: [], closed: [], links: new Map(), failure: null };
  try {
    await reconcile(report, client, options, result);
  } catch (error) {
    // What was done before the failure is still reported; the failure makes the step fail.
    if (!(error instanceof IssuesApiError)) throw error;
    result.failure = error.message;
  }
  return result;
}

async function reconcile(report: Report, client: IncidentClient, options: IncidentOptions, result: IncidentResult) {
  const now = (options.now ?? (() => new Date()))();
  const label = options.labels[0];
  const before = ongoing(await client.listOpen(label));
  const seenBefore = new Set([...before.values()].flat().map((issue) => issue.number));
  const createdHere = new Map<string, number>();

  const closeDuplicates = async (endpoint: ReportedEndpoint, issues: IncidentIssue[]) => {
    const [kept, ...extra] = issues;
    for (const duplicate of extra) {
      // Close only what this run opened, or what an earlier run left behind; an issue that
      // another overlapping run has just opened is that run's to close.
      const mine = createdHere.get(endpoint.id) === duplicate.number;
      if (!mine && !seenBefore.has(duplicate.number)) continue;
      await client.comment(duplicate.number, duplicateComment(kept.number));
      await client.update(duplicate.number, { state: 'closed', stateReason: 'not_planned' });
      result.closed.push(duplicate.number);
    }
    return kept;
  };

  for (const endpoint of report.endpoints) {
    const open = before.get(endpoint.id) ?? [];
    if (endpoint.status === 'down') {
      if (open.length > 0) {
        const kept = await closeDuplicates(endpoint, open);
        result.links.set(endpoint.id, { number: kept.number, url: kept.htmlUrl });
        continue;
      }
      const created = await client.create({
        title: issueTitle(endpoint),
        body: issueBody(endpoint, now, options.runUrl),
        labels: options.labels,
        assignees: options.assignees,
      });
      createdHere.set(endpoint.id, created.number);
      // GitHub drops labels it will not set for the token (they need push access) instead of
      // failing. Later runs find incidents by the first label, so it must be there.
      if (created.labels !== null && !created.labels.includes(label)) {
        const labels = await client.addLabels(created.number, options.labels);
        if (!labels.includes(label)) {
          throw new IssuesApiError(
            `GitHub opened issue #${created.number} but did not apply the label "${label}", which Vigil needs to find ` +
              'the incident again. Give the token permission to label issues (`permissions: issues: write`).',
            null,
          );
        }
      }
      result.opened.push(created.number);
      result.links.set(endpoint.id, { number: created.number, url: created.htmlUrl });
    } else if (open.length > 0) {
      const [incident] = open;
      const comment = recoveryComment(endpoint, new Date(incident.createdAt), now, options.runUrl);
      await client.comment(incident.number, comment);
      if (options.closeIssues) {
        await client.update(incident.number, { state: 'closed', stateReason: 'completed' });
        result.closed.push(incident.number);
      } else {
        // Left open for people to close; marked so later runs neither comment again nor
        // mistake it for an ongoing outage.
        await client.update(incident.number, { body: `${incident.body}\n${RECOVERED_MARKER}` });
      }
      await closeDuplicates(endpoint, open);
    }
  }

  // Two overlapping runs may both have opened an issue: look again and converge on the oldest.
  if (createdHere.size > 0) {
    const after = ongoing(await client.listOpen(label));
    for (const endpoint of report.endpoints) {
      const mine = createdHere.get(endpoint.id);
      const open = after.get(endpoint.id) ?? [];
      if (mine === undefined || open.length < 2) continue;
      const kept = await closeDuplicates(endpoint, open);
      result.links.set(endpoint.id, { number: kept.number, url: kept.htmlUrl });
      if (kept.number !== mine) result.opened = result.opened.filter((number) => number !== mine);
    }
  }
}
