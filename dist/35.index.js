export const id = 35;
export const ids = [35];
export const modules = {

/***/ 38035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  incidentClient: () => (/* binding */ incidentClient),
  reconcileIncidents: () => (/* reexport */ reconcileIncidents)
});

// UNUSED EXPORTS: IssuesApiError, octokitClient, workflowPathOf

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(92413);
// EXTERNAL MODULE: ./src/text/redact.ts
var redact = __webpack_require__(53326);
// EXTERNAL MODULE: ./src/incidents/text.ts
var incidents_text = __webpack_require__(78964);
;// CONCATENATED MODULE: ./src/incidents/client.ts
/**
 * The few GitHub REST calls the incident lifecycle needs, over Octokit. Transient failures
 * (5xx, rate limits, network errors) are retried with backoff; anything else is thrown as an
 * IssuesApiError whose message tells the user what to change.
 *
 * Why not @octokit/plugin-retry and @octokit/plugin-throttling (read in their 8.x / 11.x
 * sources): plugin-retry waits (n+1)² seconds whatever Retry-After says and repeats a failed
 * POST by status alone; plugin-throttling honours Retry-After and X-RateLimit-Reset, but queues
 * every write behind module-wide limiters (1 s between writes, 3 s between comments: five
 * comments to a loopback server took 12.1 s with it and 0.4 s without), does not retry a plain
 * 429, and neither takes a clock or a sleep, so their waits can only be tested in real seconds.
 * The loop below is short, honours both headers, and never repeats a write without first
 * looking whether it went through.
 */




class IssuesApiError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'IssuesApiError';
    }
}
const defaultPolicy = {
    retries: 3,
    baseDelay: 1000,
    maxDelay: 60_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
};
function isRateLimited(failure) {
    const headers = failure.response?.headers ?? {};
    return (failure.status === 429 ||
        (failure.status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(failure.message ?? ''))));
}
/** Whether GitHub refused the request before doing anything, so repeating it cannot duplicate. */
const refusedUnseen = (failure) => isRateLimited(failure);
/** Retry-After in ms: a number of seconds or an HTTP date; null when absent or unreadable. */
function retryAfter(value, now) {
    if (value === undefined)
        return null;
    if (/^\d+$/.test(value.trim()))
        return Number(value) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : Math.max(0, at - now);
}
/** How long to wait before trying a failed request again, or null when it is not transient. */
function retryDelay(failure, attempt, policy) {
    const status = failure.status;
    const transient = status === undefined || status >= 500 || isRateLimited(failure);
    if (!transient)
        return null;
    const headers = failure.response?.headers ?? {};
    const backoff = policy.baseDelay * 2 ** attempt;
    const asked = retryAfter(headers['retry-after'], policy.now());
    if (asked !== null)
        return Math.min(policy.maxDelay, Math.max(asked, 0));
    if (isRateLimited(failure) && headers['x-ratelimit-reset'] !== undefined) {
        // The reset is a whole second; one more second so the retry lands after it.
        const resetIn = Number(headers['x-ratelimit-reset']) * 1000 - policy.now() + 1000;
        return Math.min(policy.maxDelay, Math.max(backoff, resetIn));
    }
    return Math.min(policy.maxDelay, backoff);
}
function explain(failure, action, repository, token = '') {
    const status = failure.status ?? null;
    // Masked before it is cut: an answer that echoes the token leaves no start of it behind.
    const said = (0,redact/* redactText */.Rd)((failure.message ?? 'no answer').split('\n')[0], token ? [token] : []).slice(0, 200);
    if (status === 401) {
        return new IssuesApiError(`GitHub rejected the token while trying to ${action} (401 ${said}). Check the github-token input.`, status);
    }
    if (status === 403 || status === 404) {
        return new IssuesApiError(`GitHub refused to ${action} in ${repository} (${status} ${said}). ` +
            'The workflow needs `permissions: issues: write` (add it to the workflow or the job), ' +
            'and the github-token must be able to reach this repository.', status);
    }
    if (status === 410) {
        return new IssuesApiError(`Issues are disabled in ${repository} (410): enable them, or set create-issues to false.`, status);
    }
    return new IssuesApiError(`GitHub could not ${action} in ${repository} (${status ?? 'network error'}: ${said}).`, status);
}
const labelNames = (labels) => (labels ?? []).map((label) => (typeof label === 'string' ? label : (label.name ?? '')));
const toIncident = (issue) => ({
    number: issue.number,
    body: issue.body ?? '',
    createdAt: issue.created_at ?? '',
    closedAt: issue.closed_at ?? null,
    htmlUrl: issue.html_url ?? '',
    labels: issue.labels === undefined ? null : labelNames(issue.labels),
});
function octokitClient(options) {
    const [owner, repo] = options.repository.split('/');
    if (!owner || !repo)
        throw new IssuesApiError(`GITHUB_REPOSITORY "${options.repository}" is not owner/name`, null);
    const policy = { ...defaultPolicy, ...options.retry };
    const { signal } = options;
    const octokit = (0,github/* getOctokit */.Q)(options.token, {
        ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
        ...(signal ? { request: { signal } } : {}),
    });
    if (signal) {
        const sleep = policy.sleep;
        policy.sleep = (ms) => signal.aborted
            ? Promise.reject(new IssuesApiError(`stopped: ${String(signal.reason)}`, null))
            : new Promise((resolve, reject) => {
                const stop = () => reject(new IssuesApiError(`stopped: ${String(signal.reason)}`, null));
                signal.addEventListener('abort', stop, { once: true });
                sleep(ms).then(() => {
                    signal.removeEventListener('abort', stop);
                    resolve();
                }, reject);
            });
    }
    // Transient failures are retried here, around every request (paging included), except the
    // two writes that are not idempotent: creating an issue or a comment twice leaves two. Those
    // are repeated by `writeOnce`, which looks first.
    octokit.hook.wrap('request', async (request, requestOptions) => {
        const notIdempotent = requestOptions.method === 'POST' && !String(requestOptions.url).endsWith('/labels');
        for (let attempt = 0;; attempt++) {
            try {
                return await request(requestOptions);
            }
            catch (error) {
                const delay = !notIdempotent && attempt < policy.retries ? retryDelay(error, attempt, policy) : null;
                if (delay === null)
                    throw error;
                await policy.sleep(delay);
            }
        }
    });
    /**
     * A write that failed may still have been stored (a 5xx after the commit, a connection that
     * dropped before the answer). Each write carries a unique marker; before repeating one,
     * look for it, and adopt what is found instead of writing again.
     */
    const writeOnce = async (write, lookup) => {
        for (let attempt = 0;; attempt++) {
            try {
                return await write();
            }
            catch (error) {
                const failure = error;
                const delay = attempt < policy.retries ? retryDelay(failure, attempt, policy) : null;
                if (delay === null)
                    throw error;
                await policy.sleep(delay);
                if (!refusedUnseen(failure)) {
                    const found = await lookup();
                    if (found !== null)
                        return found;
                }
            }
        }
    };
    const call = async (action, fn) => {
        try {
            return await fn();
        }
        catch (error) {
            throw explain(error, action, options.repository, options.token);
        }
    };
    const createIssue = async (issue) => {
        const params = { owner, repo, title: issue.title, body: issue.body, labels: issue.labels };
        try {
            const { data } = await octokit.rest.issues.create({ ...params, assignees: issue.assignees });
            return toIncident(data);
        }
        catch (error) {
            // An assignee who cannot be assigned must not stop the incident from being opened.
            if (error.status !== 422 || issue.assignees.length === 0)
                throw error;
            const { data } = await octokit.rest.issues.create(params);
            return toIncident(data);
        }
    };
    return {
        listOpen: (label) => call('list the open incident issues', async () => {
            const issues = (await octokit.paginate(octokit.rest.issues.listForRepo, {
                owner,
                repo,
                state: 'open',
                labels: label,
                per_page: 100,
            }));
            return issues.filter((issue) => !issue.pull_request).map(toIncident);
        }),
        listClosed: (label, query) => call('list the closed incident issues', async () => {
            const found = [];
            let pages = 0;
            const params = {
                owner,
                repo,
                state: 'closed',
                labels: label,
                sort: query.sort,
                direction: 'desc',
                per_page: 100,
                ...(query.since ? { since: query.since } : {}),
            };
            for await (const { data } of octokit.paginate.iterator(octokit.rest.issues.listForRepo, params)) {
                found.push(...data.filter((issue) => !issue.pull_request).map(toIncident));
                pages += 1;
                if (pages >= query.maxPages || query.enough?.(found))
                    break;
            }
            return found;
        }),
        create: (issue) => call('open an incident issue', async () => {
            const key = (0,external_node_crypto_.randomUUID)();
            const keyed = { ...issue, body: (0,incidents_text/* withMarkers */.ew)(issue.body, { write: key }) };
            return writeOnce(() => createIssue(keyed), async () => {
                // Newest first: an issue this run just opened is on the first page.
                const { data } = await octokit.rest.issues.listForRepo({
                    owner,
                    repo,
                    state: 'open',
                    sort: 'created',
                    direction: 'desc',
                    per_page: 100,
                });
                const mine = data.find((candidate) => (0,incidents_text/* markersOf */.Bs)(candidate.body ?? '').write === key);
                return mine ? toIncident(mine) : null;
            });
        }),
        comment: (number, body) => call(`comment on issue #${number}`, async () => {
            const key = (0,external_node_crypto_.randomUUID)();
            const keyed = (0,incidents_text/* withMarkers */.ew)(body, { write: key });
            await writeOnce(async () => void (await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: keyed })), async () => {
                const comments = await octokit.paginate(octokit.rest.issues.listComments, {
                    owner,
                    repo,
                    issue_number: number,
                    per_page: 100,
                });
                return comments.some((comment) => (0,incidents_text/* markersOf */.Bs)(comment.body ?? '').write === key) ? undefined : null;
            });
        }),
        addLabels: (number, labels) => call(`label issue #${number}`, async () => {
            const { data } = await octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels });
            return labelNames(data);
        }),
        update: (number, changes) => call(`update issue #${number}`, async () => {
            await octokit.rest.issues.update({
                owner,
                repo,
                issue_number: number,
                ...(changes.body !== undefined ? { body: changes.body } : {}),
                ...(changes.state ? { state: changes.state } : {}),
                ...(changes.stateReason ? { state_reason: changes.stateReason } : {}),
            });
        }),
    };
}

;// CONCATENATED MODULE: ./src/incidents/lifecycle.ts


const oldestFirst = (a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number;
const newestFirst = (a, b) => -oldestFirst(a, b);
/** Pages of closed issues read at most when looking for an endpoint's latest incident. */
const CLOSED_PAGES = 10;
/** Marked as recovered (left open because close-issues is false). Issues opened before markers
 * moved into the header had it appended as their last line, below everything quoted. */
function markedRecovered(issue) {
    const markers = (0,incidents_text/* markersOf */.Bs)(issue.body);
    if (markers.recovered !== undefined)
        return true;
    return markers.workflow === undefined && issue.body.trimEnd().endsWith('\n<!-- vigil:recovered -->');
}
/** An issue of this workflow: one carrying its workflow marker, or one opened before issues
 * carried any (those belong to every workflow, as they always did). */
function ofWorkflow(issue, workflow) {
    const marked = (0,incidents_text/* markersOf */.Bs)(issue.body).workflow;
    return marked === undefined || marked === (workflow ?? '');
}
/**
 * Closed by someone other than Vigil, and not yet marked as over: Vigil writes why whenever it
 * closes an issue, and marks a recovery. Issues opened before this rule (no workflow marker)
 * never qualify, so their endpoints get a new issue as they always did.
 */
function closedByPerson(issue) {
    const markers = (0,incidents_text/* markersOf */.Bs)(issue.body);
    return markers.workflow !== undefined && markers.closed === undefined && markers.recovered === undefined;
}
async function reconcileIncidents(report, client, options) {
    const result = { opened: [], closed: [], links: new Map(), failure: null };
    try {
        await reconcile(report, client, options, result);
    }
    catch (error) {
        // What was done before the failure is still reported; the failure makes the step fail.
        if (!(error instanceof IssuesApiError))
            throw error;
        result.failure = error.message;
    }
    return result;
}
async function reconcile(report, client, options, result) {
    const now = (options.now ?? (() => new Date()))();
    const label = options.labels[0];
    const workflow = options.workflow ?? null;
    /** Open incidents of this workflow by endpoint id, oldest first. Issues marked recovered
     * (left open because close-issues is false) are not ongoing incidents. */
    const ongoing = (issues) => {
        const byId = new Map();
        for (const issue of issues) {
            const id = (0,incidents_text/* endpointIdOf */.wX)(issue.body);
            if (id === null || !ofWorkflow(issue, workflow) || markedRecovered(issue))
                continue;
            byId.set(id, [...(byId.get(id) ?? []), issue]);
        }
        for (const list of byId.values())
            list.sort(oldestFirst);
        return byId;
    };
    const openIssues = await client.listOpen(label);
    const before = ongoing(openIssues);
    const seenBefore = new Set([...before.values()].flat().map((issue) => issue.number));
    const createdHere = new Map();
    const close = async (issue, reason, comment) => {
        await client.comment(issue.number, comment);
        await client.update(issue.number, {
            body: (0,incidents_text/* withMarkers */.ew)(issue.body, { closed: reason }),
            state: 'closed',
            stateReason: reason === 'recovered' ? 'completed' : 'not_planned',
        });
        result.closed.push(issue.number);
    };
    const closeDuplicates = async (endpoint, issues) => {
        const [kept, ...extra] = issues;
        for (const duplicate of extra) {
            // Close only what this run opened, or what an earlier run left behind; an issue that
            // another overlapping run has just opened is that run's to close.
            const mine = createdHere.get(endpoint.id) === duplicate.number;
            if (!mine && !seenBefore.has(duplicate.number))
                continue;
            await close(duplicate, 'duplicate', (0,incidents_text/* duplicateComment */.j8)(kept.number));
        }
        return kept;
    };
    // Endpoints taken out of this workflow's configuration: their incidents would stay open forever.
    if (workflow !== null && options.configuredIds) {
        const configured = new Set(options.configuredIds);
        for (const [id, issues] of before) {
            if (configured.has(id))
                continue;
            for (const issue of issues) {
                if ((0,incidents_text/* markersOf */.Bs)(issue.body).workflow === workflow)
                    await close(issue, 'unmonitored', (0,incidents_text/* unmonitoredComment */.e1)(id, workflow));
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
                title: (0,incidents_text/* issueTitle */.al)(endpoint),
                // Since the outage's first down check, which precedes this run when a
                // failure-threshold held the incident back; this run's time without the history.
                body: (0,incidents_text/* issueBody */.y6)(endpoint, outageStartOf(options.outageStarts, endpoint.id) ?? now, options.runUrl, workflow, options.uptimes?.get(endpoint.id) ?? null),
                labels: options.labels,
                assignees: options.assignees,
            });
            createdHere.set(endpoint.id, created.number);
            // GitHub drops labels it will not set for the token (they need push access) instead of
            // failing. Later runs find incidents by the first label, so it must be there.
            if (created.labels !== null && !created.labels.includes(label)) {
                const labels = await client.addLabels(created.number, options.labels);
                if (!labels.includes(label)) {
                    throw new IssuesApiError(`GitHub opened issue #${created.number} but did not apply the label "${label}", which Vigil needs to find ` +
                        'the incident again. Give the token permission to label issues (`permissions: issues: write`).', null);
                }
            }
            result.opened.push(created.number);
            result.links.set(endpoint.id, { number: created.number, url: created.htmlUrl });
        }
        else if (open.length > 0) {
            const [incident] = open;
            const lasted = options.outageLengths?.get(endpoint.id);
            const comment = (0,incidents_text/* recoveryComment */.n_)(endpoint, lasted === undefined ? new Date(incident.createdAt) : new Date(now.getTime() - lasted * 1000), now, options.runUrl);
            if (options.closeIssues) {
                await close(incident, 'recovered', comment);
            }
            else {
                // Left open for people to close; marked so later runs neither comment again nor
                // mistake it for an ongoing outage.
                await client.comment(incident.number, comment);
                await client.update(incident.number, { body: (0,incidents_text/* withMarkers */.ew)(incident.body, { recovered: '' }) });
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
            if (mine === undefined || open.length < 2)
                continue;
            const kept = await closeDuplicates(endpoint, open);
            result.links.set(endpoint.id, { number: kept.number, url: kept.htmlUrl });
            if (kept.number !== mine)
                result.opened = result.opened.filter((number) => number !== mine);
        }
    }
}
/**
 * The issues people closed while their endpoint was (and is) down, by endpoint id. Closed issues
 * are listed only when an endpoint is down without an open issue, or, when the history gives
 * no outage starts, to mark the outages of endpoints that are up again as over.
 */
async function outagesClosedByPeople(report, client, options, open, label, now) {
    const held = new Map();
    if (!client.listClosed)
        return held;
    const workflow = options.workflow ?? null;
    const ours = (issue, id) => (0,incidents_text/* endpointIdOf */.wX)(issue.body) === id && ofWorkflow(issue, workflow);
    const starts = options.outageStarts;
    const needing = report.endpoints.filter((endpoint) => endpoint.status === 'down' && !open.ongoing.has(endpoint.id));
    const time = (iso) => (iso ? Date.parse(iso) : NaN);
    const dated = needing.filter((endpoint) => Number.isFinite(time(starts?.get(endpoint.id))));
    if (dated.length > 0) {
        // Any issue of the endpoint that a person closed after its outage began was this outage's.
        const since = new Date(Math.min(...dated.map((endpoint) => time(starts.get(endpoint.id))))).toISOString();
        const closed = await client.listClosed(label, { sort: 'updated', since, maxPages: CLOSED_PAGES });
        for (const endpoint of dated) {
            const start = time(starts.get(endpoint.id));
            const issue = closed
                .filter((candidate) => ours(candidate, endpoint.id) && closedByPerson(candidate))
                .filter((candidate) => time(candidate.closedAt) >= start)
                .sort(newestFirst)[0];
            if (issue)
                held.set(endpoint.id, issue);
        }
    }
    // With the history, a down endpoint without a start is not in a counted outage: nothing to respect.
    const undated = starts ? [] : needing;
    if (undated.length > 0) {
        // Without the history: the endpoint's latest incident, closed by a person and not marked
        // as over, is this outage's. An open one marked recovered (close-issues: false) counts as
        // the latest too: it ends whatever came before it.
        const latest = (issues, id) => issues.filter((issue) => ours(issue, id)).sort(newestFirst)[0];
        const closed = await client.listClosed(label, {
            sort: 'created',
            maxPages: CLOSED_PAGES,
            enough: (issues) => undated.every((endpoint) => latest(issues, endpoint.id) !== undefined),
        });
        for (const endpoint of undated) {
            const issue = latest([...closed, ...open.all], endpoint.id);
            if (issue && closedByPerson(issue))
                held.set(endpoint.id, issue);
        }
    }
    if (!starts) {
        // Without the history, "over" has to be written down: an endpoint that is up now ends the
        // outage whose issue a person closed, so its next outage gets a new issue.
        const up = new Set(report.endpoints.filter((endpoint) => endpoint.status !== 'down').map((endpoint) => endpoint.id));
        if (up.size > 0) {
            const recent = await client.listClosed(label, { sort: 'updated', maxPages: 1 });
            for (const issue of recent) {
                const id = (0,incidents_text/* endpointIdOf */.wX)(issue.body);
                if (id === null || !up.has(id) || !ofWorkflow(issue, workflow) || !closedByPerson(issue))
                    continue;
                await client.update(issue.number, { body: (0,incidents_text/* withMarkers */.ew)(issue.body, { recovered: now.toISOString() }) });
            }
        }
    }
    return held;
}
/** The first down check of an endpoint's outage, as the data branch recorded it. */
function outageStartOf(starts, id) {
    const at = Date.parse(starts?.get(id) ?? '');
    return Number.isFinite(at) ? new Date(at) : null;
}

;// CONCATENATED MODULE: ./src/incidents/index.ts




/** The client for the repository the workflow runs in, on the API the runner names. */
function incidentClient(token, where, signal) {
    return octokitClient({ signal, token, repository: where.repository ?? '', apiUrl: where.apiUrl });
}


/***/ })

};
