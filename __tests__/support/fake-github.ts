/**
 * A small loopback fake of the GitHub REST routes Vigil calls: list issues (with Link paging,
 * state, sort, direction and since), create, get and update an issue, list and create
 * comments, and enable a workflow. Failures can be injected per route to test retries and permission errors, also
 * after the write was stored, as when GitHub answers 5xx to a request it carried out.
 */
import http from 'node:http';
import type net from 'node:net';

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  comments: string[];
  pull_request?: object;
}

export interface Injected {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  headers?: Record<string, string>;
  /** Carry the request out, then answer with the failure (status 0: drop the connection). */
  afterWrite?: boolean;
}

/** A workflow run as `GET /repos/{owner}/{repo}/actions/workflows/{file}/runs` lists it (the
 * fields Vigil reads, and a few it does not, as GitHub sends them). */
export interface FakeRun {
  id: number;
  name: string;
  head_branch: string;
  status: 'completed' | 'in_progress' | 'queued';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | null;
  html_url: string;
  run_started_at: string | null;
  created_at: string;
  updated_at: string;
  event: string;
  run_number: number;
  path: string;
}

export interface FakeGitHub {
  url: string;
  repository: string;
  issues: FakeIssue[];
  /** Runs of each workflow file, newest first (GitHub's order). A file not here is a 404. */
  workflowRuns: Record<string, FakeRun[]>;
  /** Adds a run of a workflow file (newest first), filling in what is not given. */
  addRun(file: string, run: Partial<FakeRun> & { conclusion: FakeRun['conclusion']; run_started_at: string }): FakeRun;
  /** Bodies of `POST /repos/{owner}/{repo}/dispatches`, in order. */
  dispatches: unknown[];
  /** Workflow files enabled through `PUT …/actions/workflows/{file}/enable`, in order. */
  enabledWorkflows: string[];
  requests: Array<{ method: string; path: string; body: unknown }>;
  fail(injection: Injected): void;
  /** Holds issue creations until `count` of them are waiting, then answers them all: two
   * overlapping runs then both open an issue, as they would in the worst interleaving. */
  holdCreates(count: number): void;
  /** Makes issue creation drop its labels silently, as GitHub does for tokens without push access. */
  dropLabelsOnCreate(): void;
  /** Closes an issue the way a person does in the web interface. */
  closeByHand(number: number): void;
  /** Adds an issue as if made earlier (by people or by an earlier run). */
  seed(issue: Partial<FakeIssue> & { title: string }): FakeIssue;
  open(): FakeIssue[];
  close(): Promise<void>;
}

export async function startFakeGitHub(repository = 'acme/shop'): Promise<FakeGitHub> {
  const issues: FakeIssue[] = [];
  const workflowRuns: Record<string, FakeRun[]> = {};
  const dispatches: unknown[] = [];
  let runIds = 9_000_000_000;
  const enabledWorkflows: string[] = [];
  const requests: FakeGitHub['requests'] = [];
  const injections: Injected[] = [];
  const sockets = new Set<net.Socket>();
  let clock = Date.parse('2026-11-20T10:00:00Z');
  const nextTime = () => new Date((clock += 60_000)).toISOString();
  const base = `/repos/${repository}`;
  let serverUrl = '';
  let hold = 0;
  let dropLabels = false;
  const held: Array<() => void> = [];

  const toJson = (issue: FakeIssue) => ({
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.state_reason,
    labels: issue.labels.map((name) => ({ name })),
    assignees: issue.assignees.map((login) => ({ login })),
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    html_url: `https://github.example/${repository}/issues/${issue.number}`,
    url: `${serverUrl}${base}/issues/${issue.number}`,
    ...(issue.pull_request ? { pull_request: issue.pull_request } : {}),
  });

  const seed: FakeGitHub['seed'] = (partial) => {
    const created = partial.created_at ?? nextTime();
    const issue: FakeIssue = {
      number: issues.length + 1,
      body: '',
      state: 'open',
      state_reason: null,
      labels: [],
      assignees: [],
      created_at: created,
      updated_at: created,
      closed_at: partial.state === 'closed' ? created : null,
      comments: [],
      ...partial,
    };
    issues.push(issue);
    return issue;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      const url = new URL(req.url ?? '/', serverUrl);
      const method = req.method ?? 'GET';
      requests.push({ method, path: url.pathname + url.search, body });
      const injected = injections.find((i) => i.times > 0 && i.method === method && i.path.test(url.pathname));
      const message = injected?.status === 403 ? 'Resource not accessible by integration' : 'Server Error';
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        if (injected?.afterWrite) [status, data, headers] = [injected.status, { message }, injected.headers ?? {}];
        // Status 0: the connection drops before any answer.
        if (status === 0) return void req.socket.destroy();
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(data));
      };
      if (injected) {
        injected.times -= 1;
        if (!injected.afterWrite) return send(injected.status, { message }, injected.headers);
      }
      if (req.headers.authorization !== 'token test-token' && req.headers.authorization !== 'Bearer test-token') {
        return send(401, { message: 'Bad credentials' });
      }

      const runsMatch = new RegExp(`^${base}/actions/workflows/([^/]+)/runs$`).exec(url.pathname);
      if (runsMatch && method === 'GET') {
        const runs = workflowRuns[decodeURIComponent(runsMatch[1])];
        if (!runs) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
        const status = url.searchParams.get('status');
        const branch = url.searchParams.get('branch');
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const listed = runs.filter((run) => (!status || run.status === status) && (!branch || run.head_branch === branch));
        return send(200, { total_count: listed.length, workflow_runs: listed.slice(0, perPage) });
      }
      if (url.pathname === `${base}/dispatches` && method === 'POST') {
        // GitHub refuses a dispatch without an event type, and answers 204 with no body.
        if (typeof body?.event_type !== 'string' || body.event_type === '') {
          return send(422, { message: 'Invalid request.\n\nNo event_type provided.' });
        }
        dispatches.push(body);
        res.writeHead(204);
        return void res.end();
      }
      const workflowMatch = new RegExp(`^${base}/actions/workflows/([^/]+)/enable$`).exec(url.pathname);
      if (workflowMatch && method === 'PUT') {
        enabledWorkflows.push(decodeURIComponent(workflowMatch[1]));
        res.writeHead(204);
        return void res.end();
      }
      const issueMatch = new RegExp(`^${base}/issues/(\\d+)(?:(/comments)|(/labels))?$`).exec(url.pathname);
      if (url.pathname === `${base}/issues` && method === 'GET') {
        const label = url.searchParams.get('labels');
        const state = url.searchParams.get('state') ?? 'open';
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const since = url.searchParams.get('since');
        const sort = url.searchParams.get('sort') ?? 'created';
        const ascending = url.searchParams.get('direction') === 'asc';
        const matching = issues
          .filter((issue) => (state === 'all' || issue.state === state) && (!label || issue.labels.includes(label)))
          .filter((issue) => !since || issue.updated_at >= since)
          .sort((a, b) =>
            sort === 'updated' ? b.updated_at.localeCompare(a.updated_at) || b.number - a.number : b.number - a.number,
          )
          .map((issue, index, all) => (ascending ? all[all.length - 1 - index] : issue));
        const pages = Math.max(1, Math.ceil(matching.length / perPage));
        const link = (p: number) => {
          const next = new URL(url.href);
          next.searchParams.set('page', String(p));
          return next.href;
        };
        const links = [];
        if (page < pages) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(pages)}>; rel="last"`);
        if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
        return send(
          200,
          matching.slice((page - 1) * perPage, page * perPage).map(toJson),
          links.length ? { link: links.join(', ') } : {},
        );
      }
      if (url.pathname === `${base}/issues` && method === 'POST') {
        const input = body as { title?: string; body?: string; labels?: string[]; assignees?: string[] };
        if (!input?.title) return send(422, { message: 'Validation Failed' });
        if ((input.body ?? '').length > 65_536) return send(422, { message: 'body is too long (maximum is 65536 characters)' });
        if ((input.assignees ?? []).some((login) => login.startsWith('nobody')))
          return send(422, { message: 'Validation Failed' });
        const create = () => {
          const issue = seed({
            title: input.title!,
            body: input.body ?? '',
            labels: dropLabels ? [] : (input.labels ?? []),
            assignees: input.assignees ?? [],
          });
          send(201, toJson(issue));
        };
        if (hold > 0) {
          held.push(create);
          if (held.length >= hold) {
            hold = 0;
            const waiting = held.splice(0);
            waiting.forEach((answer) => answer());
          }
          return;
        }
        return create();
      }
      if (issueMatch) {
        const issue = issues.find((candidate) => candidate.number === Number(issueMatch[1]));
        if (!issue) return send(404, { message: 'Not Found' });
        if (issueMatch[3] && method === 'POST') {
          for (const name of (body as { labels?: string[] })?.labels ?? [])
            if (!issue.labels.includes(name)) issue.labels.push(name);
          return send(
            200,
            issue.labels.map((name) => ({ name })),
          );
        }
        if (issueMatch[2]) {
          if (method === 'POST') {
            const comment = String((body as { body?: string })?.body ?? '');
            if (comment.length > 65_536) return send(422, { message: 'body is too long' });
            issue.comments.push(comment);
            issue.updated_at = nextTime();
            return send(201, { id: issue.comments.length, body: comment });
          }
          return send(
            200,
            issue.comments.map((comment, index) => ({ id: index + 1, body: comment })),
          );
        }
        if (method === 'GET') return send(200, toJson(issue));
        if (method === 'PATCH') {
          const changes = body as { state?: 'open' | 'closed'; state_reason?: string; body?: string; title?: string };
          if (changes.state) {
            if (changes.state === 'closed' && issue.state === 'open') issue.closed_at = nextTime();
            issue.state = changes.state;
          }
          if (changes.state_reason) issue.state_reason = changes.state_reason;
          if (changes.body !== undefined) issue.body = changes.body;
          if (changes.title !== undefined) issue.title = changes.title;
          issue.updated_at = nextTime();
          return send(200, toJson(issue));
        }
      }
      send(404, { message: 'Not Found' });
    });
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  serverUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url: serverUrl,
    repository,
    issues,
    workflowRuns,
    dispatches,
    addRun: (file, partial) => {
      const id = (runIds += 1);
      const run: FakeRun = {
        id,
        name: file.replace(/\.ya?ml$/, ''),
        head_branch: 'main',
        status: 'completed',
        html_url: `https://github.example/${repository}/actions/runs/${id}`,
        created_at: partial.run_started_at,
        updated_at: partial.run_started_at,
        event: 'schedule',
        run_number: id - 9_000_000_000,
        path: `.github/workflows/${file}`,
        ...partial,
      };
      (workflowRuns[file] ??= []).unshift(run);
      return run;
    },
    enabledWorkflows,
    requests,
    fail: (injection) => injections.push(injection),
    dropLabelsOnCreate: () => {
      dropLabels = true;
    },
    holdCreates: (count) => {
      hold = count;
    },
    closeByHand: (number) => {
      const issue = issues.find((candidate) => candidate.number === number)!;
      issue.state = 'closed';
      issue.state_reason = 'completed';
      issue.closed_at = issue.updated_at = nextTime();
    },
    seed,
    open: () => issues.filter((issue) => issue.state === 'open'),
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
