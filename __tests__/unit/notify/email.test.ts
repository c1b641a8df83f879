/**
 * E-mail through a real SMTP server on loopback (the `smtp-server` package) with the test CA's
 * certificate: STARTTLS for smtp://, TLS from the first byte for smtps://, a login, and a text
 * part and an HTML part in which response text is escaped.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import type { NotifyContext } from '../../../src/notify/message.js';
import { parseNotify } from '../../../src/config/notify.js';
import { sendNotice } from '../../../src/notify/send.js';
import type { NotifyTarget } from '../../../src/config/notify-types.js';
import { redactText } from '../../../src/text/redact.js';
import { makeCerts } from '../../support/certs.js';
import { HOSTILE, mimeParts, pageUrl, runUrl, sampleEvent, startSmtp } from '../../support/channels.js';
import type { SmtpService } from '../../support/channels.js';

const PASSWORD = 'p@ss word!';
let smtp: SmtpService | null = null;
afterEach(async () => {
  await smtp?.close();
  smtp = null;
});

function target(url: string): NotifyTarget {
  const yaml = `- email: { smtp: "${url}", from: "Vigil <vigil@example.com>", to: [ops@example.com, dev@example.com] }`;
  const { targets, problems, secrets } = parseNotify(parse(yaml), (text) => text);
  expect(problems).toEqual([]);
  expect(secrets).toContain(PASSWORD);
  return targets[0];
}

const password = encodeURIComponent(PASSWORD);
/** The server's certificate is for `localhost`, signed by the test CA; we connect to 127.0.0.1. */
const context = (): NotifyContext => ({
  redact: (text) => redactText(text, [PASSWORD]),
  runUrl,
  pageUrl,
  timeoutMs: 5000,
  smtpTls: { ca: makeCerts().ca, servername: 'localhost' },
});

describe('e-mail', () => {
  test('smtp:// upgrades with STARTTLS, logs in, and sends a text part and an HTML part', async () => {
    smtp = await startSmtp({ implicitTls: false, user: 'vigil', password: PASSWORD });
    await sendNotice(target(`smtp://vigil:${password}@127.0.0.1:${smtp.port}`), sampleEvent({ error: HOSTILE }), context());
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe('vigil');
    expect(mail.from).toBe('vigil@example.com');
    expect(mail.to).toEqual(['ops@example.com', 'dev@example.com']);
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mail.raw).toMatch(/multipart\/alternative/);

    const parts = mimeParts(mail.raw);
    const text = parts.find((part) => part.type === 'text/plain')!.body;
    const html = parts.find((part) => part.type === 'text/html')!.body;
    expect(text).toContain('🔴 API health is down');
    expect(text).toContain('Down since: 2026-11-26 09:55 UTC');
    expect(text).toContain(`Workflow run: ${runUrl}`);
    expect(html).toContain('<h2>🔴 API health is down</h2>');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('&lt;a href=&quot;http\u200b://evil.example&quot;&gt;');
    expect(html).not.toMatch(/<b>|<a href="http:\/\/evil/);
    expect(html).toContain('<a href="https://github.com/acme/site/issues/12">Incident #12</a>');
  });

  test('smtps:// speaks TLS from the first byte', async () => {
    smtp = await startSmtp({ implicitTls: true, user: 'vigil', password: PASSWORD });
    await sendNotice(target(`smtps://vigil:${password}@127.0.0.1:${smtp.port}`), sampleEvent(), context());
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].secure).toBe(true);
    expect(smtp.logins).toEqual([{ user: 'vigil', password: PASSWORD }]);
  });

  test('a server that offers no STARTTLS never sees the password: the send fails instead', async () => {
    smtp = await startSmtp({ implicitTls: false, offerStartTls: false, user: 'vigil', password: PASSWORD });
    const failure = await sendNotice(target(`smtp://vigil:${password}@127.0.0.1:${smtp.port}`), sampleEvent(), context()).catch(
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toMatch(/STARTTLS|TLS/i);
    expect(smtp.logins).toEqual([]);
    expect(smtp.mails).toEqual([]);
  });

  test('a wrong password is a failure that names the refusal, not the password', async () => {
    smtp = await startSmtp({ implicitTls: true, user: 'vigil', password: 'another' });
    const failure = await sendNotice(target(`smtps://vigil:${password}@127.0.0.1:${smtp.port}`), sampleEvent(), context()).catch(
      (error: Error) => error,
    );
    expect(String(failure)).toMatch(/EAUTH|535|Invalid/);
    expect(String(failure)).not.toContain(PASSWORD);
  });
});
