/**
 * The status page end to end: a run of the built dist/index.js on a data branch that already
 * holds weeks of history, on a real git server. The page and badges are read back from the
 * branch as GitHub Pages would serve them, the page is opened in Chromium, and the summary shows
 * the badge Markdown for the Pages site.
 *
 * GitHub Pages exists only on github.com, so the run is told GITHUB_SERVER_URL=https://github.com;
 * an HTTPS proxy that poses as github.com (its certificate trusted through GIT_SSL_CAINFO) takes
 * git to the loopback server, so nothing leaves the machine (through a proxy, git does not even
 * look the host name up).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import type { Browser } from 'playwright-core';
import { runAction, type ActionRun } from '../support/action.js';
import { browserMissing, launch, openPage } from '../support/browser.js';
import { makeCerts } from '../support/certs.js';
import { git, startGitServer, startTlsFront, type GitServer } from '../support/git-server.js';
import { branchFiles, seedCommits } from '../support/run-fixture.js';
import { behaviours, closedPort, startServer, type Service } from '../support/servers.js';

const TOKEN = 'ghs_P4geT3stT0kenThatMustNeverShow99';
const REPOSITORY = 'Acme/shop';
const BRANCH = 'vigil-data';
const HOSTILE = '<img src="https://evil.example/x.png" onerror="document.title=1">Partner & co';
const BADGES = ['status', 'uptime-24h', 'uptime-7d', 'uptime-30d', 'response-time'];
const DAY_MS = 86_400_000;

/** The shields.io endpoint schema, as shields validates it (services/endpoint-common.js: strict, unknown keys refused). */
const SHIELDS_ENDPOINT_SCHEMA = {
  type: 'object',
  required: ['schemaVersion', 'label', 'message'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1 },
    label: { type: 'string' },
    message: { type: 'string', minLength: 1 },
    color: { type: 'string', minLength: 1 },
    labelColor: { type: 'string' },
    isError: { type: 'boolean' },
    namedLogo: { type: 'string' },
    logoSvg: { type: 'string' },
    logoColor: { type: 'string' },
    logoWidth: { type: 'number' },
    style: { type: 'string' },
    cacheSeconds: { type: 'integer', minimum: 0 },
  },
};
/** The colours shields names (any other would have to be hex or CSS). */
const SHIELDS_NAMED = ['brightgreen', 'green', 'yellowgreen', 'yellow', 'orange', 'red', 'blue', 'lightgrey', 'grey'];

const missing = browserMissing();
if (missing && process.env.CI !== 'true') console.warn(`Skipping the browser part of the page end-to-end test: ${missing}`);
const testInBrowser = missing && process.env.CI !== 'true' ? test.skip : test;

let service: Service;
let gitServer: GitServer;
let gitDir: string;
let front: { url: string; close(): Promise<void> };
let run: ActionRun;
let files: Map<string, string>;
const threeDaysAgo = new Date(Date.now() - 3 * DAY_MS).toISOString().slice(0, 10);

const ENDPOINTS = (downPort: number) => `
- { id: api, name: API, url: "${service.url}/ok" }
- { id: slow, name: Slow search, url: "${service.url}/delay-headers/300", max-response-time: 100ms }
- { id: partner, name: '${HOSTILE.replace(/'/g, "''")}', url: "${service.url}/ok?partner" }
- { id: payments, name: Payments, url: "http://127.0.0.1:${downPort}/", retries: 0 }`;

/** A data branch with weeks of daily rows (no raw files: those days are past `history-days`). */
function seedHistory() {
  const rows = ['date,id,checks,up,degraded,down,maintenance,p50,p95,p99'];
  for (let ago = 40; ago >= 1; ago--) {
    const date = new Date(Date.now() - ago * DAY_MS).toISOString().slice(0, 10);
    for (const id of ['api', 'slow', 'partner', 'payments']) {
      const down = id === 'api' && date === threeDaysAgo ? 30 : 0;
      rows.push(`${date},${id},288,${288 - down},0,${down},0,120,300,450`);
    }
  }
  const daily = rows.join('\n') + '\n';
  seedCommits(gitDir, [
    {
      at: Date.now() - DAY_MS,
      message: 'Vigil: earlier runs\n',
      files: { 'daily.csv': daily },
      committer: 'Vigil <vigil@users.noreply.github.com>',
    },
  ]);
}

beforeAll(async () => {
  service = await startServer(behaviours);
  gitServer = await startGitServer(TOKEN);
  gitDir = gitServer.createRepo(REPOSITORY);
  seedHistory();
  const certs = makeCerts();
  front = await startTlsFront(gitServer, { key: certs.key, cert: certs.github });
  const downPort = await closedPort();
  run = await runAction({
    inputs: {
      endpoints: ENDPOINTS(downPort),
      history: 'true',
      'github-token': TOKEN,
      'keep-alive': 'false',
      'page-title': 'Shop status',
    },
    env: {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: REPOSITORY,
      https_proxy: front.url,
      HTTPS_PROXY: front.url,
      GIT_SSL_CAINFO: certs.caFile,
    },
  });
  files = branchFiles(gitDir);
}, 120_000);
afterAll(async () => Promise.all([service.close(), gitServer.close(), front.close()]));

describe('a run with history, read back from the data branch', () => {
  test('pushes the page and every badge onto the branch', () => {
    // Payments is down: the step fails, and everything is still written.
    expect(run.code).toBe(1);
    expect(run.outputs['history-commit']).toMatch(/^[0-9a-f]{40}$/);
    expect(git(gitDir, ['rev-parse', BRANCH]).trim()).toBe(run.outputs['history-commit']);
    expect(files.has('index.html')).toBe(true);
    expect(files.get('.nojekyll')).toBe(''); // Pages serves the files as they are, no Jekyll build
    for (const id of ['api', 'slow', 'partner', 'payments'])
      for (const badge of BADGES) for (const ext of ['json', 'svg']) expect(files.has(`badges/${id}/${badge}.${ext}`)).toBe(true);
  });

  test('every badge JSON is a valid shields.io endpoint, and says what the run found', () => {
    const validate = new Ajv({ strict: true }).compile(SHIELDS_ENDPOINT_SCHEMA);
    for (const [name, text] of files) {
      if (!name.endsWith('.json') || !name.startsWith('badges/')) continue;
      const badge = JSON.parse(text) as { color: string };
      expect([name, validate(badge), validate.errors ?? null]).toEqual([name, true, null]);
      expect(SHIELDS_NAMED).toContain(badge.color);
    }
    const badge = (id: string, file: string) => JSON.parse(files.get(`badges/${id}/${file}.json`)!) as Record<string, unknown>;
    expect(badge('api', 'status')).toEqual({ schemaVersion: 1, label: 'API', message: 'up', color: 'brightgreen' });
    expect(badge('slow', 'status')).toMatchObject({ message: 'degraded', color: 'yellow' });
    expect(badge('payments', 'status')).toMatchObject({ message: 'down', color: 'red' });
    // A long name is shortened, as plain text (shields and the SVG escape it themselves).
    const partner = String(badge('partner', 'status').label);
    expect(partner.endsWith('…')).toBe(true);
    expect(HOSTILE.startsWith(partner.slice(0, -1))).toBe(true);
    // 30 down checks three days ago, among 288 a day for 29 days and this run's: 99.64 %, green.
    expect(badge('api', 'uptime-30d')).toMatchObject({ label: 'uptime 30d', color: 'green' });
    expect(badge('api', 'uptime-30d').message).toMatch(/^99\.6\d*%$/);
    expect(badge('api', 'uptime-24h')).toMatchObject({ message: '100%', color: 'brightgreen' });
  });

  test('the summary shows the badge Markdown for the Pages site, as code to copy', () => {
    expect(run.summary).toContain('Badges for your README');
    expect(run.summary).toContain(
      '[![API status](https://acme.github.io/shop/badges/api/status.svg)](https://acme.github.io/shop/)',
    );
    // Inside a code block: nothing of it renders, the hostile name included.
    const block = /```markdown\n([\s\S]*?)\n```/.exec(run.summary)?.[1] ?? '';
    for (const id of ['api', 'slow', 'partner', 'payments'])
      expect(block).toContain(`(https://acme.github.io/shop/badges/${id}/status.svg)`);
    expect(run.summary.replace(block, '')).not.toContain('<img src="https://evil.example');
  });

  testInBrowser(
    'the page, opened in Chromium, shows every endpoint and its history with nothing fetched',
    async () => {
      if (missing) throw new Error(`${missing}; CI must run the browser tests`);
      const browser: Browser = await launch();
      try {
        const opened = await openPage(browser, files.get('index.html')!, { width: 1280, colorScheme: 'light', enforceCsp: true });
        try {
          const { page } = opened;
          await expect(page.title()).resolves.toContain('Shop status');
          const cards = page.locator('article.ep');
          await expect(cards.count()).resolves.toBe(4);
          const names = await cards.locator('h3').allInnerTexts();
          expect([...names].sort()).toEqual(['API', HOSTILE, 'Payments', 'Slow search'].sort());
          for (let index = 0; index < 4; index++) {
            await cards.nth(index).scrollIntoViewIfNeeded();
            await expect(cards.nth(index).locator('ol.bars > li').count()).resolves.toBe(90);
          }
          // The seeded day, from daily.csv, is a bar of its own that says what happened.
          const api = cards.filter({ has: page.locator('h3', { hasText: /^API$/ }) });
          await expect(api.locator('ol.bars > li', { hasText: '30 of 288 checks down' }).count()).resolves.toBe(1);
          const payments = cards.filter({ has: page.locator('h3', { hasText: /^Payments$/ }) });
          await expect(payments.locator('.st').innerText()).resolves.toBe('Down');
          // The built page's script ran under its own CSP: the page tells its age, and it is fresh.
          await expect(page.locator('header .meta').innerText()).resolves.toMatch(
            /^Updated (just now|\d+ min ago) · checks ran /,
          );
          await expect(page.locator('#stale').isVisible()).resolves.toBe(false);
          expect(opened.outside).toEqual([]);
          expect(opened.errors).toEqual([]);
        } finally {
          await opened.close();
        }

        // Every SVG badge draws as an image, with nothing fetched either.
        const images = [...files]
          .filter(([name]) => name.endsWith('.svg'))
          .map(([name, svg]) => `<img alt="${name}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`);
        const gallery = await openPage(browser, `<!doctype html><title>badges</title>${images.join('')}`, {
          width: 800,
          colorScheme: 'light',
        });
        try {
          const drawn = await gallery.page.$$eval('img', (all) =>
            all.map((img) => [img.alt, img.complete && img.naturalWidth > 0]),
          );
          expect(drawn).toHaveLength(4 * BADGES.length);
          for (const [name, ok] of drawn) expect([name, ok]).toEqual([name, true]);
          expect(gallery.outside).toEqual([]);
        } finally {
          await gallery.close();
        }
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
