/**
 * `smtp://host:port` and `smtps://`: the greeting, `EHLO`, `STARTTLS` when the server offers it
 * (required with `starttls: true`), `EHLO` again over TLS, then `QUIT`. Up on a 220 greeting and
 * a 250 EHLO, with a verified chain wherever TLS was used. No mail is sent and no login is made.
 * The body is the greeting and the lines of the last EHLO.
 *
 * A small client of our own rather than nodemailer's connection: the conversation is five lines,
 * and owning the socket is what lets the phases (tls after STARTTLS, too) be measured on the
 * attempt's clock and the connection be fresh every time.
 */
import os from 'node:os';
import type net from 'node:net';
import { clip, oneLine } from '../../text/one-line.js';
import { ProbeError } from '../errors.js';
import type { ProbeOptions, ProbeRequest, ProbeResult } from '../types.js';
import { openConnection, portOf, runAttempt, upgradeToTls, type Attempt } from './common.js';

interface Reply {
  code: number;
  lines: string[];
}

/** A longer reply is not an SMTP server speaking. */
const MAX_REPLY = 64 * 1024;

/** Reads SMTP replies (`250-…` continued, `250 …` last) from a socket, one at a time. */
class Replies {
  private buffer = '';
  private lines: string[] = [];
  private waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;
  private ready: Reply[] = [];
  private failure: Error | null = null;
  private readonly onData = (chunk: Buffer) => this.read(chunk.toString('latin1'));
  private readonly onEnd = () => this.fail(new ProbeError('the server closed the connection', 'ECONNRESET'));
  private readonly onError = (error: Error) => this.fail(error);

  constructor(private readonly socket: net.Socket) {
    socket.on('data', this.onData);
    socket.once('end', this.onEnd);
    socket.once('error', this.onError);
  }

  /** Lets go of the socket (before TLS takes it over). */
  detach(): void {
    this.socket.removeListener('data', this.onData);
    this.socket.removeListener('end', this.onEnd);
    this.socket.removeListener('error', this.onError);
  }

  next(): Promise<Reply> {
    const reply = this.ready.shift();
    if (reply) return Promise.resolve(reply);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private read(text: string): void {
    this.buffer += text;
    if (this.buffer.length > MAX_REPLY) return this.fail(new ProbeError('the server sent an overlong reply', 'EPROTO'));
    let end: number;
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      const match = /^(\d{3})([ -]?)(.*)$/.exec(line);
      if (!match) return this.fail(new ProbeError(`not an SMTP reply: ${clip(oneLine(line), 120)}`, 'EPROTO'));
      this.lines.push(match[3]);
      if (match[2] !== '-') {
        const reply = { code: Number(match[1]), lines: this.lines };
        this.lines = [];
        if (this.waiting) {
          const { resolve } = this.waiting;
          this.waiting = null;
          resolve(reply);
        } else this.ready.push(reply);
      }
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(this.failure);
    }
  }
}

/** A reply as an error shows it: its code and first line, cut short (the text is the server's). */
const shown = (reply: Reply) => clip(oneLine(`${reply.code} ${reply.lines[0] ?? ''}`.trim()), 200);

export function probeSmtp(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return runAttempt(request, options, converse, { wait: 'waiting for the SMTP server' });
}

async function converse(attempt: Attempt): Promise<void> {
  const { url, request, result } = attempt;
  const implicit = url.protocol === 'smtps:';
  let socket = await openConnection(attempt, portOf(url, implicit ? 465 : 25), implicit);
  let replies = new Replies(socket);
  const say = async (line: string) => {
    socket.write(`${line}\r\n`);
    return replies.next();
  };

  const greeting = await replies.next();
  if (greeting.code !== 220) throw new ProbeError(`the greeting was ${shown(greeting)}, not 220`, `SMTP_${greeting.code}`);
  // A name that says who is asking; any name will do for EHLO, no mail is sent.
  const me = os.hostname() || 'vigil.invalid';
  let ehlo = await say(`EHLO ${me}`);
  if (ehlo.code !== 250) throw new ProbeError(`EHLO was answered ${shown(ehlo)}`, `SMTP_${ehlo.code}`);

  if (!implicit) {
    const offered = ehlo.lines.some((line) => /^STARTTLS\b/i.test(line.trim()));
    if (!offered && request.kind?.starttls) {
      throw new ProbeError('the server does not offer STARTTLS (required by starttls: true)', 'NO_STARTTLS');
    }
    if (offered) {
      const ready = await say('STARTTLS');
      if (ready.code !== 220) throw new ProbeError(`STARTTLS was answered ${shown(ready)}`, `SMTP_${ready.code}`);
      replies.detach();
      socket = await upgradeToTls(attempt, socket);
      replies = new Replies(socket);
      // What the server said before TLS is forgotten: it is asked again over TLS (RFC 3207).
      ehlo = await say(`EHLO ${me}`);
      if (ehlo.code !== 250) throw new ProbeError(`EHLO over TLS was answered ${shown(ehlo)}`, `SMTP_${ehlo.code}`);
    }
  }
  result.body = Buffer.from([...greeting.lines, ...ehlo.lines].join('\n'), 'latin1');
  // A polite end, so the server logs no dropped connection; its answer changes nothing.
  socket.write('QUIT\r\n');
  await Promise.race([replies.next().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
}
