import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, loginThroughForm, phone, saveScreenshots } from '../../support/browser.js';
import { dashboardFixture } from '../../support/dashboard-fixture.js';
import { uniqueApp } from '../../support/docker-cli.js';
import { testImage } from '../../support/test-image.js';

// The issue 7 scenario for the app and deploy pages: a deployer deploys from the browser, watches the
// app become ready, scales it, deploys a second release and rolls back to the first; the events feed
// stays live across a daemon restart; a viewer is offered none of that and the API refuses it (403).
const app = uniqueApp('dapp');
const deployer = { name: 'dee', password: 'deployer-password-123', role: 'deployer' } as const;
const viewer = { name: 'vic', password: 'viewer-password-1234', role: 'viewer' } as const;
const fx = dashboardFixture({ users: [deployer, viewer], apps: [app] });

const compose = (sleepS: number, replicas: number): string =>
  `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sleep", "${sleepS}"]\n    stop_grace_period: 1s\n    deploy:\n      replicas: ${replicas}\n`;

const readyCount = (page: Page) => page.getByTestId('ready-count');
const currentRelease = (page: Page) => page.getByTestId('current-release');
const releasesTable = (page: Page) => page.getByRole('table', { name: 'Releases', exact: true });

/** Chromium logs every refused connection while the daemon restarts; those are expected there. */
const unexpected = (errors: readonly string[]): string[] =>
  errors.filter(
    (e) => !/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET|ERR_INCOMPLETE_CHUNKED/.test(e),
  );

describe('app and deploy pages in a real browser', () => {
  it('shows a Compose error at its line, then deploys from the browser and shows the app ready', async () => {
    const { page } = fx.browser;
    await loginThroughForm(page, fx.url, deployer.name, deployer.password);
    await page.goto(`${fx.url}/deploy`);
    await page.getByRole('heading', { name: 'Deploy', exact: true }).waitFor();

    await page
      .getByLabel('Compose file', { exact: true })
      .fill(compose(100_000, 2).replace('replicas: 2', 'replicas: two'));
    expect(await page.getByLabel('App name').inputValue()).toBe(app);
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const composeError = page.getByRole('alert').filter({ hasText: 'Line 8' });
    await composeError.waitFor();
    expect(await composeError.textContent()).toMatch(/column \d+/);
    expect(await composeError.textContent()).toContain('replicas');
    expect(await composeError.locator('.banner-hint').textContent()).not.toBe('');
    expect(await page.getByLabel('Compose file', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await saveScreenshots(page, 'deploy-compose-error');
    await page.getByRole('button', { name: 'Go to line 8' }).click();
    expect(await page.locator('#deploy-compose:focus').count()).toBe(1);

    // Chromium logs the 422 of that refused deploy as a console error: expected here.
    fx.browser.errors.length = 0;
    await page.getByLabel('Compose file', { exact: true }).fill(compose(100_000, 2));
    await saveScreenshots(page, 'deploy');
    const started = Date.now();
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.waitForURL(`**/apps/${app}`);
    await expect.poll(() => readyCount(page).textContent(), { timeout: 60_000 }).toBe('2/2');
    console.log(
      `deploy from the dashboard: ready 2/2 shown ${Date.now() - started} ms after clicking Deploy`,
    );
    await expect
      .poll(() => page.getByTestId('app-page').locator('.page-header').textContent(), { timeout: 15_000 })
      .toContain('ready');
    expect(await page.getByRole('table', { name: 'Replicas of web' }).getByRole('row').count()).toBe(3);
    expect(await releasesTable(page).textContent()).toContain('dee');
    expect(unexpected(fx.browser.errors)).toEqual([]);
  });

  it('follows the app’s events live over SSE in a cookie session and filters them by kind', async () => {
    const { page } = fx.browser;
    const events = page.getByRole('region', { name: 'Events' });
    await expect.poll(() => events.getByRole('status').first().textContent()).toBe('live');
    await expect.poll(() => events.textContent()).toContain('web.2 created');
    await events.getByLabel('Show events of kind').selectOption('release');
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('release');
    const kinds = await events.getByRole('table').locator('.badge').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k.includes('release.'))).toBe(true);
    await events.getByLabel('Show events of kind').selectOption('');
  });

  it('scales a service and shows the new count and the release it recorded', async () => {
    const { page } = fx.browser;
    await page.getByLabel('Replicas of web').fill('3');
    await page.getByRole('button', { name: 'Scale', exact: true }).click();
    await expect.poll(() => readyCount(page).textContent(), { timeout: 60_000 }).toBe('3/3');
    await expect.poll(() => releasesTable(page).textContent()).toContain('scale web=3');
    expect(await currentRelease(page).textContent()).toContain('#2');
  });

  it('deploys a second version from the app page and rolls back to the first from the releases table', async () => {
    const { page } = fx.browser;
    await page.getByRole('link', { name: 'Deploy new version' }).click();
    const editor = page.getByLabel('Compose file', { exact: true });
    await editor.waitFor();
    // The deploy page starts from the file this browser deployed last for the app.
    expect(await editor.inputValue()).toBe(compose(100_000, 2));
    await editor.fill(compose(200_000, 2));
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.waitForURL(`**/apps/${app}`);
    await expect.poll(() => currentRelease(page).textContent(), { timeout: 30_000 }).toContain('#3');
    await expect.poll(() => readyCount(page).textContent(), { timeout: 60_000 }).toBe('2/2');

    await page.getByRole('button', { name: 'Roll back to #1' }).click();
    const confirm = page.getByRole('group', { name: `Roll back ${app} to release 1?` });
    await confirm.getByRole('button', { name: 'Roll back to #1' }).click();
    await expect.poll(() => currentRelease(page).textContent(), { timeout: 30_000 }).toContain('#4');
    const newest = releasesTable(page).getByRole('row').nth(1);
    expect(await newest.textContent()).toContain('rollback to 1');
    expect(await newest.textContent()).toContain('current');
    await expect.poll(() => readyCount(page).textContent(), { timeout: 60_000 }).toBe('2/2');
    const restored = (await (await fx.call('GET', `/apps/${app}/releases/4`)).json()) as {
      spec: { services: { web: { command: string[] } } };
    };
    expect(restored.spec.services.web.command).toEqual(['sleep', '100000']);
    await expect
      .poll(() => releasesTable(page).getByRole('row').nth(2).textContent())
      .toMatch(/superseded|rolled back/);
    await saveScreenshots(page, 'app');
    // At phone width wide tables scroll inside their cards; the page itself never scrolls sideways.
    await page.setViewportSize(phone);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(phone.width);
    await page.setViewportSize(desktop);
    expect(unexpected(fx.browser.errors)).toEqual([]);
  });

  it('keeps the events feed live across a daemon restart', async () => {
    const { page } = fx.browser;
    const events = page.getByRole('region', { name: 'Events' });
    const liveState = events.getByRole('status').first();
    await expect.poll(() => liveState.textContent()).toBe('live');

    await fx.daemon.stop();
    await expect.poll(() => liveState.textContent(), { timeout: 15_000 }).toBe('reconnecting…');
    await fx.startDaemonAgain();
    await expect.poll(() => liveState.textContent(), { timeout: 30_000 }).toBe('live');

    const scaled = await fx.call('POST', `/apps/${app}/scale`, { replicas: { web: 1 } });
    expect(scaled.status).toBe(201);
    await expect.poll(() => events.textContent(), { timeout: 30_000 }).toContain('(scale-down)');
    await expect.poll(() => readyCount(page).textContent(), { timeout: 30_000 }).toBe('1/1');
    expect(fx.browser.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('offers a viewer no deploy, scale or rollback, and the API refuses them with 403', async () => {
    const { page } = fx.browser;
    fx.browser.errors.length = 0;
    await page.getByRole('button', { name: 'Log out' }).click();
    await loginThroughForm(page, `${fx.url}/apps/${app}`, viewer.name, viewer.password);
    await page.getByRole('heading', { name: app }).waitFor();
    await expect.poll(() => readyCount(page).textContent()).toBe('1/1');
    await releasesTable(page).waitFor();

    expect(await page.getByRole('note').textContent()).toContain('need the deployer role');
    expect(await page.getByLabel('Replicas of web').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Scale|Roll back/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Deploy new version' }).count()).toBe(0);
    await saveScreenshots(page, 'app-viewer');

    await page.goto(`${fx.url}/deploy?app=${app}`);
    expect(await page.getByRole('button', { name: 'Deploy', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('note').textContent()).toContain('deploying needs the deployer role');
    expect(unexpected(fx.browser.errors)).toEqual([]);

    const statuses = await page.evaluate(async (name) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`/api/v1/apps/${name}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: await res.text() };
      };
      return [await post('/scale', { replicas: { web: 3 } }), await post('/rollback', { to: 1 })];
    }, app);
    for (const answer of statuses) {
      expect(answer.status, answer.body).toBe(403);
      expect(answer.body).toContain('needs the deployer role');
    }
  });

  it('has an audit entry for every action the browser took, with who, what and the outcome', async () => {
    const res = await fx.call('GET', '/audit?limit=500');
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as {
      entries: { actor: string; action: string; target: string; outcome: string; source: string }[];
    };
    const lines = entries.map((e) => `${e.actor} ${e.action} ${e.target} ${e.outcome}`);

    // Logins through the form, the deploys (streamed: 200, or a 422 for the bad Compose file), the scale,
    // the rollback, the logout, and the viewer's refused calls.
    const expected = [
      `${deployer.name} login /api/v1/auth/login ok`,
      `${deployer.name} POST /api/v1/apps 422`,
      `${deployer.name} POST /api/v1/apps 200`,
      `${deployer.name} POST /api/v1/apps/${app}/scale 200`,
      `${deployer.name} POST /api/v1/apps/${app}/rollback 201`,
      `${deployer.name} POST /api/v1/auth/logout 200`,
      `${viewer.name} login /api/v1/auth/login ok`,
      `${viewer.name} POST /api/v1/apps/${app}/scale 403`,
      `${viewer.name} POST /api/v1/apps/${app}/rollback 403`,
    ];
    expect(expected.filter((line) => !lines.includes(line))).toEqual([]);
    const deploys = lines.filter((l) => l === `${deployer.name} POST /api/v1/apps 200`);
    expect(deploys.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((e) => e.source !== '')).toBe(true);
  });
});
