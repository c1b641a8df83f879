/**
 * Masked first, then cut — in every sink. Servers that echo the secrets they were sent (in the
 * status text, a header, the body, a JSON parser's quote of the body, a chat service's long error,
 * a mail server's refusal of AUTH PLAIN and AUTH LOGIN), each placed so that a text cut before it
 * was masked would keep the secret's start. Not even the first eight characters of a secret may
 * show in the log, the outputs, the summary, an issue, a chat message, the data branch (state.json's
 * outbox) or the status page.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { makeCerts } from '../support/certs.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { dataRepo, shown } from '../support/data-branch.js';
import { git, startGitServer, type GitServer } from '../support/git-server.js';
import { startServer, type Service } from '../support/servers.js';

const API_TOKEN = 'ghp_TrustApiToken_0123456789abcdef';
const URL_TOKEN = 'urlTOKENsecret_987654321';
const HOOK_KEY = 'hookKEYsecret_24681357';
const HOOK_SECRET = 'signSECRETvalue_1122334455';
const SLACK_PATH = 'slackPATHsecret_5566778899';
const SMTP_USER = 'vigil-mailer';
const SMTP_PASSWORD = 'smtpPASSWORDsecret_13579';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const AUTH_PLAIN = base64(`\0${SMTP_USER}\0${SMTP_PASSWORD}`);
const AUTH_LOGIN_PASSWORD = base64(SMTP_PASSWORD);

/** Every secret and the encoded forms that travel on the wire. */
const SECRETS = [API_TOKEN, URL_TOKEN, HOOK_KEY, HOOK_SECRET, SLACK_PATH, SMTP_PASSWORD, AUTH_PLAIN, AUTH_LOGIN_PASSWORD];

let gitServer: GitServer;
let service: Service;
let chat: Service;
let github: FakeGitHub;
let smtp: SMTPServer;
let smtpPort: number;

beforeAll(async () => {
  gitServer = await startGitServer('test-token');
  service = await startServer((req, res) => {
    const token = /Bearer (\S+)/.exec(String(req.headers.authorization))?.[1] ?? '';
    if (req.url?.startsWith('/excerpt')) {
      // The token straddles the end of the body excerpt (2048 bytes), in the status text and a header.
      res.writeHead(503, `Unavailable for ${token} ${'z'.repeat(300)}`, { 'x-echo': token, 'content-type': 'text/plain' });
      res.end(`${'x'.repeat(2040)}${token}${'y'.repeat(5000)}`);
    } else {
      // Not JSON, starting with the token: V8's error quotes its first characters, cut with `...`.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${token} and the query ${req.url} echoed`);
    }
  });
  chat = await startServer((req, res) => {
    // A chat service that answers with a long error quoting the request's path, the secret at
    // character 180, where a 200-character cut would split it.
    res.writeHead(req.url?.includes('vigil') ? 500 : 400, { 'content-type': 'text/plain' });
    res.end(`${'e'.repeat(180)}${req.url} ${'f'.repeat(500)}`);
  });
  const certs = makeCerts();
  smtp = new SMTPServer({
    secure: true,
    key: certs.key,
    cert: certs.valid,
    authMethods: ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      // A mail server that echoes what it received, long enough to be cut.
      const echoed = `${'m'.repeat(150)} got ${AUTH_PLAIN} and ${AUTH_LOGIN_PASSWORD} for ${auth.username}:${auth.password} ${'n'.repeat(400)}`;
      callback(new Error(echoed));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await Promise.all([
    gitServer.close(),
    service.close(),
    chat.close(),
    new Promise<void>((resolve) => smtp.close(() => resolve())),
  ]);
  await github?.close();
});

/** Each secret's first eight characters, wherever they show. */
function leaks(where: string, text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret.slice(0, 8))).map((secret) => `${where}: ${secret.slice(0, 8)}…`);
}

test('secrets echoed by an endpoint, a chat service and a mail server show nowhere, not even their start', async () => {
  const repo = dataRepo(gitServer, {
    API_TOKEN,
    URL_TOKEN,
    HOOK_URL: `${chat.url}/vigil?key=${HOOK_KEY}`,
    HOOK_SECRET,
    SLACK_URL: `${chat.url}/services/T0/B0/${SLACK_PATH}`,
    SMTP_URL: `smtps://${SMTP_USER}:${SMTP_PASSWORD}@localhost:${smtpPort}`,
    NODE_EXTRA_CA_CERTS: makeCerts().caFile,
  });
  github = await startFakeGitHub(repo.repository);
  const endpoints = [
    `- { id: excerpt, name: Excerpt, url: "${service.url}/excerpt?token=\${URL_TOKEN}", headers: { Authorization: "Bearer \${API_TOKEN}" } }`,
    `- { id: parser, name: Parser, url: "${service.url}/json?token=\${URL_TOKEN}", headers: { Authorization: "Bearer \${API_TOKEN}" }, json: { status: ok } }`,
  ].join('\n');
  const notify = [
    '- webhook: { url: "${HOOK_URL}", secret: "${HOOK_SECRET}" }',
    '- slack: "${SLACK_URL}"',
    '- email: { smtp: "${SMTP_URL}", from: "vigil@example.com", to: "ops@example.com" }',
  ].join('\n');

  const run = await repo.run(
    { endpoints, notify, retries: '0', 'create-issues': 'true', 'fail-on': 'never' },
    { GITHUB_API_URL: github.url },
  );

  expect(run.code).toBe(0);
  // The endpoints were down and the sends failed, so every text above was made and shown.
  expect(github.issues).toHaveLength(2);
  expect(run.summary).toMatch(/Notifications that could not be sent/);
  expect(run.summary).toMatch(/Start of the response body/);

  const found = [
    ...leaks('log, outputs, summary', shown(run)),
    ...github.issues.flatMap((issue) => leaks(`issue #${issue.number}`, `${issue.title}\n${issue.body}`)),
    ...leaks('data branch', git(repo.gitDir, ['log', '-p', '--all'])),
    ...leaks('status page', repo.file('index.html') ?? ''),
  ];
  expect(found).toEqual([]);
  // The mail server's refusal (of AUTH, quoting it) was what failed the e-mail.
  expect(run.summary).toMatch(/email[^\n]*535/);
  // The outbox keeps what failed, masked.
  expect(repo.state().outbox.length).toBeGreaterThanOrEqual(2);
}, 120_000);
