/**
 * The status page in a real Chromium, as visitors meet it: from a local file, at a desktop and
 * a phone width, in light and dark, with every request watched and axe-core checking it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { COMPACT_FROM, renderEndpointPages, renderPage } from '../../src/page/page.js';
import { browserMissing, launch, openPage, seriousViolations } from '../support/browser.js';
import { pageFixture } from '../support/page-fixture.js';

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

describeInBrowser('many endpoints: a row each on index.html, every card on its own page', () => {
  let browser: Browser;
  const input = { ...pageFixture({ endpoints: COMPACT_FROM + 20 }), endpointPages: true };
  const html = renderPage(input);
  const files = renderEndpointPages(input);

  beforeAll(async () => {
    if (missing) throw new Error(`${missing}; CI must run the browser tests`);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each([
    { width: 1280, javaScript: true },
    { width: 320, javaScript: false },
  ])('at $width px (JavaScript $javaScript), a row leads to the whole card and back', async ({ width, javaScript }) => {
    const opened = await openPage(browser, html, { width, colorScheme: 'light', javaScript, files });
    try {
      const { page } = opened;
      const rows = page.locator('ul.rows > li');
      await expect(rows.count()).resolves.toBe(COMPACT_FROM + 20);
      const down = rows.nth(1);
      await expect(down.locator('.st').innerText()).resolves.toBe('Down');
      await expect(down.locator('.meta').innerText()).resolves.toMatch(
        /^Down since .* · issue #12 · uptime \(target 99%\) 24 h 96.52%/,
      );
      const box = await rows.first().boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      // axe-core is a script: it runs where JavaScript is on.
      if (javaScript) expect(await seriousViolations(page)).toEqual([]);
      await down.locator('h3 a').click();
      const endpoint = input.status.endpoints[1];
      await expect(page.locator('h1').innerText()).resolves.toBe(`acme/status: endpoints 1–50 of ${COMPACT_FROM + 20}`);
      // The link opens the page at the endpoint's card.
      expect(new URL(page.url()).hash).toBe(`#ep-${endpoint.id}`);
      const card = page.locator(`article.ep[aria-labelledby="ep-${endpoint.id}"]`);
      await expect(card.locator('h3').innerText()).resolves.toBe(endpoint.name);
      expect(await card.evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan(900);
      await expect(card.locator('ol.bars > li').count()).resolves.toBe(90);
      await expect(card.locator('ol.bars > li', { hasText: 'checks down' }).count()).resolves.toBeGreaterThan(0);
      await expect(card.locator('svg.rt').isVisible()).resolves.toBe(true);
      await expect(card.locator('dl.fig dd').allInnerTexts()).resolves.toHaveLength(4);
      if (javaScript) expect(await seriousViolations(page)).toEqual([]);
      await page.locator('a', { hasText: '← acme/status' }).click();
      await expect(page.locator('h1').innerText()).resolves.toBe('acme/status');
      expect(opened.outside).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describeInBrowser('the page knows when it is stale', () => {
  let browser: Browser;
  const MINUTE = 60_000;

  beforeAll(async () => {
    if (missing) throw new Error(`${missing}; CI must run the browser tests`);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A page updated `ago` ms before the visit, by a monitor that runs every `every` seconds. */
  function pageUpdated(ago: number, every: number | null): string {
    const input = pageFixture({ endpoints: 2, now: new Date(Date.now() - ago).toISOString() });
    input.status.monitor = { every, lastRun: input.updatedAt, runs24h: 200, coverage24h: 93, longestGap24h: 47 * 60 };
    return renderPage(input);
  }

  test('with JavaScript, a fresh page says how long ago it was updated and shows no banner (under its own CSP)', async () => {
    const opened = await openPage(browser, pageUpdated(12 * MINUTE, 300), { width: 800, colorScheme: 'light', enforceCsp: true });
    try {
      await expect(opened.page.locator('header .meta').innerText()).resolves.toBe(
        'Updated 12 min ago · checks ran on time 93 % of the last 24 h; longest gap 47 min',
      );
      await expect(opened.page.locator('#stale').isVisible()).resolves.toBe(false);
      expect(opened.errors).toEqual([]);
      expect(opened.outside).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test('with JavaScript, a page older than three intervals (at least 30 min) says monitoring has stopped and since when', async () => {
    const html = pageUpdated(2 * 60 * MINUTE + 5 * MINUTE, 300);
    const absolute = /<time id="updated"[^>]*>([^<]+)<\/time>/.exec(html)![1];
    const opened = await openPage(browser, html, { width: 375, colorScheme: 'dark', enforceCsp: true });
    try {
      const banner = opened.page.locator('#stale');
      await expect(banner.isVisible()).resolves.toBe(true);
      await expect(banner.innerText()).resolves.toBe(
        `Monitoring has stopped: nothing has been checked since ${absolute} (2 h 5 min ago), so what this page shows may be out of date.`,
      );
      await expect(opened.page.locator('#updated').innerText()).resolves.toBe('2 h 5 min ago');
      // The overall status is still there below it, and nothing is cut off at a phone's width.
      await expect(opened.page.locator('.banner').count()).resolves.toBe(1);
      const overflow = await opened.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test('the limit follows the interval: 40 min is stale for a 5-minute monitor, not for a 15-minute one', async () => {
    for (const [every, stale] of [
      [300, true],
      [900, false],
      [null, true],
    ] as const) {
      const opened = await openPage(browser, pageUpdated(40 * MINUTE, every), { width: 800, colorScheme: 'light' });
      try {
        await expect(opened.page.locator('#stale').isVisible()).resolves.toBe(stale);
      } finally {
        await opened.close();
      }
    }
  });

  test('without JavaScript, the absolute time shows and no banner, however old the page', async () => {
    const html = pageUpdated(3 * 24 * 60 * MINUTE, 300);
    const absolute = /<time id="updated"[^>]*>([^<]+)<\/time>/.exec(html)![1];
    const opened = await openPage(browser, html, { width: 800, colorScheme: 'light', javaScript: false });
    try {
      await expect(opened.page.locator('#updated').innerText()).resolves.toBe(absolute);
      expect(absolute).toMatch(/^\d+ \w{3} \d{4}, \d\d:\d\d UTC$/);
      await expect(opened.page.locator('#stale').isVisible()).resolves.toBe(false);
      await expect(opened.page.locator('header .meta').innerText()).resolves.toContain(
        '· checks ran on time 93 % of the last 24 h; longest gap 47 min',
      );
    } finally {
      await opened.close();
    }
  });
});
