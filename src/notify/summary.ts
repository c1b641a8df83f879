/**
 * The job summary's account of sends that failed. Errors may quote what a service answered, so
 * they are shown only inside code spans.
 */
import { codeSpan } from '../text/markdown.js';
import type { FailedDelivery } from './deliver.js';

/** Failed sends listed one by one; the others are counted (a long outbox given up at once). */
export const LISTED = 20;

/** Markdown lines, one per failed send up to LISTED, then one counting the rest (empty when every
 * send went out). */
export function failedSendsMarkdown(failed: readonly FailedDelivery[]): string[] {
  if (failed.length === 0) return [];
  const lines = ['**Notifications that could not be sent**', ''];
  for (const failure of failed.slice(0, LISTED)) {
    const endpointAndKind = failure.event.split(':').slice(0, 2).join(' ');
    const fate = failure.retryUntil ? `retried by the next runs until ${failure.retryUntil.slice(11, 16)} UTC` : 'given up';
    lines.push(
      `- ${failure.channel} (${codeSpan(failure.target)}), ${codeSpan(endpointAndKind)}: ${codeSpan(failure.error)} — ${fate}`,
    );
  }
  if (failed.length > LISTED) {
    const givenUp = failed.slice(LISTED).filter((failure) => failure.retryUntil === null).length;
    const rest = failed.length - LISTED;
    lines.push(`- … and ${rest} more (${givenUp} given up, ${rest - givenUp} retried by the next runs)`);
  }
  return lines;
}
