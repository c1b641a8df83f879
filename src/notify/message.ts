/**
 * What a notification says, before any channel formats it: the facts a person on call acts on
 * (what happened to which endpoint and since when, the error and failed checks, HTTP status and
 * response time, how long an outage lasted) and where to look (incident issue, workflow run,
 * status page). Every value is redacted here; text that came from a response is marked
 * `untrusted` so each channel shows it inert.
 */
import type { VigilEvent } from '../history/types.js';
import { maintenanceUntil } from '../maintenance/windows.js';
import { formatMs } from '../report/format.js';

export interface NotifyContext {
  /** Masks every configured secret in a text (the run's redaction). */
  redact: (text: string) => string;
  /** The workflow run this event comes from, if known. */
  runUrl: string | null;
  /** The status page, if there is one. */
  pageUrl: string | null;
  /** Deadline of one HTTP send or SMTP connection step, in ms (default 10 s). */
  timeoutMs?: number;
  /** Extra TLS options for SMTP connections (a private CA, a server name). */
  smtpTls?: { ca?: string | string[]; servername?: string; rejectUnauthorized?: boolean };
}

export interface Fact {
  label: string;
  text: string;
  /** Came from the monitored service (error, failed checks): shown as inert code. */
  untrusted: boolean;
}

export interface Link {
  label: string;
  url: string;
}

export interface Message {
  /** One line: icon, endpoint name and what happened. Plain text (escape per channel). */
  title: string;
  facts: Fact[];
  links: Link[];
}

const ICON = { down: '🔴', recovered: '✅', degraded: '🟡', maintenance: '🔧' } as const;

/** `2026-11-26 09:55 UTC`. */
export function shortUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One line: line breaks and control characters become spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

export function buildMessage(event: VigilEvent, context: NotifyContext): Message {
  const redact = (text: string) => oneLine(context.redact(text));
  const name = redact(event.name);
  const facts: Fact[] = [];
  const fact = (label: string, text: string, untrusted = false) => facts.push({ label, text, untrusted });

  let title: string;
  switch (event.kind) {
    case 'down':
      title = `${ICON.down} ${name} is down`;
      if (event.since) fact('Down since', shortUtc(event.since));
      break;
    case 'recovered':
      title = `${ICON.recovered} ${name} recovered${event.downtime !== null ? ` after ${formatMs(event.downtime * 1000)}` : ''}`;
      if (event.downtime !== null) fact('Outage lasted', formatMs(event.downtime * 1000));
      if (event.since && event.downtime !== null) {
        fact(
          'Down from',
          `${shortUtc(new Date(Date.parse(event.since) - event.downtime * 1000).toISOString())} to ${shortUtc(event.since)}`,
        );
      } else fact('Recovered at', shortUtc(event.since ?? event.at));
      fact('Status now', event.status);
      break;
    case 'degraded':
      title = `${ICON.degraded} ${name} is degraded`;
      fact('Degraded since', shortUtc(event.since ?? event.at));
      break;
    case 'maintenance': {
      const window = event.maintenance;
      if (window?.phase === 'end') title = `${ICON.maintenance} ${name}: maintenance is over`;
      else if (window?.until) {
        const active = { until: new Date(window.until), timezone: window.timezone ?? 'UTC' };
        title = `${ICON.maintenance} ${name}: ${maintenanceUntil(active, new Date(event.at))}`;
      } else title = `${ICON.maintenance} ${name}: maintenance`;
      fact(window?.phase === 'end' ? 'Ended' : 'Started', shortUtc(event.at));
      break;
    }
  }

  fact('URL', redact(event.url));
  if (event.error) fact('Error', redact(event.error), true);
  for (const failure of event.failures) fact('Failed check', redact(failure), true);
  const measured: string[] = [];
  if (event.httpStatus !== null) measured.push(`HTTP ${event.httpStatus}`);
  else if (event.kind === 'down') measured.push('no HTTP response');
  if (event.responseTime !== null) measured.push(`${formatMs(event.responseTime)}`);
  if (measured.length > 0) fact('Response', measured.join(' · '));

  const links: Link[] = [];
  if (event.incident) links.push({ label: `Incident #${event.incident.number}`, url: context.redact(event.incident.url) });
  if (context.runUrl) links.push({ label: 'Workflow run', url: context.redact(context.runUrl) });
  if (context.pageUrl) links.push({ label: 'Status page', url: context.redact(context.pageUrl) });
  return { title, facts, links };
}

/** Shortens text to at most `max` characters, ending with `…` when cut (never splitting a
 * surrogate pair). */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Renders a message within a channel's limit by shortening the untrusted facts (the error and
 * failed checks: the only parts that can be long), longest first, then the other facts, then the
 * title. Each is kept as long as still fits (a binary search over its length: escaping makes the
 * rendered length grow unevenly, e.g. `<` becomes `&lt;`).
 */
export function renderWithin(message: Message, limit: number, render: (message: Message) => string): string {
  let current = message;
  const withFact = (index: number, length: number): Message => {
    const facts = [...current.facts];
    facts[index] = { ...facts[index], text: cut(message.facts[index].text, length) };
    return { ...current, facts };
  };
  const withTitle = (length: number): Message => ({ ...current, title: cut(message.title, length) });
  const order = current.facts
    .map((fact, index) => ({ fact, index }))
    .sort((a, b) => Number(b.fact.untrusted) - Number(a.fact.untrusted) || b.fact.text.length - a.fact.text.length);
  const shorteners: Array<{ length: number; apply: (length: number) => Message }> = [
    ...order.map(({ fact, index }) => ({ length: fact.text.length, apply: (length: number) => withFact(index, length) })),
    { length: message.title.length, apply: withTitle },
  ];
  for (const { length, apply } of shorteners) {
    if (render(current).length <= limit) break;
    if (length <= 1) continue;
    if (render(apply(1)).length > limit) {
      current = apply(1);
      continue;
    }
    let fits = 1;
    let tooLong = length;
    while (tooLong - fits > 1) {
      const middle = Math.floor((fits + tooLong) / 2);
      if (render(apply(middle)).length <= limit) fits = middle;
      else tooLong = middle;
    }
    current = apply(fits);
  }
  return cut(render(current), limit);
}
