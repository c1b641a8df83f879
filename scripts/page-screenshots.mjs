// Redraws the status page screenshots in docs/ from the seeded test figures: light at 1280 px and
// dark at 375 px. Run: node scripts/page-screenshots.mjs (needs Chromium).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { importTs, root } from './ts-module.mjs';

const { pageFixture, renderPage } = await importTs('scripts/page-kit.ts');
const folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-shots-'));
const file = path.join(folder, 'index.html');
const input = pageFixture({ endpoints: 4 });
input.status.monitor = { every: 300, lastRun: input.updatedAt, runs24h: 276, coverage24h: 96.4, longestGap24h: 1170 };
writeFileSync(file, renderPage(input));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const shots = [
  { name: 'status-page-light.png', width: 1280, height: 1560, colorScheme: 'light' },
  { name: 'status-page-dark-mobile.png', width: 375, height: 1400, colorScheme: 'dark' },
];
for (const shot of shots) {
  const context = await browser.newContext({
    viewport: { width: shot.width, height: shot.height },
    colorScheme: shot.colorScheme,
  });
  const page = await context.newPage();
  // Seen 12 minutes after the seeded update: the page tells its age and is not stale.
  await page.clock.setFixedTime(Date.parse(input.updatedAt) + 12 * 60_000);
  await page.goto(pathToFileURL(file).href);
  await page.screenshot({ path: path.join(root, 'docs', shot.name) });
  await context.close();
  console.log(`wrote docs/${shot.name}`);
}
await browser.close();
rmSync(folder, { recursive: true, force: true });
