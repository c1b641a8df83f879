// `npm run bench:page`: how big the status page (index.html; past 100 endpoints, also the
// endpoints' pages) is and how fast it is made and painted, for 50
// endpoints with 90 days of history. Render time is measured in process (median of many runs
// after a warm-up); first contentful paint by Chromium's Performance API, opening the page from a
// local file in a fresh tab, next to the same measure of an empty page. CI does not run this.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { importTs } from './ts-module.mjs';

/* global PerformanceObserver -- used inside the page */

const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const PAINTS = Number(process.env.BENCH_PAINTS ?? 15);

const { pageFixture, renderEndpointPages, renderPage } = await importTs('scripts/page-kit.ts');
// As the run writes it: past 100 endpoints, index.html has a row per endpoint and the cards are on
// endpoints/N.html, 50 to a page.
const input = { ...pageFixture({ endpoints: ENDPOINTS }), endpointPages: true };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];

for (let i = 0; i < 20; i++) renderPage(input);
const times = [];
let page = '';
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  page = renderPage(input);
  times.push(performance.now() - start);
}
const bytes = Buffer.byteLength(page);
const own = [...renderEndpointPages(input).values()].map((text) => Buffer.byteLength(text));

const folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-page-bench-'));
const file = path.join(folder, 'index.html');
const empty = path.join(folder, 'empty.html');
writeFileSync(file, page);
// The same measure of a page with one heading: what this machine needs to paint anything at all.
writeFileSync(empty, '<!doctype html><html lang="en"><title>x</title><h1>Status</h1></html>');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
async function firstPaint(target) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(target).href, { waitUntil: 'load' });
  const fcp = await tab.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => resolve(NaN), 5000);
      }),
  );
  await context.close();
  return fcp;
}
const paints = [];
const baseline = [];
for (let i = 0; i < PAINTS; i++) {
  // Interleaved, so both see the same load on the machine.
  baseline.push(await firstPaint(empty));
  paints.push(await firstPaint(file));
}
await browser.close();
rmSync(folder, { recursive: true, force: true });

const ms = (value) => `${value.toFixed(1)} ms`;
console.log(`Status page, ${ENDPOINTS} endpoints × 90 days (node ${process.version}):`);
console.log(
  `  size          ${(bytes / 1024).toFixed(1)} KB (${bytes} bytes, ${(bytes / 1048576).toFixed(2)} MiB; ${Math.round(bytes / ENDPOINTS)} bytes an endpoint)`,
);
if (own.length > 0)
  console.log(
    `  cards         on ${own.length} endpoints/N.html, largest ${(Math.max(...own) / 1024).toFixed(1)} KB, ${(own.reduce((a, b) => a + b, 0) / 1048576).toFixed(2)} MiB in all`,
  );
console.log(`  render        median ${ms(median(times))}, p95 ${ms(p95(times))} over ${RUNS} runs`);
console.log(`  first paint   median ${ms(median(paints))} over ${PAINTS} fresh tabs (Chromium, local file)`);
console.log(`  empty page    median ${ms(median(baseline))} (the same measure of a page with one heading)`);
console.log(`  load average  ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
