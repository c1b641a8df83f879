/**
 * What a notification says, before any channel formats it: the facts a person on call acts on
 * (what happened to which endpoint and since when, the error and failed checks, HTTP status and
 * response time, how long an outage lasted) and where to look (incident issue, workflow run,
 * status page). Every value is redacted here; text that came from a response is marked
 * `untrusted` so each channel shows it inert.
 */
import type { VigilEvent } from '../history/types.js';
import { maintenanceUntil } from '../maintenance/windows.js';
import { formatDuration } from '../text/duration.js';
import { clip, oneLine } from '../text/one-line.js';

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
  /** Ends a send in flight: the run deadline, or a cancellation. */
  signal?: AbortSignal;
  /** Said in every message of this run (e.g. why it may come again); kept whole when a message is cut. */
  note?: string | null;
}

export interface Fact {
  label: string;
  text: string;
  /** Came from the monitored service (error, failed checks): shown as inert code. */
  untrusted: boolean;
  /** Kept whole when the message must be cut: since when, and the run's note. */
  essential?: boolean;
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

export function buildMessage(event: VigilEvent, context: NotifyContext): Message {
  const redact = (text: string) => oneLine(context.redact(text)).trim();
  const name = redact(event.name);
  const facts: Fact[] = [];
  const fact = (label: string, text: string, untrusted = false) => facts.push({ label, text, untrusted });
  // What happened and since when: the first fact of every kind of event.
  const essential = () => {
    if (facts.length > 0) facts[0].essential = true;
  };

  let title: string;
  switch (event.kind) {
    case 'down':
      title = `${ICON.down} ${name} is down`;
      if (event.since) fact('Down since', shortUtc(event.since));
      break;
    case 'recovered':
      title = `${ICON.recovered} ${name} recovered${event.downtime !== null ? ` after ${formatDuration(event.downtime * 1000)}` : ''}`;
      if (event.downtime !== null) fact('Outage lasted', formatDuration(event.downtime * 1000));
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
  essential();

  fact('URL', redact(event.url));
  if (event.error) fact('Error', redact(event.error), true);
  for (const failure of event.failures) fact(FAILED_CHECK, redact(failure), true);
  const measured: string[] = [];
  if (event.httpStatus !== null) measured.push(`HTTP ${event.httpStatus}`);
  else if (event.kind === 'down') measured.push('no HTTP response');
  if (event.responseTime !== null) measured.push(`${formatDuration(event.responseTime)}`);
  if (measured.length > 0) fact('Response', measured.join(' · '));
  if (context.note) facts.push({ label: 'Note', text: redact(context.note), untrusted: false, essential: true });

  const links: Link[] = [];
  if (event.incident) links.push({ label: `Incident #${event.incident.number}`, url: context.redact(event.incident.url) });
  if (context.runUrl) links.push({ label: 'Workflow run', url: context.redact(context.runUrl) });
  if (context.pageUrl) links.push({ label: 'Status page', url: context.redact(context.pageUrl) });
  return { title, facts, links };
}

export const FAILED_CHECK = 'Failed check';
/** How much of each failed check a message keeps when there are too many to show whole. */
const FAILURE_LINE = 160;

/**
 * Renders a message within a channel's limit. What is cut, in order: the untrusted facts (the
 * error and failed checks: the only parts that can be long), longest first; then the list of
 * failed checks, from its end, with a line saying how many more there were; then the other facts
 * that are not essential. The title (the endpoint and what happened) and the essential facts
 * (since when, the run's note) are cut only when nothing else is left to cut. Each text is kept
 * as long as still fits (a binary search over its length: escaping makes the rendered length
 * grow unevenly, e.g. `<` becomes `&lt;`).
 */
export function renderWithin(message: Message, limit: number, render: (message: Message) => string): string {
  const fits = (candidate: Message) => render(candidate).length <= limit;
  let current = message;
  if (fits(current)) return render(current);

  /** Finds the largest n in [low, high] for which `make(n)` fits (low when none does), and keeps it. */
  const largest = (low: number, high: number, make: (n: number) => Message): void => {
    if (fits(make(high))) {
      current = make(high);
      return;
    }
    let good = low;
    let bad = high;
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      if (fits(make(middle))) good = middle;
      else bad = middle;
    }
    current = make(good);
  };
  const shortenFacts = (pick: (fact: Fact) => boolean) => {
    const order = current.facts
      .map((fact, index) => ({ fact, index }))
      .filter(({ fact }) => pick(fact))
      .sort((a, b) => b.fact.text.length - a.fact.text.length);
    for (const { fact, index } of order) {
      if (fits(current)) return;
      if (fact.text.length <= 1) continue;
      const base = current;
      largest(1, fact.text.length, (length) => {
        const facts = [...base.facts];
        facts[index] = { ...fact, text: clip(fact.text, length) };
        return { ...base, facts };
      });
    }
  };

  const failureCount = current.facts.filter((fact) => fact.label === FAILED_CHECK).length;
  if (failureCount > 1) {
    // Many failed checks: each one short first, so that dropping the last ones keeps readable lines.
    current = {
      ...current,
      facts: current.facts.map((fact) => (fact.label === FAILED_CHECK ? { ...fact, text: clip(fact.text, FAILURE_LINE) } : fact)),
    };
  }
  if (!fits(current) && failureCount > 1) {
    // Too many failed checks to show even shortened: keep the first ones and count the others.
    const failures = current.facts.filter((fact) => fact.label === FAILED_CHECK);
    if (failures.length > 0) {
      const others = current.facts.filter((fact) => fact.label !== FAILED_CHECK);
      const at = current.facts.findIndex((fact) => fact.label === FAILED_CHECK);
      const base = current;
      largest(0, failures.length - 1, (kept) => {
        const more: Fact = { label: 'Failed checks', text: `… and ${failures.length - kept} more`, untrusted: false };
        const facts = [...others];
        facts.splice(at, 0, ...failures.slice(0, kept), more);
        return { ...base, facts };
      });
    }
  }
  shortenFacts((fact) => fact.untrusted && !fact.essential);
  shortenFacts((fact) => !fact.essential);
  if (!fits(current)) {
    const base = current;
    largest(1, base.title.length, (length) => ({ ...base, title: clip(message.title, length) }));
  }
  shortenFacts(() => true);
  return clip(render(current), limit);
}
