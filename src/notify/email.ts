/**
 * E-mail over SMTP with nodemailer: `smtps://` is TLS from the first byte, `smtp://` must
 * upgrade with STARTTLS (`requireTLS`, so a password never crosses the wire in clear). A text
 * part and an HTML part; in the HTML every value is escaped and text from the response is in
 * `<code>`.
 */
import { createTransport } from 'nodemailer';
import type { VigilEvent } from '../history/types.js';
import { defuse, escapeHtml } from '../text/escape.js';
import { DEFAULT_TIMEOUT_MS, SendError, onAbort } from './http.js';
import { buildMessage } from './message.js';
import { oneLine } from '../text/one-line.js';
import type { Message, NotifyContext } from './message.js';
import type { EmailTarget } from '../config/notify-types.js';

export interface MailContent {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export function renderText(message: Message): string {
  const lines = [message.title, ''];
  for (const fact of message.facts) lines.push(`${fact.label}: ${fact.untrusted ? defuse(fact.text) : fact.text}`);
  if (message.links.length > 0) lines.push('', ...message.links.map((link) => `${link.label}: ${link.url}`));
  return `${lines.join('\n')}\n`;
}

export function renderHtml(message: Message): string {
  const rows = message.facts.map((fact) => {
    const value = fact.untrusted ? `<code>${escapeHtml(defuse(fact.text))}</code>` : escapeHtml(fact.text);
    return `<tr><th align="left" valign="top">${escapeHtml(fact.label)}</th><td>${value}</td></tr>`;
  });
  const links = message.links.map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`).join(' · ');
  return [
    '<!doctype html><html><body>',
    `<h2>${escapeHtml(message.title)}</h2>`,
    `<table cellpadding="4">${rows.join('')}</table>`,
    links ? `<p>${links}</p>` : '',
    '</body></html>',
  ].join('\n');
}

/** Long failures lists are for the issue; a mail line is kept readable. */
const MAX_FACT = 2000;

export function emailContent(target: EmailTarget, event: VigilEvent, context: NotifyContext): MailContent {
  const built = buildMessage(event, context);
  const message = { ...built, facts: built.facts.map((fact) => ({ ...fact, text: fact.text.slice(0, MAX_FACT) })) };
  return {
    from: target.from,
    to: target.to,
    subject: oneLine(message.title).trim().slice(0, 200),
    text: renderText(message),
    html: renderHtml(message),
  };
}

export async function sendEmail(target: EmailTarget, event: VigilEvent, context: NotifyContext): Promise<void> {
  const timeout = context.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { smtp } = target;
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.implicitTls,
    requireTLS: !smtp.implicitTls,
    auth: smtp.user !== null ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: { ...context.smtpTls },
  });
  let forget: () => void = () => undefined;
  // The run deadline or a cancellation ends the conversation: the connection is closed below.
  const stopped = new Promise<never>((_, reject) => {
    forget = onAbort(context.signal, reject);
  });
  try {
    await Promise.race([transport.sendMail(emailContent(target, event, context)), stopped]);
  } catch (error) {
    if (error instanceof SendError) throw error;
    const failure = error as Error & { responseCode?: number; code?: string };
    const detail = [failure.code, failure.responseCode].filter((part) => part !== undefined).join(' ');
    throw new SendError(`${detail ? `${detail}: ` : ''}${oneLine(failure.message).trim()}`);
  } finally {
    forget();
    transport.close();
  }
}
