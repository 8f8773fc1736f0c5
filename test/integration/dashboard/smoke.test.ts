import { beforeAll, describe, expect, it } from 'vitest';
import {
  desktop,
  loginThroughForm,
  loginWithToken,
  phone,
  saveScreenshots,
  scriptBytes,
} from '../../support/browser.js';
import { dashboardFixture } from '../../support/dashboard-fixture.js';
import { uniqueApp } from '../../support/docker-cli.js';
import { testImage } from '../../support/test-image.js';

const app = uniqueApp('dash');
const user = { name: 'ada', password: 'correct-horse-battery-staple', role: 'admin' } as const;
const fx = dashboardFixture({ users: [user], apps: [app] });

beforeAll(async () => {
  const compose = `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sleep", "100000"]\n    stop_grace_period: 1s\n    deploy:\n      replicas: 2\n`;
  await fx.deploy(compose, '/srv/dash');
  await fx.waitForConverged(app);
});

describe('dashboard in a real browser', () => {
  it('serves the login page, logs in through the form and shows the deployed app as ready', async () => {
    const { page } = fx.browser;

    await page.goto(fx.url);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await saveScreenshots(page, 'login');
    await loginThroughForm(page, fx.url, user.name, user.password);

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
    expect(fx.browser.errors).toEqual([]);
  });

  it('opens the overview of a logged-in session from a cold cache and measures it', async () => {
    const { page, context } = fx.browser;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');

    await page.goto(fx.url);
    await page.getByRole('table', { name: 'Apps' }).getByRole('link', { name: app }).waitFor();
    const renderedMs = await page.evaluate(() => performance.now());
    const js = await scriptBytes(page);

    console.log(
      `overview rendered ${renderedMs.toFixed(0)} ms after navigation (cold cache, loopback); JS ${(js.encodedBytes / 1024).toFixed(1)} KB compressed in ${js.files} files`,
    );
    expect(js.encodedBytes).toBeLessThan(js.decodedBytes);
  });

  it('collapses the navigation into a menu at phone width', async () => {
    const { page } = fx.browser;
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
    const { page } = fx.browser;

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    const afterLogout = await page.evaluate(() =>
      fetch('/api/v1/auth/session', { credentials: 'same-origin' }).then((r) => r.status),
    );
    expect(afterLogout).toBe(401);

    await loginWithToken(page, fx.url, fx.adminToken);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.textContent()).toContain('admin-token');
    await page.getByRole('table', { name: 'Apps' }).getByRole('link', { name: app }).waitFor();
    expect(fx.browser.errors).toEqual([]);
  });

  it('shows the API message for a wrong password', async () => {
    const { page } = fx.browser;
    await page.getByRole('button', { name: 'Log out' }).click();

    await page.getByLabel('User name').fill(user.name);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();

    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong user name or password');
  });
});
