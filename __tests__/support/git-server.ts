/**
 * A real git server for the tests: `git http-backend` (it ships with git) run as CGI behind a
 * few lines of Node, on 127.0.0.1 port 0, with basic auth as GitHub asks for it (user
 * `x-access-token`, the token as password). Switches make it refuse pushes with 403, and hold
 * pushes until several have arrived, so overlapping runs really push against the same head; a
 * latency option makes fetches and pushes take as long as they do on GitHub.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import os from 'node:os';
import path from 'node:path';

export interface GitServer {
  /** e.g. http://127.0.0.1:43210 — repositories are at `${url}/${owner}/${name}.git`. */
  url: string;
  /** The folder holding the bare repositories (`owner/name.git`). */
  root: string;
  /** Every request: method, path + query, and the status answered. */
  requests: Array<{ method: string; url: string; status: number }>;
  /** Bytes of each push's request body (the pack and the ref update commands). */
  pushBytes: number[];
  /** Bytes of each fetch's answer (the pack sent to the client). */
  fetchBytes: number[];
  /** Answer every git-receive-pack request (a push) with 403, as GitHub does for a read-only token. */
  refusePushes: boolean;
  /** Answer this many of the next fetches (git-upload-pack requests) with 502, as a proxy in trouble does. */
  failFetches: number;
  /** Milliseconds added to every fetch and every push (before git sees the request), as GitHub's
   * round trips take: a push's ref update happens at the end of its delay. */
  latency: { fetch: number; push: number };
  /** Hold the next `count` pushes until all of them have arrived, then let them go together. */
  holdPushes(count: number): void;
  /** Makes pushes to `branch` fail as GitHub's branch protection does (GH006 by default), from a pre-receive hook. */
  protectBranch(repository: string, branch: string, message?: string): void;
  /** Makes an empty bare repository and returns its git dir. */
  createRepo(repository: string): string;
  close(): Promise<void>;
}

/** Runs git against a bare repository the server serves (to seed it or read it back). */
export function git(gitDir: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
      GIT_DIR: gitDir,
      LC_ALL: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Someone',
      GIT_AUTHOR_EMAIL: 'someone@example.com',
      GIT_COMMITTER_NAME: 'Someone',
      GIT_COMMITTER_EMAIL: 'someone@example.com',
    },
  });
}

export async function startGitServer(token: string): Promise<GitServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vigil-git-server-'));
  const sockets = new Set<net.Socket>();
  let hold: { count: number; waiting: Array<() => void> } | null = null;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://local');
      const isPush = url.pathname.endsWith('/git-receive-pack') || url.searchParams.get('service') === 'git-receive-pack';
      const answer = (status: number, text: string, headers: Record<string, string> = {}) => {
        state.requests.push({ method: req.method ?? '', url: req.url ?? '', status });
        res.writeHead(status, { 'content-type': 'text/plain', ...headers });
        res.end(text);
      };
      const expected = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        answer(401, 'Authentication required\n', { 'www-authenticate': 'Basic realm="git"' });
        return;
      }
      const isFetch = url.pathname.endsWith('/git-upload-pack') || url.searchParams.get('service') === 'git-upload-pack';
      if (isFetch && state.failFetches > 0) {
        state.failFetches--;
        answer(502, 'Bad gateway\n');
        return;
      }
      if (isPush && state.refusePushes) {
        // A chatty server that repeats what it was sent: git shows this text as `remote:` lines,
        // so it proves the store scrubs the token from what git prints.
        answer(403, `Permission denied. You sent ${req.headers.authorization ?? 'nothing'} (${token}).\n`);
        return;
      }
      let run = () => {
        if (isPush && req.method === 'POST') state.pushBytes.push(body.length);
        cgi(req, res, url, body, root, (status, bytes) => {
          state.requests.push({ method: req.method ?? '', url: req.url ?? '', status });
          if (req.method === 'POST' && url.pathname.endsWith('/git-upload-pack')) state.fetchBytes.push(bytes);
        });
      };
      // Once per fetch (its first request: a fetch over protocol v2 then posts twice, ls-refs and
      // fetch) and once per push (the post that carries the pack and updates the ref).
      const delay = isPush
        ? req.method === 'POST'
          ? state.latency.push
          : 0
        : isFetch && req.method === 'GET'
          ? state.latency.fetch
          : 0;
      if (delay > 0) {
        const go = run;
        run = () => {
          const timer = setTimeout(go, delay);
          req.socket.once('close', () => clearTimeout(timer));
        };
      }
      if (isPush && req.method === 'POST' && hold) {
        const gate = hold;
        gate.waiting.push(run);
        if (gate.waiting.length >= gate.count) {
          hold = null;
          for (const go of gate.waiting) go();
        }
        return;
      }
      run();
    });
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  const state: GitServer = {
    url: `http://127.0.0.1:${port}`,
    root,
    requests: [],
    pushBytes: [],
    fetchBytes: [],
    refusePushes: false,
    failFetches: 0,
    latency: { fetch: 0, push: 0 },
    holdPushes(count) {
      hold = { count, waiting: [] };
    },
    createRepo(repository) {
      const gitDir = path.join(root, `${repository}.git`);
      mkdirSync(gitDir, { recursive: true });
      execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', gitDir]);
      // As GitHub: a fetch may leave out the blobs (`--filter=blob:none`) and ask for them later.
      execFileSync('git', ['config', '--file', path.join(gitDir, 'config'), 'uploadpack.allowFilter', 'true']);
      return gitDir;
    },
    protectBranch(repository, branch, message = 'error: GH006: Protected branch update failed for $ref.') {
      const hook = path.join(root, `${repository}.git`, 'hooks', 'pre-receive');
      writeFileSync(
        hook,
        `#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = "refs/heads/${branch}" ]; then\n` +
          `    echo "${message}" >&2\n    exit 1\n  fi\ndone\n`,
        { mode: 0o755 },
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          rmSync(root, { recursive: true, force: true });
          resolve();
        });
      }),
  };
  return state;
}

/**
 * git-http-backend itself, as a web server runs it as CGI (git's documentation points Apache's
 * `ScriptAlias` at it), rather than through the `git` command, which would start it as a second
 * process on every request (one more exec per request on the path of every fetch and push).
 */
let backendCommand: [string, string[]] | null = null;
function httpBackend(): [string, string[]] {
  if (backendCommand) return backendCommand;
  const program = path.join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git-http-backend');
  backendCommand = existsSync(program) ? [program, []] : ['git', ['http-backend']];
  return backendCommand;
}

/** Passes one request to `git http-backend` as CGI and copies its answer back. */
function cgi(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
  root: string,
  record: (status: number, bodyBytes: number) => void,
) {
  const [program, args] = httpBackend();
  const backend = spawn(program, args, {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: String(body.length),
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
    },
  });
  const out: Buffer[] = [];
  backend.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  backend.stderr.resume();
  backend.stdin.on('error', () => {});
  backend.stdin.end(body);
  backend.on('close', () => {
    const all = Buffer.concat(out);
    let end = all.indexOf('\r\n\r\n');
    let gap = 4;
    if (end < 0) {
      end = all.indexOf('\n\n');
      gap = 2;
    }
    const head = all.subarray(0, Math.max(end, 0)).toString('latin1');
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    const answer = end < 0 ? all : all.subarray(end + gap);
    record(status, answer.length);
    res.writeHead(status, headers);
    res.end(answer);
  });
}

/**
 * An HTTPS proxy that poses as a host (github.com) in front of a git server: a CONNECT to any
 * host is answered with TLS under `cert` (trust it with GIT_SSL_CAINFO) and the requests inside go
 * to `server`. For a run told GITHUB_SERVER_URL=https://github.com: the store's git reads no git
 * configuration of the machine (so no `url.<base>.insteadOf` can redirect it), but it does use
 * the proxy and CA that the environment names, as a runner behind a corporate proxy needs.
 */
export async function startTlsFront(
  server: GitServer,
  cert: { key: string; cert: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const port = Number(new URL(server.url).port);
  const sockets = new Set<net.Socket>();
  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (_req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) client.unshift(head);
    const secure = new tls.TLSSocket(client, { isServer: true, key: cert.key, cert: cert.cert });
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    secure.pipe(upstream);
    upstream.pipe(secure);
    secure.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  proxy.on('connection', (socket: net.Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}
