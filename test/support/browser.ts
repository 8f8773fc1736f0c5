import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); Playwright's own browser downloads are not used. */
export const chromiumPath = '/usr/bin/chromium';

export const screenshotDir = resolve(import.meta.dirname, '../../test-results/screenshots');

export const desktop = { width: 1280, height: 800 } as const;
export const phone = { width: 375, height: 812 } as const;

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Errors the page threw and console errors (a CSP violation shows up here). */
  errors: string[];
  close: () => Promise<void>;
}

/**
 * Starts headless chromium with a fresh profile in a temp dir (removed by `close`). Collects page
 * errors and console errors so a test can assert the page ran cleanly.
 */
export async function openBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'berth-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    viewport: desktop,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A 401 is how the page learns nobody is logged in; chromium logs every failed fetch as an error.
    if (message.type() === 'error' && !message.text().includes('status of 401')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the dashboard and logs in through the form as a user would. */
export async function loginThroughForm(
  page: Page,
  url: string,
  name: string,
  password: string,
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Opens the dashboard and logs in with an API token pasted into the form. */
export async function loginWithToken(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Use an API token instead' }).click();
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * Saves `test-results/screenshots/<name>-1280x800.png` and `<name>-375x812.png` (full page), then
 * restores the desktop viewport. Answers the two paths.
 */
export async function saveScreenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(screenshotDir, { recursive: true });
  const paths: string[] = [];
  for (const size of [desktop, phone]) {
    await page.setViewportSize(size);
    const path = join(screenshotDir, `${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path, fullPage: true });
    paths.push(path);
  }
  await page.setViewportSize(desktop);
  return paths;
}

/** Whether the page fits a phone screen without scrolling sideways (wide tables scroll in their own box). */
export async function fitsPhone(page: Page): Promise<boolean> {
  await page.setViewportSize(phone);
  const fits = await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  await page.setViewportSize(desktop);
  return fits === true;
}

/** JavaScript the page fetched so far: compressed bytes on the wire and bytes after decoding. */
export async function scriptBytes(
  page: Page,
): Promise<{ files: number; encodedBytes: number; decodedBytes: number }> {
  return page.evaluate(() => {
    // Runs in the page: resource entries are the browser's PerformanceResourceTiming (no DOM lib here).
    type ResourceTiming = { name: string; encodedBodySize: number; decodedBodySize: number };
    const scripts = (performance.getEntriesByType('resource') as unknown as ResourceTiming[]).filter((e) =>
      e.name.endsWith('.js'),
    );
    return {
      files: scripts.length,
      encodedBytes: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0),
      decodedBytes: scripts.reduce((sum, e) => sum + e.decodedBodySize, 0),
    };
  });
}
