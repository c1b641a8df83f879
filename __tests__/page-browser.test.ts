/**
 * The status page in a real Chromium, as visitors meet it: from a local file, at a desktop and
 * a phone width, in light and dark, with every request watched and axe-core checking it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { renderPage } from '../src/page/page.js';
import { browserMissing, launch, openPage, seriousViolations } from './support/browser.js';
import { pageFixture } from './support/page-fixture.js';

const HOSTILE = '<img src="https://evil.example/x.png" onerror="document.title=1">Evil &amp; co';

const missing = browserMissing();
if (missing && process.env.CI !== 'true') console.warn(`Skipping the status page browser tests: ${missing}`);
const describeInBrowser = missing && process.env.CI !== 'true' ? describe.skip : describe;

describeInBrowser('status page in Chromium', () => {
  let browser: Browser;
  const input = pageFixture({ endpoints: 5, overrides: [{}, {}, {}, {}, { name: HOSTILE }] });
  const html = renderPage(input);
  const names = input.status.endpoints.map((endpoint) => endpoint.name);

  beforeAll(async () => {
    if (missing) throw new Error(`${missing}; CI must run the browser tests`);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each([
    { width: 1280, colorScheme: 'light' as const },
    { width: 1280, colorScheme: 'dark' as const },
    { width: 375, colorScheme: 'light' as const },
    { width: 375, colorScheme: 'dark' as const },
  ])('at $width px, $colorScheme', ({ width, colorScheme }) => {
    test('shows every endpoint, its figures, 90 bars and a chart, with nothing fetched and no error', async () => {
      const opened = await openPage(browser, html, { width, colorScheme });
      try {
        const { page } = opened;
        const cards = page.locator('article.ep');
        await expect(cards.count()).resolves.toBe(names.length);
        for (const [index, name] of names.entries()) {
          const card = cards.nth(index);
          // Cards off screen are drawn when scrolled to (content-visibility), as a visitor would.
          await card.scrollIntoViewIfNeeded();
          await expect(card.locator('h3').innerText()).resolves.toBe(name);
          await expect(card.locator('.st').innerText()).resolves.toMatch(/^(Up|Down|Degraded|Maintenance)$/);
          await expect(card.locator('dl.fig dd').allInnerTexts()).resolves.toHaveLength(4);
          await expect(card.locator('ol.bars > li').count()).resolves.toBe(90);
          const chart = card.locator('svg.rt');
          await expect(chart.isVisible()).resolves.toBe(true);
          // The chart has an accessible name and description, as a screen reader gets them.
          const label = await chart.evaluate((svg) => {
            const ids = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
            return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
          });
          expect(label).toContain(`Response time of ${name}`);
          expect(label).toMatch(/p95 from \d+ ms to [\d.]+ m?s/);
        }
        const figures = await cards.nth(0).locator('dl.fig dd').allInnerTexts();
        expect(figures.map((text) => text.trim())).toEqual(['100%', '99.95%', '99.98%', '99.96%']);
        await expect(page.locator('.banner').innerText()).resolves.toContain('Partial outage');
        await expect(page.locator('.incidents a').getAttribute('href')).resolves.toBe('https://github.com/acme/status/issues/12');
        await expect(page.locator('.outages li').count()).resolves.toBeGreaterThan(0);
        // Nothing is cut off or needs sideways scrolling.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        // The hostile name is text: no image was requested and no script ran.
        expect(await page.title()).not.toBe('1');
        expect(opened.outside).toEqual([]);
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.close();
      }
    });

    test('has no serious or critical accessibility violation (axe-core)', async () => {
      const opened = await openPage(browser, html, { width, colorScheme });
      try {
        // Draw every card, not only those on screen, so axe checks colours and sizes everywhere.
        await opened.page.addStyleTag({ content: '.ep{content-visibility:visible!important}' });
        const violations = await seriousViolations(opened.page);
        expect(violations).toEqual([]);
      } finally {
        await opened.close();
      }
    });
  });

  test('the watch on requests would catch one that leaves the page (so "nothing fetched" means something)', async () => {
    const leaky = html.replace('</main>', '<img src="https://203.0.113.9/pixel.png" alt=""></main>');
    const opened = await openPage(browser, leaky, { width: 800, colorScheme: 'light' });
    await opened.close();
    expect(opened.outside).toEqual(['https://203.0.113.9/pixel.png']);
  });

  test('its own Content-Security-Policy blocks nothing the page needs', async () => {
    const opened = await openPage(browser, html, { width: 800, colorScheme: 'light', enforceCsp: true });
    try {
      // Styles (the sheet and style attributes), icons by reference and the data: favicon all load.
      const styled = await opened.page.evaluate(() => getComputedStyle(document.querySelector('.card')!).borderRadius);
      expect(styled).toBe('12px');
      expect(await opened.page.locator('.banner svg').boundingBox()).toMatchObject({ width: 32, height: 32 });
      expect(opened.errors).toEqual([]);
      expect(opened.outside).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test('follows the colour scheme: light and dark backgrounds differ, text stays readable', async () => {
    const colours: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const opened = await openPage(browser, html, { width: 800, colorScheme });
      colours.push(await opened.page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      await opened.close();
    }
    expect(colours[0]).not.toBe(colours[1]);
  });

  test('a bar tells its date and figure on hover', async () => {
    const opened = await openPage(browser, html, { width: 1280, colorScheme: 'light' });
    try {
      const bar = opened.page.locator('article.ep').nth(1).locator('ol.bars > li').nth(89);
      const label = bar.locator('i');
      const hidden = await label.boundingBox();
      expect(hidden!.width).toBeLessThanOrEqual(1);
      await bar.hover();
      const shown = await label.boundingBox();
      expect(shown!.width).toBeGreaterThan(40);
      await expect(label.innerText()).resolves.toMatch(/^26 Nov: \d+(\.\d+)?%/);
    } finally {
      await opened.close();
    }
  });

  test('reads the same with JavaScript off, and from 320 px wide', async () => {
    const opened = await openPage(browser, html, { width: 320, colorScheme: 'light', javaScript: false });
    try {
      const { page } = opened;
      await expect(page.locator('h1').innerText()).resolves.toBe('acme/status');
      await expect(page.locator('article.ep').count()).resolves.toBe(names.length);
      const widest = await page.locator('article.ep').first().boundingBox();
      expect(widest!.x + widest!.width).toBeLessThanOrEqual(320);
      const bars = await page
        .locator('article.ep')
        .first()
        .locator('ol.bars > li')
        .evaluateAll((items) => items.map((item) => item.getBoundingClientRect().width));
      expect(bars).toHaveLength(90);
      expect(Math.min(...bars)).toBeGreaterThan(1);
      expect(opened.outside).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
