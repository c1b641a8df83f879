/**
 * Delivery: each event to each target that wants it, at most once per run, with the failures
 * kept in the outbox (`state.json`) and retried by later runs for an hour after the first try.
 * Pure apart from `send`: the caller decides how a notice travels and when "now" is.
 */
import type { PendingNotice, VigilEvent } from '../history/types.js';
import { redactText } from '../text/redact.js';
import { stoppedBecause } from './http.js';
import { oneLine } from '../text/one-line.js';
import type { NotifyTarget } from '../config/notify-types.js';

/** How long a failed notice is retried by later runs, counted from its first try. */
export const RETRY_WINDOW_MS = 60 * 60 * 1000;
/** Failures in a row after which a target's other notices wait for the next run. */
export const GIVE_TARGET_A_REST_AFTER = 2;

export interface DeliveryInput {
  events: readonly VigilEvent[];
  /** Notices that failed in earlier runs. */
  outbox: readonly PendingNotice[];
  targets: readonly NotifyTarget[];
  now: Date;
  send: (target: NotifyTarget, event: VigilEvent) => Promise<void>;
  /** The run's redaction, applied (with each target's own secrets) to every error kept or shown. */
  redact?: (text: string) => string;
  /** The run deadline or a cancellation: no send starts after it fires (those left wait in the
   * outbox), and a send in flight is ended by the channel. */
  signal?: AbortSignal;
}

export interface Delivery {
  /** The event's key. */
  event: string;
  /** The target's key. */
  target: string;
  channel: string;
}

export interface FailedDelivery extends Delivery {
  /** One line, redacted. */
  error: string;
  attempts: number;
  /** Until when later runs retry it; null when it was given up (now or before this run). */
  retryUntil: string | null;
}

export interface DeliveryResult {
  /** The new outbox, to be saved in `state.json`. */
  outbox: PendingNotice[];
  sent: Delivery[];
  failed: FailedDelivery[];
}

const pairKey = (eventKey: string, targetKey: string) => `${eventKey}\u0000${targetKey}`;

export function wants(target: NotifyTarget, event: VigilEvent): boolean {
  return target.on.includes(event.kind) && (target.endpoints === null || target.endpoints.includes(event.id));
}

const channelOf = (targetKey: string) => targetKey.replace(/#.*$/, '');

export async function deliver(input: DeliveryInput): Promise<DeliveryResult> {
  const now = input.now.getTime();
  const redactRun = input.redact ?? ((text: string) => text);
  const targets = new Map(input.targets.map((target) => [target.key, target]));
  const sent: Delivery[] = [];
  const failed: FailedDelivery[] = [];
  const outbox: PendingNotice[] = [];

  /** Work per target, in order: earlier failures first, then this run's events. */
  const queues = new Map<string, Array<{ event: VigilEvent; previous: PendingNotice | null }>>();
  const seen = new Set<string>();
  const enqueue = (targetKey: string, event: VigilEvent, previous: PendingNotice | null) => {
    const pair = pairKey(event.key, targetKey);
    if (seen.has(pair)) return;
    seen.add(pair);
    const queue = queues.get(targetKey) ?? [];
    queue.push({ event, previous });
    queues.set(targetKey, queue);
  };

  for (const pending of input.outbox) {
    const base = { event: pending.event.key, target: pending.target, channel: channelOf(pending.target) };
    if (seen.has(pairKey(pending.event.key, pending.target))) continue;
    if (!targets.has(pending.target)) {
      seen.add(pairKey(pending.event.key, pending.target));
      failed.push({
        ...base,
        error: `given up: the target is no longer configured (last error: ${pending.lastError})`,
        attempts: pending.attempts,
        retryUntil: null,
      });
      continue;
    }
    if (Date.parse(pending.firstTried) + RETRY_WINDOW_MS <= now) {
      seen.add(pairKey(pending.event.key, pending.target));
      failed.push({
        ...base,
        error: `given up after an hour: ${pending.lastError}`,
        attempts: pending.attempts,
        retryUntil: null,
      });
      continue;
    }
    enqueue(pending.target, pending.event, pending);
  }
  for (const event of input.events) {
    for (const target of input.targets) if (wants(target, event)) enqueue(target.key, event, null);
  }

  await Promise.all(
    [...queues].map(async ([targetKey, queue]) => {
      const target = targets.get(targetKey)!;
      const clean = (text: string) =>
        oneLine(redactText(redactRun(text), target.secrets))
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 300);
      let failuresInARow = 0;
      for (const { event, previous } of queue) {
        const base = { event: event.key, target: target.key, channel: target.channel };
        const firstTried = previous?.firstTried ?? input.now.toISOString();
        if (input.signal?.aborted) {
          const attempts = previous?.attempts ?? 0;
          const error = `not tried: ${stoppedBecause(input.signal)}`;
          outbox.push({ event, target: target.key, firstTried, attempts, lastError: previous?.lastError ?? error });
          failed.push({ ...base, error, attempts, retryUntil: new Date(Date.parse(firstTried) + RETRY_WINDOW_MS).toISOString() });
          continue;
        }
        if (failuresInARow >= GIVE_TARGET_A_REST_AFTER) {
          // A target that is down (or limiting us) would cost a timeout per notice: the rest wait
          // for the next run, in order, without an attempt counted against them.
          const attempts = previous?.attempts ?? 0;
          const error = `not tried: ${channelOf(target.key)} failed ${failuresInARow} times in a row in this run`;
          outbox.push({ event, target: target.key, firstTried, attempts, lastError: previous?.lastError ?? error });
          failed.push({ ...base, error, attempts, retryUntil: new Date(Date.parse(firstTried) + RETRY_WINDOW_MS).toISOString() });
          continue;
        }
        try {
          await input.send(target, event);
          sent.push(base);
          failuresInARow = 0;
        } catch (error) {
          failuresInARow += 1;
          const message = clean(error instanceof Error ? error.message : String(error)) || 'failed without a message';
          const attempts = (previous?.attempts ?? 0) + 1;
          const retryUntil = Date.parse(firstTried) + RETRY_WINDOW_MS;
          if (retryUntil > now) {
            outbox.push({ event, target: target.key, firstTried, attempts, lastError: message });
            failed.push({ ...base, error: message, attempts, retryUntil: new Date(retryUntil).toISOString() });
          } else {
            failed.push({ ...base, error: `given up after an hour: ${message}`, attempts, retryUntil: null });
          }
        }
      }
    }),
  );
  return { outbox, sent, failed };
}
