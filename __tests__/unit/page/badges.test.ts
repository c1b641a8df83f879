/**
 * Badges: the shields.io endpoint JSON and the self-contained SVG of each endpoint, their colours,
 * and the Markdown to paste. The SVGs are also opened in Chromium, as a README viewer would.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import type { Browser } from 'playwright-core';
import type { EndpointFigures } from '../../../src/history/types.js';
import { badgeMarkdown, renderBadges, responseColor, textWidth, uptimeColor, type Badge } from '../../../src/page/badges.js';
import { browserMissing, launch, openPage } from '../../support/browser.js';
import { pageFixture } from '../../support/page-fixture.js';

function figures(overrides: Partial<EndpointFigures> = {}): EndpointFigures {
  return { ...pageFixture({ endpoints: 1 }).status.endpoints[0], ...overrides };
}

const FILES = ['status', 'uptime-24h', 'uptime-7d', 'uptime-30d', 'response-time'];

describe('badge files', () => {
  test('one JSON and one SVG per badge under badges/ID/, in the shields.io endpoint shape', () => {
    const files = renderBadges(
      figures({
        status: 'down',
        uptime: { '24h': 96.527, '7d': 99.95, '30d': 99.988, '90d': 99.961 },
        responseTime: { '24h': { p50: 300, p95: 880, p99: 1400 }, '7d': { p50: 1, p95: 2, p99: 3 } },
      }),
      { maxResponseTime: 1000 },
    );
    expect([...files.keys()].sort()).toEqual(
      FILES.flatMap((f) => [`badges/home-page/${f}.json`, `badges/home-page/${f}.svg`]).sort(),
    );
    const json = (file: string): Badge => JSON.parse(files.get(`badges/home-page/${file}.json`)!);
    expect(json('status')).toEqual({ schemaVersion: 1, label: 'Home page', message: 'down', color: 'red' });
    expect(json('uptime-24h')).toEqual({ schemaVersion: 1, label: 'uptime 24h', message: '96.52%', color: 'yellow' });
    expect(json('uptime-7d')).toEqual({ schemaVersion: 1, label: 'uptime 7d', message: '99.95%', color: 'brightgreen' });
    expect(json('uptime-30d')).toEqual({ schemaVersion: 1, label: 'uptime 30d', message: '99.98%', color: 'brightgreen' });
    expect(json('response-time')).toEqual({ schemaVersion: 1, label: 'response time', message: '880 ms', color: 'yellow' });
    const svg = files.get('badges/home-page/status.svg')!;
    expect(svg).toContain('<title>Home page: down</title>');
    expect(svg).toContain('aria-label="Home page: down"');
    expect(svg).toContain('fill="#e05d44"');
  });

  test('no data reads as such, in grey', () => {
    const files = renderBadges(
      figures({
        uptime: { '24h': null, '7d': null, '30d': null, '90d': null },
        responseTime: { '24h': { p50: null, p95: null, p99: null }, '7d': { p50: null, p95: null, p99: null } },
      }),
    );
    expect(JSON.parse(files.get('badges/home-page/uptime-24h.json')!)).toMatchObject({ message: 'no data', color: 'lightgrey' });
    expect(JSON.parse(files.get('badges/home-page/response-time.json')!)).toMatchObject({
      message: 'no data',
      color: 'lightgrey',
    });
  });

  test('a hostile name is escaped in the SVG and cut to a badge`s length; an unsafe id writes nothing', () => {
    const name = `<script>alert(1)</script> & "quotes" ${'x'.repeat(60)}`;
    const files = renderBadges(figures({ name }));
    const svg = files.get('badges/home-page/status.svg')!;
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(JSON.parse(files.get('badges/home-page/status.json')!).label).toHaveLength(40);
    expect(renderBadges(figures({ id: '../../.github/workflows' })).size).toBe(0);
    expect(renderBadges(figures({ id: 'главная' })).has('badges/главная/status.svg')).toBe(true);
  });

  test('uptime colours follow Upptime`s thresholds', () => {
    expect([100, 99.9, 99.89, 99, 98.99, 97, 96.9, 95, 94.9, 90, 89.9, null].map(uptimeColor)).toEqual([
      'brightgreen',
      'brightgreen',
      'green',
      'green',
      'yellowgreen',
      'yellowgreen',
      'yellow',
      'yellow',
      'orange',
      'orange',
      'red',
      'lightgrey',
    ]);
  });

  test('response-time colours go by multiples of the threshold', () => {
    expect([250, 251, 500, 750, 1000, 2000, 2001, null].map((ms) => responseColor(ms, 1000))).toEqual([
      'brightgreen',
      'green',
      'green',
      'yellowgreen',
      'yellow',
      'orange',
      'red',
      'lightgrey',
    ]);
  });

  test('text width is estimated per character (narrow i, wide W, CJK a full em)', () => {
    expect(textWidth('iiii')).toBeLessThan(textWidth('WWWW') / 2);
    expect(textWidth('up')).toBe(14);
    expect(textWidth('首页')).toBe(22);
  });
});

describe('badge Markdown', () => {
  test('status, 30-day uptime and response time, each linking to the page', () => {
    expect(badgeMarkdown('https://acme.github.io/status/', 'api-health', 'API health')).toBe(
      '[![API health status](https://acme.github.io/status/badges/api-health/status.svg)](https://acme.github.io/status/) ' +
        '[![API health uptime (30 days)](https://acme.github.io/status/badges/api-health/uptime-30d.svg)](https://acme.github.io/status/) ' +
        '[![API health response time](https://acme.github.io/status/badges/api-health/response-time.svg)](https://acme.github.io/status/)',
    );
  });

  test('a hostile name stays alt text: three images, three links, no mention', () => {
    const md = badgeMarkdown('https://acme.github.io/status', 'x', '](https://evil.example) @octocat <b>hi</b> [');
    const rendered = new MarkdownIt({ linkify: true }).renderInline(md);
    expect(rendered.match(/<img /g)).toHaveLength(3);
    expect(rendered.match(/<a /g)).toHaveLength(3);
    expect(rendered).not.toContain('evil.example"');
    expect(rendered).not.toContain('<b>');
    expect(md).not.toContain('@octocat');
  });
});

const missing = browserMissing();
const describeInBrowser = missing && process.env.CI !== 'true' ? describe.skip : describe;

describeInBrowser('badges in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (missing) throw new Error(`${missing}; CI must run the browser tests`);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('each SVG is well-formed, fetches nothing, and its text fits the width estimated for it', async () => {
    const files = renderBadges(figures({ name: 'Payments & <billing> — Главная 首页' }));
    for (const file of FILES) {
      const svg = files.get(`badges/home-page/${file}.svg`)!;
      const opened = await openPage(browser, `<!doctype html><html lang="en"><title>x</title><body>${svg}</body></html>`, {
        width: 600,
        colorScheme: 'light',
      });
      try {
        const parsed = await opened.page.evaluate(
          (text) => new DOMParser().parseFromString(text, 'image/svg+xml').getElementsByTagName('parsererror').length,
          svg,
        );
        expect(parsed).toBe(0);
        // Natural width of each text (without the pinned textLength) against the estimate.
        const fits = await opened.page.evaluate(() =>
          [...document.querySelectorAll('text:not([fill])')].map((text) => {
            const estimate = Number(text.getAttribute('textLength'));
            text.removeAttribute('textLength');
            return { estimate, natural: (text as SVGTextContentElement).getComputedTextLength() };
          }),
        );
        for (const { estimate, natural } of fits) expect(Math.abs(natural - estimate) / estimate).toBeLessThan(0.12);
        expect(opened.outside).toEqual([]);
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.close();
      }
    }
  });
});
