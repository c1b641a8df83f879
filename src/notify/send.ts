/** Sends one event to one target, by channel. Throws a SendError on failure: one line, without
 * the target's own secrets (its token, webhook URL or password). */
import type { VigilEvent } from '../history/types.js';
import { redactText } from '../text/redact.js';
import { sendDiscord } from './discord.js';
import { sendEmail } from './email.js';
import { SHOWN_ERROR, SendError } from './http.js';
import { clip, oneLine } from '../text/one-line.js';
import type { NotifyContext } from './message.js';
import { sendSlack } from './slack.js';
import { sendTelegram } from './telegram.js';
import type { NotifyTarget } from '../config/notify-types.js';
import { sendWebhook } from './webhook.js';

export async function sendNotice(target: NotifyTarget, event: VigilEvent, context: NotifyContext): Promise<void> {
  try {
    await sendBy(target, event, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Masked first, then cut: a secret the service echoed near the cut leaves no prefix behind.
    throw new SendError(
      clip(
        oneLine(redactText(context.redact(message), [...target.secrets, ...pathsOf(target)]))
          .replace(/\s+/g, ' ')
          .trim(),
        SHOWN_ERROR + 100,
      ),
    );
  }
}

/** The path (with and without the query) of a target's URL: a service's error page may quote it
 * without the rest of the URL (`Cannot POST /hooks/…`), and for a webhook it is often the credential. */
function pathsOf(target: NotifyTarget): string[] {
  if (!('url' in target)) return [];
  const { pathname, search } = new URL(target.url);
  return [`${pathname}${search}`, pathname].filter((path) => path.length > 1);
}

function sendBy(target: NotifyTarget, event: VigilEvent, context: NotifyContext): Promise<void> {
  switch (target.channel) {
    case 'telegram':
      return sendTelegram(target, event, context);
    case 'slack':
      return sendSlack(target, event, context);
    case 'discord':
      return sendDiscord(target, event, context);
    case 'webhook':
      return sendWebhook(target, event, context);
    case 'email':
      return sendEmail(target, event, context);
  }
}
