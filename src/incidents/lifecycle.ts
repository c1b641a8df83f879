/**
 * The incident lifecycle, a function of the finished report and a client:
 * down without an open issue → open one (unless a person closed this outage's issue); still
 * down → nothing; no longer down → comment and close; overlapping runs → keep the oldest open
 * issue and close the others as duplicates; an endpoint no longer configured → say so and close.
 * Only issues of this workflow are touched.
 */
import type { Report, ReportedEndpoint } from '../check/types.js';
import type { IncidentLink } from '../report/summary.js';
import { IssuesApiError, type IncidentClient, type IncidentIssue } from './client.js';
import {
  duplicateComment,
  endpointIdOf,
  issueBody,
  issueTitle,
  markersOf,
  recoveryComment,
  unmonitoredComment,
  withMarkers,
} from './text.js';

export interface IncidentOptions {
  labels: string[];
  assignees: string[];
  closeIssues: boolean;
  runUrl: string | null;
  now?: () => Date;
  /** The workflow file whose configuration this run loaded (`.github/workflows/x.yml`); null
   * outside a workflow. Issues that carry another workflow's marker are never touched. */
  workflow?: string | null;
  /** Every endpoint id in this workflow's configuration, checked this run or not. With a
   * workflow, its open incidents of any other id are closed as no longer monitored. */
  configuredIds?: readonly string[];
  /**
   * The first down check of each endpoint's current outage (ISO; null when it is not down),
   * from the history. When given, an issue closed since the outage began means a person closed
   * this outage's issue; without it, Vigil marks such issues when it sees the endpoint up again,
   * which costs one listing of recently updated closed issues per run.
   */
  outageStarts?: ReadonlyMap<string, string | null>;
  /** How long each outage that ended this run lasted (seconds), from the history: the recovery
   * comment gives it instead of the time since the issue was opened. */
  outageLengths?: ReadonlyMap<string, number>;
  /** Each endpoint's uptime, in words, for the issue body (`99.652 % over 24 h · …, target 99 %`). */
  uptimes?: ReadonlyMap<string, string>;
}

export interface IncidentResult {
  opened: number[];
  closed: number[];
  links: Map<string, IncidentLink>;
  failure: string | null;
}

/** Why Vigil closed an issue, written into its header in the same request that closes it. */
type CloseReason = 'recovered' | 'duplicate' | 'unmonitored';

const oldestFirst = (a: IncidentIssue, b: IncidentIssue) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number;
const newestFirst = (a: IncidentIssue, b: IncidentIssue) => -oldestFirst(a, b);

/** Pages of closed issues read at most when looking for an endpoint's latest incident. */
const CLOSED_PAGES = 10;

/** Marked as recovered (left open because close-issues is false). Issues opened before markers
 * moved into the header had it appended as their last line, below everything quoted. */
function markedRecovered(issue: IncidentIssue): boolean {
  const markers = markersOf(issue.body);
  if (markers.recovered !== undefined) return true;
  return markers.workflow === undefined && issue.body.trimEnd().endsWith('\n<!-- vigil:recovered -->');
}

/** An issue of this workflow: one carrying its workflow marker, or one opened before issues
 * carried any (those belong to every workflow, as they always did). */
function ofWorkflow(issue: IncidentIssue, workflow: string | null): boolean {
  const marked = markersOf(issue.body).workflow;
  return marked === undefined || marked === (workflow ?? '');
}

/**
 * Closed by someone other than Vigil, and not yet marked as over: Vigil writes why whenever it
 * closes an issue, and marks a recovery. Issues opened before this rule (no workflow marker)
 * never qualify, so their endpoints get a new issue as they always did.
 */
function closedByPerson(issue: IncidentIssue): boolean {
  const markers = markersOf(issue.body);
  return markers.workflow !== undefined && markers.closed === undefined && markers.recovered === undefined;
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
  const workflow = options.workflow ?? null;

  /** Open incidents of this workflow by endpoint id, oldest first. Issues marked recovered
   * (left open because close-issues is false) are not ongoing incidents. */
  const ongoing = (issues: IncidentIssue[]) => {
    const byId = new Map<string, IncidentIssue[]>();
    for (const issue of issues) {
      const id = endpointIdOf(issue.body);
      if (id === null || !ofWorkflow(issue, workflow) || markedRecovered(issue)) continue;
      byId.set(id, [...(byId.get(id) ?? []), issue]);
    }
    for (const list of byId.values()) list.sort(oldestFirst);
    return byId;
  };

  const openIssues = await client.listOpen(label);
  const before = ongoing(openIssues);
  const seenBefore = new Set([...before.values()].flat().map((issue) => issue.number));
  const createdHere = new Map<string, number>();

  const close = async (issue: IncidentIssue, reason: CloseReason, comment: string) => {
    await client.comment(issue.number, comment);
    await client.update(issue.number, {
      body: withMarkers(issue.body, { closed: reason }),
      state: 'closed',
      stateReason: reason === 'recovered' ? 'completed' : 'not_planned',
    });
    result.closed.push(issue.number);
  };

  const closeDuplicates = async (endpoint: ReportedEndpoint, issues: IncidentIssue[]) => {
    const [kept, ...extra] = issues;
    for (const duplicate of extra) {
      // Close only what this run opened, or what an earlier run left behind; an issue that
      // another overlapping run has just opened is that run's to close.
      const mine = createdHere.get(endpoint.id) === duplicate.number;
      if (!mine && !seenBefore.has(duplicate.number)) continue;
      await close(duplicate, 'duplicate', duplicateComment(kept.number));
    }
    return kept;
  };

  // Endpoints taken out of this workflow's configuration: their incidents would stay open forever.
  if (workflow !== null && options.configuredIds) {
    const configured = new Set(options.configuredIds);
    for (const [id, issues] of before) {
      if (configured.has(id)) continue;
      for (const issue of issues) {
        if (markersOf(issue.body).workflow === workflow) await close(issue, 'unmonitored', unmonitoredComment(id, workflow));
      }
    }
  }

  const held = await outagesClosedByPeople(report, client, options, { ongoing: before, all: openIssues }, label, now);

  for (const endpoint of report.endpoints) {
    const open = before.get(endpoint.id) ?? [];
    if (endpoint.status === 'down') {
      if (open.length > 0) {
        const kept = await closeDuplicates(endpoint, open);
        result.links.set(endpoint.id, { number: kept.number, url: kept.htmlUrl });
        continue;
      }
      const respected = held.get(endpoint.id);
      if (respected) {
        // A person closed this outage's issue: respect it until the endpoint is up again.
        result.links.set(endpoint.id, { number: respected.number, url: respected.htmlUrl });
        continue;
      }
      const created = await client.create({
        title: issueTitle(endpoint),
        // Since the outage's first down check, which precedes this run when a
        // failure-threshold held the incident back; this run's time without the history.
        body: issueBody(
          endpoint,
          outageStartOf(options.outageStarts, endpoint.id) ?? now,
          options.runUrl,
          workflow,
          options.uptimes?.get(endpoint.id) ?? null,
        ),
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
      const lasted = options.outageLengths?.get(endpoint.id);
      const comment = recoveryComment(
        endpoint,
        lasted === undefined ? new Date(incident.createdAt) : new Date(now.getTime() - lasted * 1000),
        now,
        options.runUrl,
      );
      if (options.closeIssues) {
        await close(incident, 'recovered', comment);
      } else {
        // Left open for people to close; marked so later runs neither comment again nor
        // mistake it for an ongoing outage.
        await client.comment(incident.number, comment);
        await client.update(incident.number, { body: withMarkers(incident.body, { recovered: '' }) });
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

/**
 * The issues people closed while their endpoint was (and is) down, by endpoint id. Closed issues
 * are listed only when an endpoint is down without an open issue, or, when the history gives
 * no outage starts, to mark the outages of endpoints that are up again as over.
 */
async function outagesClosedByPeople(
  report: Report,
  client: IncidentClient,
  options: IncidentOptions,
  open: { ongoing: Map<string, IncidentIssue[]>; all: IncidentIssue[] },
  label: string,
  now: Date,
): Promise<Map<string, IncidentIssue>> {
  const held = new Map<string, IncidentIssue>();
  if (!client.listClosed) return held;
  const workflow = options.workflow ?? null;
  const ours = (issue: IncidentIssue, id: string) => endpointIdOf(issue.body) === id && ofWorkflow(issue, workflow);
  const starts = options.outageStarts;
  const needing = report.endpoints.filter((endpoint) => endpoint.status === 'down' && !open.ongoing.has(endpoint.id));
  const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

  const dated = needing.filter((endpoint) => Number.isFinite(time(starts?.get(endpoint.id))));
  if (dated.length > 0) {
    // Any issue of the endpoint that a person closed after its outage began was this outage's.
    const since = new Date(Math.min(...dated.map((endpoint) => time(starts!.get(endpoint.id))))).toISOString();
    const closed = await client.listClosed(label, { sort: 'updated', since, maxPages: CLOSED_PAGES });
    for (const endpoint of dated) {
      const start = time(starts!.get(endpoint.id));
      const issue = closed
        .filter((candidate) => ours(candidate, endpoint.id) && closedByPerson(candidate))
        .filter((candidate) => time(candidate.closedAt) >= start)
        .sort(newestFirst)[0];
      if (issue) held.set(endpoint.id, issue);
    }
  }

  // With the history, a down endpoint without a start is not in a counted outage: nothing to respect.
  const undated = starts ? [] : needing;
  if (undated.length > 0) {
    // Without the history: the endpoint's latest incident, closed by a person and not marked
    // as over, is this outage's. An open one marked recovered (close-issues: false) counts as
    // the latest too: it ends whatever came before it.
    const latest = (issues: IncidentIssue[], id: string) => issues.filter((issue) => ours(issue, id)).sort(newestFirst)[0];
    const closed = await client.listClosed(label, {
      sort: 'created',
      maxPages: CLOSED_PAGES,
      enough: (issues) => undated.every((endpoint) => latest(issues, endpoint.id) !== undefined),
    });
    for (const endpoint of undated) {
      const issue = latest([...closed, ...open.all], endpoint.id);
      if (issue && closedByPerson(issue)) held.set(endpoint.id, issue);
    }
  }

  if (!starts) {
    // Without the history, "over" has to be written down: an endpoint that is up now ends the
    // outage whose issue a person closed, so its next outage gets a new issue.
    const up = new Set(report.endpoints.filter((endpoint) => endpoint.status !== 'down').map((endpoint) => endpoint.id));
    if (up.size > 0) {
      const recent = await client.listClosed(label, { sort: 'updated', maxPages: 1 });
      for (const issue of recent) {
        const id = endpointIdOf(issue.body);
        if (id === null || !up.has(id) || !ofWorkflow(issue, workflow) || !closedByPerson(issue)) continue;
        await client.update(issue.number, { body: withMarkers(issue.body, { recovered: now.toISOString() }) });
      }
    }
  }
  return held;
}

/** The first down check of an endpoint's outage, as the data branch recorded it. */
function outageStartOf(starts: ReadonlyMap<string, string | null> | undefined, id: string): Date | null {
  const at = Date.parse(starts?.get(id) ?? '');
  return Number.isFinite(at) ? new Date(at) : null;
}
