/**
 * The one way the HTTP channels send: a JSON POST over @actions/http-client (which honours the
 * runner's proxy settings), no redirects followed (a webhook that moves is a failure to fix, not
 * a reason to post the message elsewhere), no retries here (the outbox retries on later runs),
 * and a deadline for the whole exchange.
 */
import { HttpClient } from '@actions/http-client';

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  /** The exact bytes sent (the webhook signature is computed over them). */
  body: string;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export class SendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SendError';
  }
}

/** Why a send was stopped by the run's signal: the run deadline, or a cancellation. */
export function stoppedBecause(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  return typeof reason === 'string' && reason !== '' ? reason : 'the run was stopped';
}

/** Rejects with a SendError when the signal fires; the returned function stops listening. */
export function onAbort(signal: AbortSignal | undefined, stop: (error: SendError) => void): () => void {
  if (!signal) return () => undefined;
  const listener = () => stop(new SendError(`not finished: ${stoppedBecause(signal)}`));
  if (signal.aborted) {
    listener();
    return () => undefined;
  }
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

export async function postJson(request: HttpRequest, timeoutMs = DEFAULT_TIMEOUT_MS, signal?: AbortSignal): Promise<HttpAnswer> {
  const client = new HttpClient('vigil', undefined, {
    allowRedirects: false,
    allowRetries: false,
    keepAlive: false,
    // Our own deadline below ends the exchange first; the socket's idle timeout is a backstop
    // (its message would name the request's path, which may hold a token).
    socketTimeout: timeoutMs + 1000,
  });
  let timer: NodeJS.Timeout | undefined;
  let forget: () => void = () => undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    // The run's deadline or a cancellation ends the exchange too (the socket is closed below).
    forget = onAbort(signal, reject);
  });
  try {
    const exchange = (async () => {
      const response = await client.post(request.url, request.body, {
        'content-type': 'application/json; charset=utf-8',
        ...request.headers,
      });
      return { status: response.message.statusCode ?? 0, body: await response.readBody() };
    })();
    return await Promise.race([exchange, deadline]);
  } catch (error) {
    if (error instanceof SendError) throw error;
    // Node's messages name the address, never the path; a message that names the path (which
    // may hold a token) has it taken out.
    const code = (error as NodeJS.ErrnoException).code;
    const { pathname, search } = new URL(request.url);
    const message = (error as Error).message.split(`${pathname}${search}`).join('(path)');
    throw new SendError(code && !message.includes(code) ? `${code}: ${message}` : message);
  } finally {
    clearTimeout(timer);
    forget();
    client.dispose();
  }
}

/** How much of an answer an error keeps before it is masked: far more than is shown, so a secret
 * the service echoed is still whole when it is masked; `sendNotice` masks, then cuts to
 * SHOWN_ERROR. A secret that straddles this first cut is masked by its prefix (see redactText). */
const KEPT_ANSWER = 4096;
export const SHOWN_ERROR = 200;

/** A 2xx answer, or a SendError saying what the service answered (one line, not yet cut). */
export function expectSuccess(answer: HttpAnswer, detail = answer.body): void {
  if (answer.status >= 200 && answer.status < 300) return;
  const said = detail.slice(0, KEPT_ANSWER).replace(/\s+/g, ' ').trim();
  throw new SendError(`HTTP ${answer.status}${said ? `: ${said}` : ''}`);
}
