export const id = 508;
export const ids = [508];
export const modules = {

/***/ 5508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  incidentClient: () => (/* binding */ incidentClient),
  reconcileIncidents: () => (/* reexport */ reconcileIncidents)
});

// UNUSED EXPORTS: IssuesApiError, octokitClient

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./src/incidents/client.ts
/**
 * The few GitHub REST calls the incident lifecycle needs, over Octokit. Transient failures
 * (5xx, rate limits, network errors) are retried with backoff; anything else is thrown as an
 * IssuesApiError whose message tells the user what to change.
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
};
function isRateLimited(failure) {
    const headers = failure.response?.headers ?? {};
    return (failure.status === 429 ||
        (failure.status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(failure.message ?? ''))));
}
/** How long to wait before trying a failed request again, or null when it is not transient. */
function retryDelay(failure, attempt, policy) {
    const status = failure.status;
    const transient = status === undefined || status >= 500 || isRateLimited(failure);
    if (!transient)
        return null;
    const headers = failure.response?.headers ?? {};
    const backoff = policy.baseDelay * 2 ** attempt;
    if (headers['retry-after'] !== undefined && /^\d+$/.test(headers['retry-after'])) {
        return Math.min(policy.maxDelay, Number(headers['retry-after']) * 1000);
    }
    if (isRateLimited(failure) && headers['x-ratelimit-reset'] !== undefined) {
        const resetIn = Number(headers['x-ratelimit-reset']) * 1000 - Date.now();
        return Math.min(policy.maxDelay, Math.max(backoff, resetIn));
    }
    return Math.min(policy.maxDelay, backoff);
}
function explain(failure, action, repository) {
    const status = failure.status ?? null;
    const said = (failure.message ?? 'no answer').split('\n')[0].slice(0, 200);
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
    htmlUrl: issue.html_url ?? '',
    labels: issue.labels === undefined ? null : labelNames(issue.labels),
});
function octokitClient(options) {
    const [owner, repo] = options.repository.split('/');
    if (!owner || !repo)
        throw new IssuesApiError(`GITHUB_REPOSITORY "${options.repository}" is not owner/name`, null);
    const policy = { ...defaultPolicy, ...options.retry };
    const octokit = (0,github/* getOctokit */.Q)(options.token, options.apiUrl ? { baseUrl: options.apiUrl } : {});
    // Transient failures are retried here, around every request (paging included).
    octokit.hook.wrap('request', async (request, requestOptions) => {
        for (let attempt = 0;; attempt++) {
            try {
                return await request(requestOptions);
            }
            catch (error) {
                const delay = attempt < policy.retries ? retryDelay(error, attempt, policy) : null;
                if (delay === null)
                    throw error;
                await policy.sleep(delay);
            }
        }
    });
    const call = async (action, fn) => {
        try {
            return await fn();
        }
        catch (error) {
            throw explain(error, action, options.repository);
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
        create: (issue) => call('open an incident issue', async () => {
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
        }),
        comment: (number, body) => call(`comment on issue #${number}`, async () => {
            await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
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

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/incidents/text.ts


/** GitHub rejects issue and comment bodies longer than 65,536 characters. */
const GITHUB_BODY_LIMIT = 65_536;
const BODY_BUDGET = 60_000;
const markerFor = (id) => `<!-- vigil:endpoint=${id} -->`;
const RECOVERED_MARKER = '<!-- vigil:recovered -->';
const MARKER = /<!-- vigil:endpoint=([a-z0-9-]+) -->/;
/** The endpoint id an issue body belongs to, or null for an issue Vigil did not open. */
function endpointIdOf(body) {
    return MARKER.exec(body)?.[1] ?? null;
}
function issueTitle(endpoint) {
    return `🔴 ${endpoint.name.replace(/[\r\n]+/g, ' ')} is down`;
}
function phases(endpoint) {
    const t = endpoint.timings;
    return `DNS ${t.dns} · connect ${t.connect} · TLS ${t.tls} · wait ${t.wait} · download ${t.download} ms`;
}
/** Keeps text under `limit` characters, saying that it was cut. */
function truncate(text, limit) {
    if (text.length <= limit)
        return text;
    return `${text.slice(0, limit)}\n… (truncated: ${text.length - limit} more characters not shown)`;
}
function issueBody(endpoint, at, runUrl) {
    const rows = [
        ['URL', (0,markdown/* codeSpan */.SS)(`${endpoint.method} ${endpoint.url}`, { inTable: true })],
        [
            'HTTP status',
            endpoint.httpStatus === null
                ? 'no response'
                : (0,markdown/* codeSpan */.SS)(`${endpoint.httpStatus}${endpoint.statusText ? ` ${endpoint.statusText}` : ''}`, { inTable: true }),
        ],
        ['Attempts', String(endpoint.attempts)],
        ['Response time', `${endpoint.responseTime} ms (limit ${(0,format/* formatMs */._V)(endpoint.maxResponseTime)})`],
        ['Phases', phases(endpoint)],
    ];
    if (endpoint.certExpiresInDays !== null)
        rows.push(['Certificate expires in', `${endpoint.certExpiresInDays} days`]);
    if (runUrl)
        rows.push(['Workflow run', `[${(0,markdown/* linkTarget */.Cm)(runUrl).replace(/^.*\/runs\//, 'run ')}](${(0,markdown/* linkTarget */.Cm)(runUrl)})`]);
    const sections = [
        markerFor(endpoint.id),
        `**${(0,markdown/* escapeText */.X1)(endpoint.name)}** is down since ${(0,format/* utc */.n$)(at)}.`,
        '',
        '| | |',
        '| :-- | :-- |',
        ...rows.map(([label, value]) => `| ${label} | ${value} |`),
    ];
    const problems = (0,format/* problemsOf */.GW)(endpoint);
    const fixed = sections.join('\n').length + 1000;
    if (problems.length > 0) {
        sections.push('', '**What failed**', '', (0,markdown/* codeBlock */.DV)(truncate(problems.join('\n'), Math.min(20_000, BODY_BUDGET - fixed))));
    }
    if (endpoint.bodyExcerpt) {
        const room = BODY_BUDGET - sections.join('\n').length - 1000;
        if (room > 200)
            sections.push('', '**Start of the response body**', '', (0,markdown/* codeBlock */.DV)(truncate(endpoint.bodyExcerpt, room)));
    }
    sections.push('', '_Opened by Vigil. While this issue is open no other issue is opened for this endpoint; ' +
        'it is commented on and closed when the endpoint recovers._');
    return truncate(sections.join('\n'), GITHUB_BODY_LIMIT - 200);
}
function recoveryComment(endpoint, openedAt, at, runUrl) {
    const outage = at.getTime() - openedAt.getTime();
    const lasted = Number.isFinite(outage) ? `, after an outage of ${(0,format/* formatMs */._V)(Math.max(0, outage))}` : '';
    const lines = [
        `✅ **${(0,markdown/* escapeText */.X1)(endpoint.name)}** recovered: it is **${endpoint.status}** again at ${(0,format/* utc */.n$)(at)}${lasted}.`,
        '',
        `- HTTP status: ${endpoint.httpStatus === null ? 'none' : (0,markdown/* codeSpan */.SS)(String(endpoint.httpStatus))}`,
        `- Response time: ${endpoint.responseTime} ms (limit ${(0,format/* formatMs */._V)(endpoint.maxResponseTime)})`,
    ];
    if (endpoint.status === 'degraded' && endpoint.failures.length > 0) {
        lines.push(`- Still degraded: ${endpoint.failures.map((failure) => (0,markdown/* codeSpan */.SS)(failure)).join(', ')}`);
    }
    if (runUrl)
        lines.push(`- Checked by [this workflow run](${(0,markdown/* linkTarget */.Cm)(runUrl)})`);
    return lines.join('\n');
}
function duplicateComment(kept) {
    return `Closing as a duplicate of #${kept}: two Vigil runs overlapped and both opened an issue for this outage.`;
}

;// CONCATENATED MODULE: ./src/incidents/lifecycle.ts


const oldestFirst = (a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number;
/** Open incidents by endpoint id, oldest first. Issues marked recovered (left open because
 * close-issues is false) are not ongoing incidents. */
function ongoing(issues) {
    const byId = new Map();
    for (const issue of issues) {
        const id = endpointIdOf(issue.body);
        if (id === null || issue.body.includes(RECOVERED_MARKER))
            continue;
        byId.set(id, [...(byId.get(id) ?? []), issue]);
    }
    for (const list of byId.values())
        list.sort(oldestFirst);
    return byId;
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
    const before = ongoing(await client.listOpen(label));
    const seenBefore = new Set([...before.values()].flat().map((issue) => issue.number));
    const createdHere = new Map();
    const closeDuplicates = async (endpoint, issues) => {
        const [kept, ...extra] = issues;
        for (const duplicate of extra) {
            // Close only what this run opened, or what an earlier run left behind; an issue that
            // another overlapping run has just opened is that run's to close.
            const mine = createdHere.get(endpoint.id) === duplicate.number;
            if (!mine && !seenBefore.has(duplicate.number))
                continue;
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
                    throw new IssuesApiError(`GitHub opened issue #${created.number} but did not apply the label "${label}", which Vigil needs to find ` +
                        'the incident again. Give the token permission to label issues (`permissions: issues: write`).', null);
                }
            }
            result.opened.push(created.number);
            result.links.set(endpoint.id, { number: created.number, url: created.htmlUrl });
        }
        else if (open.length > 0) {
            const [incident] = open;
            const comment = recoveryComment(endpoint, new Date(incident.createdAt), now, options.runUrl);
            await client.comment(incident.number, comment);
            if (options.closeIssues) {
                await client.update(incident.number, { state: 'closed', stateReason: 'completed' });
                result.closed.push(incident.number);
            }
            else {
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
            if (mine === undefined || open.length < 2)
                continue;
            const kept = await closeDuplicates(endpoint, open);
            result.links.set(endpoint.id, { number: kept.number, url: kept.htmlUrl });
            if (kept.number !== mine)
                result.opened = result.opened.filter((number) => number !== mine);
        }
    }
}

;// CONCATENATED MODULE: ./src/incidents/index.ts



/** The client for the repository the workflow runs in, on the API the runner names. */
function incidentClient(token, env) {
    return octokitClient({
        token,
        repository: env.GITHUB_REPOSITORY ?? '',
        apiUrl: env.GITHUB_API_URL || undefined,
    });
}


/***/ })

};
