/**
 * `ws://` and `wss://`: the WebSocket opening handshake on a fresh connection, up at the 101.
 * With `send`, that message goes out after the handshake and the first message back is the body;
 * without `send`, the first message is waited for only when a content check reads it. Phases:
 * dns, connect, tls (wss), wait (until the 101), download (from the 101 to the first message).
 *
 * The `ws` package speaks the protocol (framing, masking, the accept key); it is handed the
 * connection this attempt opened and timed (`createConnection`), so nothing is pooled and every
 * phase is measured as for HTTP. This module, and so `ws`, is loaded only when a ws check runs.
 */
import type http from 'node:http';
import WebSocket from 'ws';
import { ProbeError } from '../errors.js';
import { DEFAULT_BODY_LIMIT, USER_AGENT, type ProbeOptions, type ProbeRequest, type ProbeResult } from '../types.js';
import { openConnection, portOf, runAttempt, type Attempt } from './common.js';

/** A message longer than this ends the check (down): far beyond any body check's 1 MiB. */
const MAX_MESSAGE = 16 * 1024 * 1024;

export function probeWs(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return runAttempt(request, options, converse, {
    wait: 'waiting for the 101 Switching Protocols response',
    download: 'waiting for the first message',
  });
}

async function converse(attempt: Attempt): Promise<void> {
  const { url, clock, result, request } = attempt;
  const secure = url.protocol === 'wss:';
  const socket = await openConnection(attempt, portOf(url, secure ? 443 : 80), secure);
  const send = request.kind?.send;
  const awaitMessage = send !== undefined || request.kind?.readBody === true;
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, ...request.headers };

  const ws = new WebSocket(url.href, {
    createConnection: () => socket,
    headers,
    perMessageDeflate: false,
    followRedirects: false,
    maxPayload: MAX_MESSAGE,
  });
  // Errors after the attempt has ended (the deadline tearing the socket down) are nobody's.
  ws.on('error', () => undefined);
  try {
    await new Promise<void>((resolve, reject) => {
      // The 101 ends the wait; from it to the first message is the download (0 without one).
      ws.once('upgrade', () => {
        if (awaitMessage) clock.enter('download');
      });
      ws.once('unexpected-response', (_req: http.ClientRequest, res: http.IncomingMessage) => {
        const status = `${res.statusCode} ${res.statusMessage ?? ''}`.trim();
        res.resume();
        reject(new ProbeError(`the server answered ${status}, not 101 Switching Protocols`, 'NOT_UPGRADED'));
      });
      ws.once('error', reject);
      ws.once('close', (code: number, reason: Buffer) => {
        const why = reason.length > 0 ? `: ${reason.toString('utf8')}` : '';
        reject(new ProbeError(`the connection closed (code ${code}${why}) before the first message`, 'ECONNRESET'));
      });
      ws.once('open', () => {
        if (!awaitMessage) return resolve();
        if (send !== undefined) ws.send(send);
      });
      ws.once('message', (data: WebSocket.RawData) => {
        const message = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        const limit = request.bodyLimit ?? DEFAULT_BODY_LIMIT;
        result.bodyTruncated = message.length > limit;
        result.body = message.subarray(0, limit);
        resolve();
      });
    });
  } finally {
    // Only the error listener stays: the close that terminate() causes is no news.
    ws.removeAllListeners();
    ws.on('error', () => undefined);
    ws.terminate();
  }
}
