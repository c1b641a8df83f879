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

export async function postJson(request: HttpRequest, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<HttpAnswer> {
  const client = new HttpClient('vigil', undefined, {
    allowRedirects: false,
    allowRetries: false,
    keepAlive: false,
    socketTimeout: timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendError(`no answer within ${timeoutMs} ms`)), timeoutMs);
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
    // Node's messages name the address (never the path, which may hold a token); the caller
    // redacts anyway.
    const code = (error as NodeJS.ErrnoException).code;
    throw new SendError(
      code && !(error as Error).message.includes(code) ? `${code}: ${(error as Error).message}` : (error as Error).message,
    );
  } finally {
    clearTimeout(timer);
    client.dispose();
  }
}

/** A 2xx answer, or a SendError saying what the service answered (one line, short). */
export function expectSuccess(answer: HttpAnswer, detail = answer.body): void {
  if (answer.status >= 200 && answer.status < 300) return;
  const said = detail.replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new SendError(`HTTP ${answer.status}${said ? `: ${said}` : ''}`);
}
