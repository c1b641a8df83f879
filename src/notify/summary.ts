/**
 * The job summary's account of sends that failed. Errors may quote what a service answered, so
 * they are shown only inside code spans.
 */
import { codeSpan } from '../report/markdown.js';
import type { FailedDelivery } from './deliver.js';

/** Markdown lines, one per failed send (empty when every send went out). */
export function failedSendsMarkdown(failed: readonly FailedDelivery[]): string[] {
  if (failed.length === 0) return [];
  const lines = ['**Notifications that could not be sent**', ''];
  for (const failure of failed) {
    const endpointAndKind = failure.event.split(':').slice(0, 2).join(' ');
    const fate = failure.retryUntil ? `retried by the next runs until ${failure.retryUntil.slice(11, 16)} UTC` : 'given up';
    lines.push(
      `- ${failure.channel} (${codeSpan(failure.target)}), ${codeSpan(endpointAndKind)}: ${codeSpan(failure.error)} — ${fate}`,
    );
  }
  return lines;
}
