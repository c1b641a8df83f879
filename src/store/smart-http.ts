/**
 * The data branch over git's smart HTTP from Node (Documentation/gitprotocol-v2.txt,
 * gitprotocol-pack.txt, gitprotocol-http.txt): reading in protocol v2 — the server's capabilities,
 * the branch's tip (`ls-refs`), objects (`fetch`) — and pushing in v0, which is all push speaks —
 * the refs advertised, then one request that carries the ref update and the pack. Every request
 * goes on one kept-alive connection.
 *
 * Why not `git fetch` and `git push`, which the store used before: each starts `git`,
 * `git-remote-http` and `fetch-pack` and `index-pack`, or `send-pack` and `pack-objects`, asks the
 * server for its capabilities again, and opens a new connection (a TLS handshake more on GitHub).
 * Measured on the tests' git server (`npm run bench`, 20 endpoints): the two fetches of a run took
 * 70–80 ms each and the push 60–80 ms, of which the server's side of each request is 11–14 ms; from
 * Node they are six requests on one connection and no process (the figures in docs/BENCHMARKS.md,
 * "Memory that scales").
 *
 * Only what a run needs is spoken here; anything else is left to git (see `usable` and
 * `Unsupported`): a proxy or TLS settings for git in the environment, a server that does not speak
 * v2 or cannot leave blobs out, a redirect, a repository hashed with SHA-256, a push the server
 * does not report on.
 */
import http from 'node:http';
import https from 'node:https';
import { cancelled } from './git-command.js';
import {
  DELIM,
  FLUSH,
  HttpFailure,
  NO_COMMIT,
  type PushReport,
  Unsupported,
  fetchAnswer,
  pkt,
  pktLines,
  pushReport,
} from './wire.js';
import { StoreError } from './types.js';

export { HttpFailure, Unsupported, type PushReport } from './wire.js';

/** Whether this client may read `remote` for a run in `env`: plain HTTP(S), and nothing in the
 * environment that git would honour for it and Node would not — a proxy for its scheme, or, for
 * HTTPS, git's TLS settings (a runner behind a corporate proxy sets them). */
export function usable(remote: string, env: NodeJS.ProcessEnv): boolean {
  const scheme = /^(https?):\/\//i.exec(remote)?.[1].toLowerCase();
  if (!scheme) return false;
  const proxies = [`${scheme}_proxy`, 'all_proxy'].flatMap((name) => [env[name], env[name.toUpperCase()]]);
  if (proxies.some((value) => value !== undefined && value !== '')) return false;
  const authorities = ['SSL_CERT_FILE', 'SSL_CERT_DIR', 'CURL_CA_BUNDLE'];
  return scheme === 'http' || !Object.keys(env).some((name) => name.startsWith('GIT_SSL_') || authorities.includes(name));
}

export interface SmartHttp {
  /** The tip of `ref` (refs/heads/…), or null when the branch does not exist. */
  lsRef(ref: string): Promise<string | null>;
  /** The pack of `wants`: at `deepen` (commits), without blobs when `noBlobs`, and the commits
   * left shallow. A server that cannot leave blobs out (when asked to) throws `Unsupported`. */
  fetch(wants: readonly string[], options?: { deepen?: number; noBlobs?: boolean }): Promise<{ pack: Buffer; shallow: string[] }>;
  /** Moves `ref` from `old` (null: no such ref yet) to `next`, sending `pack` (thin: its deltas
   * may name objects the server has). Whether it moved, and if not, the server's reason and its
   * other words (a hook's, as git shows them as `remote:` lines). Any ref update is a
   * compare-and-swap: the server takes it only from `old`. */
  push(ref: string, old: string | null, next: string, pack: Buffer): Promise<PushReport>;
  /** Asks the server what its push takes now, beside the reading, so the push waits for it no more. */
  readyToPush(): void;
  /** Closes the connection kept open. */
  close(): void;
}

/** No more than this of a server's answer is held in memory: a larger one is read by git. */
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;
const AGENT = 'git/vigil';

/** `scrub` takes the token out of whatever the server says (a server may repeat what it was sent). */
export function smartHttp(options: {
  remote: string;
  token: string;
  timeoutMs: number;
  signal?: AbortSignal;
  scrub: (text: string) => string;
}): SmartHttp {
  const base = options.remote.replace(/\/+$/, '');
  const headers = {
    authorization: `Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`,
    // Servers tell git clients by this prefix, as they do for git's own `git/2.x`.
    'user-agent': AGENT,
  };
  let capabilities: Promise<Map<string, string>> | null = null;

  // One connection for every request of the update. node:http rather than the global fetch:
  // fetch's first call loads undici, measured at 80 ms and 15–25 MiB more for a process
  // (three requests to the tests' git server, Node 24).
  const secure = base.startsWith('https:');
  // Three at most: the capabilities are asked for beside the first command, and the push's beside them.
  const agent = new (secure ? https : http).Agent({ keepAlive: true, maxSockets: 3 });

  function request(
    path: string,
    body?: Buffer,
    service: 'upload-pack' | 'receive-pack' = 'upload-pack',
    retried = false,
  ): Promise<Buffer> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    /** The kept-alive connection the server closed while it sat idle (the run judging, a wait
     * between tries): nothing reached the server, and the request goes again on a new one, as
     * Node's documentation advises and curl does under git. */
    let closedIdle = false;
    return new Promise<Buffer>((resolve, reject) => {
      const sent = (secure ? https : http).request(
        `${base}/${path}`,
        {
          method: body ? 'POST' : 'GET',
          agent,
          signal,
          headers: {
            ...headers,
            // Pushes speak protocol v0 (v2 has no push).
            ...(service === 'upload-pack' ? { 'git-protocol': 'version=2' } : {}),
            ...(body
              ? {
                  'content-type': `application/x-git-${service}-request`,
                  accept: `application/x-git-${service}-result`,
                  'content-length': String(body.length),
                }
              : {}),
          },
        },
        (answer) => {
          const status = answer.statusCode ?? 0;
          // A dumb server, or a proxy's or sign-in page: not the smart protocol.
          const type = String(answer.headers['content-type'] ?? '');
          if (status === 200 && !type.startsWith(`application/x-git-${service}-${body ? 'result' : 'advertisement'}`)) {
            answer.resume();
            reject(new Unsupported(`an answer of type ${type || 'none'}`));
            return;
          }
          if (status < 200 || status >= 300) {
            answer.resume();
            reject(
              status >= 300 && status < 400
                ? new Unsupported(`a redirect (HTTP ${status})`)
                : new HttpFailure(status, `the server answered HTTP ${status}`),
            );
            return;
          }
          const chunks: Buffer[] = [];
          let length = 0;
          answer.on('data', (chunk: Buffer) => {
            length += chunk.length;
            chunks.push(chunk);
            if (length > MAX_ANSWER_BYTES) {
              answer.destroy();
              reject(new Unsupported('an answer too large to hold in memory'));
            }
          });
          answer.on('error', reject);
          answer.on('end', () => resolve(Buffer.concat(chunks, length)));
        },
      );
      sent.on('error', (error: NodeJS.ErrnoException) => {
        closedIdle = sent.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        reject(error);
      });
      sent.end(body);
    }).catch((error: unknown) => {
      if (closedIdle && !retried && !signal.aborted) return request(path, body, service, true);
      throw failure(error, options.signal, timeout);
    });
  }

  function advertised(): Promise<Map<string, string>> {
    // A failed answer is not kept: the update's next try asks again.
    capabilities ??= request('info/refs?service=git-upload-pack').then((answer) => {
      const said = new Map<string, string>();
      let version2 = false;
      let lines: Array<string | null>;
      try {
        lines = [...pktLines(answer)];
      } catch {
        throw new Unsupported('an advertisement that is not in packets');
      }
      for (const line of lines) {
        if (line === null || line.startsWith('# service=')) continue;
        if (line === 'version 2') version2 = true;
        const equals = line.indexOf('=');
        said.set(equals < 0 ? line : line.slice(0, equals), equals < 0 ? '' : line.slice(equals + 1));
      }
      if (!version2) throw new Unsupported('a server without protocol v2');
      if ((said.get('object-format') ?? 'sha1') !== 'sha1') throw new Unsupported('a repository not hashed with SHA-1');
      return said;
    });
    capabilities.catch(() => {
      capabilities = null;
    });
    return capabilities;
  }

  /** A command, sent beside the request for the capabilities rather than after it (one round
   * trip less): its answer counts only once they say protocol v2. */
  async function command(name: string, args: string[]): Promise<Buffer> {
    // The capabilities' failure first: a server without v2 answers the command with an error of its own.
    const [said, answer] = await Promise.allSettled([
      advertised(),
      request(
        'git-upload-pack',
        Buffer.concat([pkt(`command=${name}`), pkt(`agent=${AGENT}`), DELIM, ...args.map((arg) => pkt(arg)), FLUSH]),
      ),
    ]);
    if (said.status === 'rejected') throw said.reason;
    if (answer.status === 'rejected') throw answer.reason;
    return answer.value;
  }

  let pushFeatures: Promise<string[]> | null = null;
  /** What the server's push takes (the first advertised ref's capabilities), asked for once. */
  function pushAdvertised(): Promise<string[]> {
    pushFeatures ??= request('info/refs?service=git-receive-pack', undefined, 'receive-pack').then((answer) => {
      for (const line of pktLines(answer)) {
        if (line === null || line.startsWith('# service=')) continue;
        const nul = line.indexOf('\0');
        return nul < 0 ? [] : line.slice(nul + 1).split(' ');
      }
      return [];
    });
    pushFeatures.catch(() => {
      pushFeatures = null;
    });
    return pushFeatures;
  }

  /** Whatever fails, its message is scrubbed: it may hold the server's words. */
  async function scrubbed<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Error) error.message = options.scrub(error.message);
      throw error;
    }
  }

  return {
    close: () => agent.destroy(),
    readyToPush: () => {
      // Its failure is the push's to report, should there be one.
      pushAdvertised().catch(() => {});
    },
    push: (ref, old, next, pack) =>
      scrubbed(async () => {
        // The refs advertised are not compared with `old`: they may be older than the tip read.
        // The server's own check is the one that counts (the update names `old`).
        const features = await pushAdvertised();
        const asked = ['report-status', 'side-band-64k', 'quiet'].filter((feature) => features.includes(feature));
        if (!asked.includes('report-status')) throw new Unsupported('a server that does not report on a push');
        const command = pkt(`${old ?? NO_COMMIT} ${next} ${ref}\0${[...asked, `agent=${AGENT}`].join(' ')}`, false);
        let answer: Buffer;
        try {
          answer = await request('git-receive-pack', Buffer.concat([command, FLUSH, pack]), 'receive-pack');
        } catch (error) {
          // The pack went: the push may have landed, so git must not send it again.
          if (error instanceof Unsupported)
            throw new HttpFailure(200, `the server's answer to the push was not git's (${error.message})`);
          throw error;
        }
        const report = pushReport(answer, ref, asked.includes('side-band-64k'));
        return report.pushed ? report : { ...report, reason: options.scrub(report.reason), said: options.scrub(report.said) };
      }),
    lsRef: (ref) =>
      scrubbed(async () => {
        const answer = await command('ls-refs', [`ref-prefix ${ref}`]);
        for (const line of pktLines(answer)) {
          const match = line === null ? null : /^([0-9a-f]{40}) (\S+)/.exec(line);
          if (match && match[2] === ref) return match[1];
        }
        return null;
      }),
    fetch: (wants, { deepen, noBlobs } = {}) =>
      scrubbed(async () => {
        const features = (await advertised()).get('fetch')?.split(' ') ?? [];
        if ((noBlobs && !features.includes('filter')) || (deepen && !features.includes('shallow')))
          throw new Unsupported('a server that cannot leave blobs out');
        const answer = await command('fetch', [
          'no-progress',
          'ofs-delta',
          ...wants.map((oid) => `want ${oid}`),
          ...(deepen ? [`deepen ${deepen}`] : []),
          ...(noBlobs ? ['filter blob:none'] : []),
          'done',
        ]);
        return fetchAnswer(answer);
      }),
  };
}

/** What a failed request means for the store: cancelled, unsupported (left to git), or a failure to classify. */
function failure(error: unknown, signal: AbortSignal | undefined, timeout: AbortSignal): Error {
  if (signal?.aborted) return cancelled();
  if (error instanceof Unsupported || error instanceof HttpFailure || error instanceof StoreError) return error;
  if (timeout.aborted) return new HttpFailure(null, 'the git server stopped answering', true);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // git trusts the system's certificate authorities, Node its own: git reads, and judges.
  if (/CERT|SELF_SIGNED|UNABLE_TO_|TLS/.test(code)) return new Unsupported(`a certificate Node does not trust (${code})`);
  if (/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code))
    return new HttpFailure(null, `Failed to connect to the git server (${code})`);
  return new HttpFailure(null, `the connection to the git server failed (${code || String(error)})`);
}
