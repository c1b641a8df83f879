/**
 * A real Chromium for the status page tests, driven by playwright-core. Every request the page
 * makes is routed here: `file:` and `data:` go through, anything else is refused and recorded,
 * so a test can assert that no request leaves the page.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. In CI a missing browser is a failure, not a skip. */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return `Chromium not found at ${CHROMIUM_PATH} (install it: apt-get install chromium, or set CHROMIUM_PATH)`;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // No name is ever looked up, not even to prefetch one a hostile page names (evil.example):
      // every request is refused below, and this keeps the DNS server out of it as well.
      '--host-resolver-rules=MAP * ~NOTFOUND',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Requests to anything but `file:` and `data:`: each one is a request that left the page. */
  outside: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Writes the page to a local file (and `files`, paths relative to it, beside it) and opens it as
 * a visitor would, at a width and colour scheme.
 */
export async function openPage(
  browser: Browser,
  html: string,
  options: {
    width: number;
    height?: number;
    colorScheme: 'light' | 'dark';
    javaScript?: boolean;
    enforceCsp?: boolean;
    files?: ReadonlyMap<string, string>;
  },
): Promise<OpenedPage> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-page-'));
  const file = path.join(folder, 'index.html');
  writeFileSync(file, html);
  for (const [name, text] of options.files ?? []) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height ?? 900 },
    colorScheme: options.colorScheme,
    javaScriptEnabled: options.javaScript ?? true,
    // The page's own Content-Security-Policy would hide a stray request from the route below;
    // bypassing it makes the markup itself prove that nothing is fetched (and lets axe in).
    bypassCSP: !options.enforceCsp,
  });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return {
    page,
    outside,
    errors,
    close: async () => {
      await context.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core inside the page; returns the violations of impact serious or critical. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }
    ).axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
