import { describe, expect, test } from '@jest/globals';
import { isSecretParam, redactText, redactUrl, secretForms, secretsOfHeader, secretsOfUrl } from '../../../src/text/redact.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('query parameters whose name looks secret', () => {
  test.each(['pass', 'pw', 'passphrase', 'hmac', 'ticket', 'sid', 'hash', 'x-hmac-sha256', 'userPw', 'PHPSESSID'])(
    '%s is masked',
    (name) => {
      expect(isSecretParam(name)).toBe(true);
      expect(redactUrl(`https://a.example/?${name}=v4lue-1&page=2`)).toBe(`https://a.example/?${name}=***&page=2`);
    },
  );

  test('short words count only as whole words of the name, so ordinary parameters stay readable', () => {
    expect(redactUrl('https://a.example/?hash=v1&hashtag=v2&pw=v3&passenger=v4&zipcode=v5&session_pw=v6')).toBe(
      'https://a.example/?hash=***&hashtag=v2&pw=***&passenger=v4&zipcode=v5&session_pw=***',
    );
    // What was masked before still is.
    for (const name of [
      'token',
      'api_key',
      'apiKey',
      'accesskey',
      'X-Amz-Signature',
      'sig',
      'client_secret',
      'password',
      'code',
    ]) {
      expect([name, isSecretParam(name)]).toEqual([name, true]);
    }
  });
});

describe('every form a credential travels in', () => {
  test('a value is also hidden percent-encoded, with + for a space, and as the URL parser writes it', () => {
    const secret = 'p@ss w+rd/ü"';
    const text = [
      encodeURIComponent(secret),
      new URLSearchParams({ q: secret }).toString().slice(2),
      new URL(`https://a.example/${secret}`).pathname.slice(1),
      new URL(`https://a.example/?${secret}`).search.slice(1),
      JSON.stringify({ echoed: secret }),
    ].join(' | ');
    expect(redactText(text, [secret])).toBe('*** | *** | *** | *** | {"echoed":"***"}');
    expect(secretForms(secret)).toEqual(
      expect.arrayContaining([secret, 'p%40ss%20w%2Brd%2F%C3%BC%22', 'p%40ss+w%2Brd%2F%C3%BC%22']),
    );
  });

  test('URL credentials are also hidden as the Base64 of user:password that a Basic header carries', () => {
    const secrets = secretsOfUrl('https://deploy%20bot:s3cret%2Bpw@a.example/health');
    const echoed = `Authorization: Basic ${base64('deploy bot:s3cret+pw')} (unpadded ${base64('deploy bot:s3cret+pw').replace(/=+$/, '')})`;
    expect(redactText(echoed, secrets)).toBe('Authorization: Basic *** (unpadded ***)');
    expect(redactText('user deploy bot, password s3cret+pw, s3cret%2Bpw', secrets)).toBe('user ***, password ***, ***');
  });

  test('a header value is hidden whole, by its credentials alone, and for Basic by what it encodes', () => {
    const header = `Basic ${base64('ops:hunter22')}`;
    const secrets = secretsOfHeader(header);
    expect(redactText(`got ${header}; token ${base64('ops:hunter22')}; pair ops:hunter22; password hunter22`, secrets)).toBe(
      'got ***; token ***; pair ***; password ***',
    );
    expect(redactText('echo: tok-Abc123', secretsOfHeader('Bearer tok-Abc123'))).toBe('echo: ***');
    // Text after a scheme that is not Base64 of user:password is not decoded into noise.
    expect(secretsOfHeader('Basic not-base64!')).toEqual(expect.not.arrayContaining(['']));
  });
});

describe('URLs of other kinds', () => {
  test('the scheme is never masked, also when the user is named like it; the rest is', () => {
    const href = 'postgres://postgres:Pw-0f-the-DB@db.internal:5432/postgres';
    expect(redactUrl(href, secretsOfUrl(href))).toBe('postgres://***:***@db.internal:5432/***');
    // A whole URL given as a secret is still masked whole.
    expect(redactUrl('https://hooks.example/T0/s3cr3t', ['https://hooks.example/T0/s3cr3t'])).toBe('***');
  });

  test('a URL without an authority is shown as written, without a //', () => {
    expect(redactUrl('telegram-bot:123456789')).toBe('telegram-bot:123456789');
  });
});
