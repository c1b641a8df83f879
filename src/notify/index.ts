/**
 * Notifications: deliver the judge's events to the targets the configuration parsed
 * (`config/notify.ts` reads the `notify:` list).
 *
 *   const result = await deliver({ events, outbox: state.outbox, targets, now, redact,
 *     send: (target, event) => sendNotice(target, event, { redact, runUrl, pageUrl }) });
 *   state.outbox = result.outbox;  // result.failed goes to the summary
 */
export { deliver, RETRY_WINDOW_MS, wants } from './deliver.js';
export type { Delivery, DeliveryInput, DeliveryResult, FailedDelivery } from './deliver.js';
export { buildMessage } from './message.js';
export type { NotifyContext } from './message.js';
export { sendNotice } from './send.js';
export { failedSendsMarkdown } from './summary.js';
