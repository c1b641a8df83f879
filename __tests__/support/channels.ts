/**
 * Loopback stand-ins for the notification channels: an HTTP service that plays Telegram, Slack,
 * Discord or a webhook receiver (answering from a script of statuses), a hostile error text,
 * sample events, and a real SMTP server (the `smtp-server` package) with test certificates.
 */
import { SMTPServer } from 'smtp-server';
import type { SMTPServerOptions } from 'smtp-server';
import type net from 'node:net';
import type { VigilEvent } from '../../src/history/types.js';
import { makeCerts } from './certs.js';
import { startServer } from './servers.js';
import type { Service } from './servers.js';

export interface ChannelService extends Service {
  /** Bodies of the requests received, parsed as JSON. */
  json(): Array<Record<string, unknown>>;
}

/** Answers each request with the next scripted reply; when the script runs out, `fallback`. */
export async function startChannel(
  script: Array<{ status: number; body?: string }> = [],
  fallback: { status: number; body?: string } = { status: 200, body: '{"ok":true}' },
): Promise<ChannelService> {
  const replies = [...script];
  const service = await startServer((_req, res) => {
    const reply = replies.shift() ?? fallback;
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(reply.body ?? '');
  });
  return { ...service, json: () => service.requests.map((request) => JSON.parse(request.body) as Record<string, unknown>) };
}

/** What a hostile service could put in an error: mentions of everyone in every chat's syntax,
 * markup, Markdown, a masked link and a bare URL. */
export const HOSTILE =
  '@everyone @here <!channel> <!here> <@U024BE7LH> <b>bold</b> <a href="http://evil.example">x</a> **loud** _it_ ~gone~ ' +
  '# Heading [x](http://evil.example) https://evil.example/bare ``` `tick` & &amp; <@&123> <#C1> |pipe|';

export function sampleEvent(overrides: Partial<VigilEvent> = {}): VigilEvent {
  return {
    key: 'api-health:down:2026-11-26T10:05:03.412Z',
    kind: 'down',
    id: 'api-health',
    name: 'API health',
    url: 'https://api.example.com/health?token=***',
    at: '2026-11-26T10:05:03.412Z',
    since: '2026-11-26T09:55:02.917Z',
    status: 'down',
    error: 'connection refused',
    failures: ['status 503 is not in 200-299'],
    httpStatus: 503,
    responseTime: 412,
    downtime: null,
    incident: { number: 12, url: 'https://github.com/acme/site/issues/12' },
    ...overrides,
  };
}

export const runUrl = 'https://github.com/acme/site/actions/runs/42';
export const pageUrl = 'https://acme.github.io/site/';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  secure: boolean;
  user: string | null;
}

export interface SmtpService {
  port: number;
  mails: ReceivedMail[];
  /** Logins tried: user and password. */
  logins: Array<{ user: string; password: string }>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 with the test CA's certificate for `localhost`. */
export async function startSmtp(options: {
  implicitTls: boolean;
  offerStartTls?: boolean;
  user: string;
  password: string;
}): Promise<SmtpService> {
  const certs = makeCerts();
  const mails: ReceivedMail[] = [];
  const logins: SmtpService['logins'] = [];
  const settings: SMTPServerOptions = {
    secure: options.implicitTls,
    key: certs.key,
    cert: certs.valid,
    // A server without STARTTLS: nodemailer would try the command even when it is not offered.
    disabledCommands: options.offerStartTls === false ? ['STARTTLS'] : [],
    // The server would look the client's address up in DNS; tests stay off the network.
    disableReverseLookup: true,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username ?? '', password: auth.password ?? '' });
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : null,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(settings);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return { port, mails, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The parts of a MIME message, decoded (quoted-printable or Base64), by content type. */
export function mimeParts(raw: string): Array<{ type: string; body: string }> {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const sections = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  return sections.map((section) => {
    const split = section.indexOf('\r\n\r\n');
    const head = section.slice(0, split);
    const content = section.slice(split + 4);
    const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1].trim().toLowerCase() ?? 'text/plain';
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1].toLowerCase() ?? '7bit';
    let body: string;
    if (encoding === 'base64') body = Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
    else if (encoding === 'quoted-printable') body = decodeQuotedPrintable(content);
    else body = content;
    return { type, body: body.trim() };
  });
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
