import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeHome, startDaemon, type Daemon } from '../../support/berth-process.js';
import {
  desktop,
  loginThroughForm,
  loginWithToken,
  openBrowser,
  phone,
  saveScreenshots,
  scriptBytes,
  type BrowserSession,
} from '../../support/browser.js';
import { purgeApp, uniqueApp } from '../../support/docker-cli.js';
import { testImage } from '../../support/test-image.js';
import { waitFor } from '../../support/wait-for.js';

const app = uniqueApp('dash');
const user = { name: 'ada', password: 'correct-horse-battery-staple' };
let daemon: Daemon;
let adminToken: string;
let browser: BrowserSession;

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${daemon.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  daemon = await startDaemon();
  adminToken = readFileSync(join(daemon.home, 'admin.token'), 'utf8').trim();
  const created = await call('POST', '/users', { ...user, role: 'admin' });
  expect(created.status, await created.clone().text()).toBe(201);
  const compose = `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sleep", "100000"]\n    stop_grace_period: 1s\n    deploy:\n      replicas: 2\n`;
  const deployed = await call('POST', '/apps', {
    composeFile: { path: '/srv/dash/compose.yaml', content: compose },
    projectDir: '/srv/dash',
  });
  expect(deployed.status, await deployed.clone().text()).toBe(201);
  await waitFor(`${app} to converge`, async () => {
    const status = (await (await call('GET', `/apps/${app}`)).json()) as { converged: boolean };
    return status.converged;
  });
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (daemon) {
    await call('DELETE', `/apps/${app}`).catch(() => undefined);
    await daemon.stop();
    removeHome(daemon.home);
  }
  purgeApp(app);
});

describe('dashboard in a real browser', () => {
  it('serves the login page, logs in through the form and shows the deployed app as ready', async () => {
    const { page } = browser;

    await page.goto(daemon.url);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await saveScreenshots(page, 'login');
    await loginThroughForm(page, daemon.url, user.name, user.password);

    const overview = page.getByTestId('overview');
    const row = overview
      .getByRole('table', { name: 'Apps' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: app }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('ready');
    expect(await row.getByRole('listitem').textContent()).toMatch(/web\s*2\/2/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.textContent()).toContain('ada');
    expect(await nav.textContent()).toContain('admin');
    await expect
      .poll(() => overview.getByRole('table', { name: 'Recent releases' }).textContent())
      .toContain(app);

    const initial = await scriptBytes(page);
    console.log(
      `dashboard JS for login + overview: ${initial.files} files, ${(initial.encodedBytes / 1024).toFixed(1)} KB compressed, ${(initial.decodedBytes / 1024).toFixed(1)} KB decoded`,
    );
    expect(initial.encodedBytes).toBeGreaterThan(0);
    await saveScreenshots(page, 'overview');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshots(page, 'overview-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(browser.errors).toEqual([]);
  });

  it('opens the overview of a logged-in session from a cold cache and measures it', async () => {
    const { page, context } = browser;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');

    await page.goto(daemon.url);
    await page.getByRole('table', { name: 'Apps' }).getByRole('link', { name: app }).waitFor();
    const renderedMs = await page.evaluate(() => performance.now());
    const js = await scriptBytes(page);

    console.log(
      `overview rendered ${renderedMs.toFixed(0)} ms after navigation (cold cache, loopback); JS ${(js.encodedBytes / 1024).toFixed(1)} KB compressed in ${js.files} files`,
    );
    expect(js.encodedBytes).toBeLessThan(js.decodedBytes);
  });

  it('collapses the navigation into a menu at phone width', async () => {
    const { page } = browser;
    await page.setViewportSize(phone);
    const menu = page.getByRole('button', { name: 'Menu' });
    const settings = page.getByRole('link', { name: 'Settings' });

    expect(await menu.isVisible()).toBe(true);
    expect(await settings.isVisible()).toBe(false);
    await menu.click();
    expect(await settings.isVisible()).toBe(true);
    await settings.click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect(await settings.isVisible()).toBe(false);
    await page.setViewportSize(desktop);
  });

  it('logs out, and logs in again with a pasted API token', async () => {
    const { page } = browser;

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    const afterLogout = await page.evaluate(() =>
      fetch('/api/v1/auth/session', { credentials: 'same-origin' }).then((r) => r.status),
    );
    expect(afterLogout).toBe(401);

    await loginWithToken(page, daemon.url, adminToken);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.textContent()).toContain('admin-token');
    await page.getByRole('table', { name: 'Apps' }).getByRole('link', { name: app }).waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('shows the API message for a wrong password', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Log out' }).click();

    await page.getByLabel('User name').fill(user.name);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();

    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong user name or password');
  });
});
