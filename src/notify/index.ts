/**
 * Notifications: parse the `notify:` list, then deliver the judge's events.
 *
 *   const { targets, secrets, problems } = parseNotify(value, substitute);
 *   const result = await deliver({ events, outbox: state.outbox, targets, now, redact,
 *     send: (target, event) => sendNotice(target, event, { redact, runUrl, pageUrl }) });
 *   state.outbox = result.outbox;  // result.failed goes to the summary
 */
export { checkNotifyEndpoints, parseNotify } from './config.js';
export type { ParsedNotify, Substitute } from './config.js';
export { deliver, RETRY_WINDOW_MS, wants } from './deliver.js';
export type { Delivery, DeliveryInput, DeliveryResult, FailedDelivery } from './deliver.js';
export { buildMessage } from './message.js';
export type { NotifyContext } from './message.js';
export { sendNotice } from './send.js';
export { failedSendsMarkdown } from './summary.js';
export { CHANNELS, DEFAULT_EVENTS, EVENT_KINDS } from './types.js';
export type { Channel, NotifyTarget } from './types.js';
