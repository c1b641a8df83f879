/**
 * Delivery: each event to each target that wants it, once per run; failures kept in the outbox
 * and retried by later runs for an hour; a broken channel fails nothing else.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import type { PendingNotice, VigilEvent } from '../../../src/history/types.js';
import { parseNotify } from '../../../src/config/notify.js';
import { deliver } from '../../../src/notify/deliver.js';
import { sendNotice } from '../../../src/notify/send.js';
import { failedSendsMarkdown } from '../../../src/notify/summary.js';
import type { NotifyTarget } from '../../../src/config/notify-types.js';
import { redactText } from '../../../src/text/redact.js';
import { pageUrl, runUrl, sampleEvent, startChannel } from '../../support/channels.js';
import type { ChannelService } from '../../support/channels.js';

let services: ChannelService[] = [];
afterEach(async () => {
  await Promise.all(services.map((service) => service.close()));
  services = [];
});

function targets(yaml: string): NotifyTarget[] {
  const parsed = parseNotify(parse(yaml), (text) => text);
  expect(parsed.problems).toEqual([]);
  return parsed.targets;
}

const at = (minutes: number) => new Date(Date.parse('2026-11-26T10:05:04Z') + minutes * 60_000);
const down = sampleEvent();
const recovered = sampleEvent({
  key: 'api-health:recovered:2026-11-26T10:15:00.000Z',
  kind: 'recovered',
  status: 'up',
  downtime: 600,
});
const degraded = sampleEvent({
  key: 'payments:degraded:2026-11-26T10:05:00.000Z',
  kind: 'degraded',
  id: 'payments',
  name: 'Payments',
  status: 'degraded',
});

/** Records what would be sent, failing for the targets named in `broken`. */
function recorder(broken: Record<string, string> = {}) {
  const sent: Array<[string, string]> = [];
  return {
    sent,
    send: async (target: NotifyTarget, event: VigilEvent) => {
      if (broken[target.key]) throw new Error(broken[target.key]);
      sent.push([target.key, event.key]);
    },
  };
}

describe('deliver', () => {
  test('a channel that answers 500 twice and then 200 gets the message exactly once, on a later run', async () => {
    const slack = await startChannel(
      [
        { status: 500, body: 'boom' },
        { status: 500, body: 'boom' },
      ],
      { status: 200, body: 'ok' },
    );
    services.push(slack);
    const list = targets(`- slack: "${slack.url}/services/T/B/secret"`);
    const send = (target: NotifyTarget, event: VigilEvent) =>
      sendNotice(target, event, { redact: (text) => redactText(text, list[0].secrets), runUrl, pageUrl, timeoutMs: 2000 });

    const first = await deliver({ events: [down], outbox: [], targets: list, now: at(0), send });
    expect(first.sent).toEqual([]);
    expect(first.failed).toEqual([
      {
        event: down.key,
        target: list[0].key,
        channel: 'slack',
        error: 'HTTP 500: boom',
        attempts: 1,
        retryUntil: at(60).toISOString(),
      },
    ]);
    expect(first.outbox).toEqual([
      { event: down, target: list[0].key, firstTried: at(0).toISOString(), attempts: 1, lastError: 'HTTP 500: boom' },
    ]);

    // The next runs have no new event: only the outbox carries it.
    const second = await deliver({ events: [], outbox: first.outbox, targets: list, now: at(5), send });
    expect(second.outbox).toMatchObject([{ firstTried: at(0).toISOString(), attempts: 2 }]);
    const third = await deliver({ events: [], outbox: second.outbox, targets: list, now: at(10), send });
    expect(third.sent).toEqual([{ event: down.key, target: list[0].key, channel: 'slack' }]);
    expect(third.failed).toEqual([]);
    expect(third.outbox).toEqual([]);

    const fourth = await deliver({ events: [], outbox: third.outbox, targets: list, now: at(15), send });
    expect(fourth.sent).toEqual([]);
    expect(slack.requests).toHaveLength(3);
    expect(slack.json().filter((body) => body.text === '🔴 API health is down')).toHaveLength(3);
  });

  test('a notice still failing an hour after its first try is given up and reported, never sent late', async () => {
    const [target] = targets('- slack: "https://hooks.example.com/x"');
    const pending: PendingNotice = {
      event: down,
      target: target.key,
      firstTried: at(0).toISOString(),
      attempts: 3,
      lastError: 'HTTP 503',
    };
    const { sent, send } = recorder();
    const result = await deliver({ events: [], outbox: [pending], targets: [target], now: at(61), send });
    expect(sent).toEqual([]);
    expect(result.outbox).toEqual([]);
    expect(result.failed).toEqual([
      {
        event: down.key,
        target: target.key,
        channel: 'slack',
        error: 'given up after an hour: HTTP 503',
        attempts: 3,
        retryUntil: null,
      },
    ]);

    // One that fails again at 59 minutes is kept for the minute left; at 60 it is given up.
    const failing = recorder({ [target.key]: 'HTTP 502' });
    expect(
      (await deliver({ events: [], outbox: [pending], targets: [target], now: at(59), send: failing.send })).outbox,
    ).toHaveLength(1);
  });

  test('sends each event to the targets whose on: and endpoints: want it', async () => {
    const list = targets(`
- slack: "https://hooks.example.com/all"
- discord: "https://discord.example.com/degraded"
  on: [degraded]
- webhook: { url: "https://hooks.example.com/payments" }
  on: [down, recovered, degraded]
  endpoints: [payments]`);
    const { sent, send } = recorder();
    const result = await deliver({ events: [down, recovered, degraded], outbox: [], targets: list, now: at(0), send });
    expect(sent.sort()).toEqual(
      [
        [list[0].key, down.key],
        [list[0].key, recovered.key],
        [list[1].key, degraded.key],
        [list[2].key, degraded.key],
      ].sort(),
    );
    expect(result.sent).toHaveLength(4);
  });

  test('never sends the same event to the same target twice in a run', async () => {
    const [target] = targets('- slack: "https://hooks.example.com/x"');
    const pending: PendingNotice = {
      event: down,
      target: target.key,
      firstTried: at(-5).toISOString(),
      attempts: 1,
      lastError: 'HTTP 500',
    };
    const { sent, send } = recorder();
    await deliver({ events: [down, down], outbox: [pending, pending], targets: [target], now: at(0), send });
    expect(sent).toEqual([[target.key, down.key]]);
  });

  test('a broken channel fails nothing else; its error is one line with no secret', async () => {
    const list = targets(`
- telegram: { token: "123:SECRET_TOKEN", chat: "-1" }
- slack: "https://hooks.example.com/x"`);
    const { sent, send } = recorder({
      [list[0].key]: 'request to https://api.telegram.org/bot123:SECRET_TOKEN/sendMessage failed\n  at somewhere',
    });
    const result = await deliver({ events: [down], outbox: [], targets: list, now: at(0), send, redact: (text) => text });
    expect(sent).toEqual([[list[1].key, down.key]]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].error).toBe('request to https://api.telegram.org/bot***/sendMessage failed at somewhere');
    expect(JSON.stringify(result.outbox)).not.toContain('SECRET_TOKEN');
  });

  test('a notice for a target no longer configured is dropped and reported', async () => {
    const [target] = targets('- slack: "https://hooks.example.com/x"');
    const pending: PendingNotice = {
      event: down,
      target: 'discord#3:deadbeef',
      firstTried: at(0).toISOString(),
      attempts: 1,
      lastError: 'HTTP 500',
    };
    const { sent, send } = recorder();
    const result = await deliver({ events: [], outbox: [pending], targets: [target], now: at(1), send });
    expect(sent).toEqual([]);
    expect(result.outbox).toEqual([]);
    expect(result.failed[0]).toMatchObject({ target: 'discord#3:deadbeef', channel: 'discord', retryUntil: null });
    expect(result.failed[0].error).toMatch(/no longer configured/);
  });

  test('a target gets its earlier failures before this run’s news, in order', async () => {
    const [target] = targets('- slack: "https://hooks.example.com/x"');
    const pending: PendingNotice = {
      event: down,
      target: target.key,
      firstTried: at(-5).toISOString(),
      attempts: 1,
      lastError: 'HTTP 500',
    };
    const { sent, send } = recorder();
    await deliver({ events: [recovered], outbox: [pending], targets: [target], now: at(0), send });
    expect(sent.map(([, event]) => event)).toEqual([down.key, recovered.key]);
  });
});

describe('deliver when a target is down', () => {
  test('after two failures in a row its other notices wait for the next run instead of each costing a timeout', async () => {
    const [target] = targets('- slack: "https://hooks.example.com/x"');
    const events = Array.from({ length: 5 }, (_, i) => sampleEvent({ key: `e${i}:down:2026-11-26T10:00:00Z`, id: `e${i}` }));
    let tries = 0;
    const send = async () => {
      tries += 1;
      throw new Error('no answer within 10000 ms');
    };
    const first = await deliver({ events, outbox: [], targets: [target], now: at(0), send });
    expect(tries).toBe(2);
    expect(first.outbox.map((notice) => [notice.event.key, notice.attempts])).toEqual([
      ['e0:down:2026-11-26T10:00:00Z', 1],
      ['e1:down:2026-11-26T10:00:00Z', 1],
      ['e2:down:2026-11-26T10:00:00Z', 0],
      ['e3:down:2026-11-26T10:00:00Z', 0],
      ['e4:down:2026-11-26T10:00:00Z', 0],
    ]);
    expect(first.failed[2].error).toBe('not tried: slack failed 2 times in a row in this run');

    // Back up on the next run: all five go out, in their order.
    const { sent, send: working } = recorder();
    const second = await deliver({ events: [], outbox: first.outbox, targets: [target], now: at(5), send: working });
    expect(sent.map(([, key]) => key)).toEqual(events.map((event) => event.key));
    expect(second.outbox).toEqual([]);
  });
});

describe('failedSendsMarkdown', () => {
  test('lists each failed send with its fate; what the service said stays inside code', () => {
    expect(failedSendsMarkdown([])).toEqual([]);
    const lines = failedSendsMarkdown([
      {
        event: down.key,
        target: 'slack#1:0a1b2c3d',
        channel: 'slack',
        error: 'HTTP 500: @everyone <b>x</b> `y`',
        attempts: 1,
        retryUntil: '2026-11-26T11:05:04.000Z',
      },
      {
        event: recovered.key,
        target: 'email#2:0a1b2c3e',
        channel: 'email',
        error: 'given up after an hour: EAUTH',
        attempts: 4,
        retryUntil: null,
      },
    ]);
    expect(lines).toEqual([
      '**Notifications that could not be sent**',
      '',
      '- slack (`slack#1:0a1b2c3d`), `api-health down`: `` HTTP 500: @everyone <b>x</b> `y` `` — retried by the next runs until 11:05 UTC',
      '- email (`email#2:0a1b2c3e`), `api-health recovered`: `given up after an hour: EAUTH` — given up',
    ]);
  });
});
