/**
 * Generic JSON webhook: the body docs/notifications.md shows ("Your own webhook"), signed like GitHub signs its webhooks
 * (`X-Vigil-Signature-256: sha256=<HMAC-SHA256 hex of the body>`) when a secret is set. The
 * receiver escapes; we only redact.
 */
import { createHmac } from 'node:crypto';
import type { VigilEvent } from '../history/types.js';
import { expectSuccess, postJson } from './http.js';
import type { HttpRequest } from './http.js';
import type { NotifyContext } from './message.js';
import type { WebhookTarget } from '../config/notify-types.js';

export const SIGNATURE_HEADER = 'X-Vigil-Signature-256';

export function webhookBody(event: VigilEvent, context: NotifyContext) {
  const redact = context.redact;
  return {
    event: event.kind,
    endpoint: { id: event.id, name: redact(event.name), url: redact(event.url) },
    status: event.status,
    since: event.since,
    error: event.error === null ? null : redact(event.error),
    failures: event.failures.map(redact),
    httpStatus: event.httpStatus,
    responseTime: event.responseTime,
    downtime: event.downtime,
    incident: event.incident ? { number: event.incident.number, url: redact(event.incident.url) } : null,
    runUrl: context.runUrl === null ? null : redact(context.runUrl),
    pageUrl: context.pageUrl === null ? null : redact(context.pageUrl),
    // Only from a run that could not save its history: why this event may come again.
    ...(context.note ? { note: redact(context.note) } : {}),
  };
}

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function webhookRequest(target: WebhookTarget, event: VigilEvent, context: NotifyContext): HttpRequest {
  const body = JSON.stringify(webhookBody(event, context));
  return {
    url: target.url,
    headers: {
      'content-type': 'application/json',
      'x-vigil-event': event.kind,
      ...(target.secret ? { [SIGNATURE_HEADER.toLowerCase()]: signature(body, target.secret) } : {}),
    },
    body,
  };
}

export async function sendWebhook(target: WebhookTarget, event: VigilEvent, context: NotifyContext): Promise<void> {
  expectSuccess(await postJson(webhookRequest(target, event, context), context.timeoutMs, context.signal));
}
