/**
 * Notification targets as the rest of the code sees them: parsed, substituted and checked, each
 * with a stable key that holds no secret (the outbox in `state.json` is keyed on it).
 */

export const CHANNELS = ['telegram', 'slack', 'discord', 'webhook', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENT_KINDS = ['down', 'recovered', 'degraded', 'maintenance'] as const;
/** What an event says happened: the judge makes them, `notify[].on` picks them. */
export type EventKind = (typeof EVENT_KINDS)[number];
export const DEFAULT_EVENTS: readonly EventKind[] = ['down', 'recovered'];

interface TargetBase {
  /** `telegram#0:1a2b3c4d`: channel, place in the list, short hash of the item as written. */
  key: string;
  on: EventKind[];
  /** Endpoint ids, or null for every endpoint. */
  endpoints: string[] | null;
  /** Values of this target that must never be shown (tokens, webhook URLs, passwords). */
  secrets: string[];
}

export interface TelegramTarget extends TargetBase {
  channel: 'telegram';
  token: string;
  chat: string;
  /** Without a trailing slash; `https://api.telegram.org` unless `api-url` is set. */
  apiUrl: string;
}

export interface SlackTarget extends TargetBase {
  channel: 'slack';
  url: string;
}

export interface DiscordTarget extends TargetBase {
  channel: 'discord';
  url: string;
}

export interface WebhookTarget extends TargetBase {
  channel: 'webhook';
  url: string;
  secret: string | null;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** `smtps://`: TLS from the first byte. `smtp://`: STARTTLS, required. */
  implicitTls: boolean;
  user: string | null;
  password: string | null;
}

export interface EmailTarget extends TargetBase {
  channel: 'email';
  smtp: SmtpSettings;
  from: string;
  to: string[];
}

export type NotifyTarget = TelegramTarget | SlackTarget | DiscordTarget | WebhookTarget | EmailTarget;
