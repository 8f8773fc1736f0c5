import { createHmac, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, saveScreenshots } from '../../support/browser.js';
import { dashboardFixture } from '../../support/dashboard-fixture.js';

// Secrets and pipeline sources need no deployed app, so this test deploys none: it types the app name.
const app = 'shop';
const admin = { name: 'ada', password: 'settings admin password', role: 'admin' } as const;
const viewer = { name: 'vic', password: 'viewer password 12' };
const secretValue = 'hunter2-but-longer-than-8';
const fx = dashboardFixture({ users: [admin] });
let shownToken = '';
let webhookSecret = '';

/** A GitHub ping signed with `secret`, as GitHub sends it when a webhook is saved. */
function githubPing(secret: string): Promise<Response> {
  const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
  return fetch(`${fx.url}/hooks/${app}/github`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'ping',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
  });
}

beforeAll(async () => {
  await fx.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fx.url });
});

describe('settings page in a real browser', () => {
  it('lets an admin add a viewer, who then shows in the users list', async () => {
    const { page } = fx.browser;
    await loginThroughForm(page, fx.url, admin.name, admin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const settings = page.getByTestId('settings');
    await settings.getByRole('heading', { name: 'Users', level: 2 }).waitFor();

    await settings.getByLabel('User name').fill(viewer.name);
    await settings.getByLabel('Password', { exact: true }).fill(viewer.password);
    await settings.getByLabel('Role').selectOption('viewer');
    await settings.getByRole('button', { name: 'Add user' }).click();

    await expect
      .poll(() => settings.getByRole('status').allTextContents())
      .toContain('Added vic as a viewer.');
    const row = settings.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'vic' });
    expect(await row.textContent()).toContain('viewer');
    expect(await row.textContent()).toContain('every app');
    expect(await settings.getByRole('button', { name: 'Remove vic' }).isVisible()).toBe(true);
    await saveScreenshots(page, 'settings-users');
    expect(fx.browser.errors).toEqual([]);
  });

  it('creates an API token, shows it once with a copy button, and never again', async () => {
    const { page } = fx.browser;
    const settings = page.getByTestId('settings');
    await settings.getByRole('link', { name: 'API tokens' }).click();
    await settings.getByRole('heading', { name: 'API tokens', level: 2 }).waitFor();

    await settings.getByLabel('Token name').fill('ci-deploy');
    await settings.getByLabel('Expires after').selectOption('30');
    await settings.getByRole('button', { name: 'Create token' }).click();
    const once = settings.getByTestId('shown-once');
    await once.waitFor();
    shownToken = await once.getByLabel('API token').inputValue();
    expect(shownToken).toMatch(/^berth_/);
    await once.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => once.getByRole('status').textContent()).toContain('Copied');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(shownToken);
    const version = await fx.callAs(shownToken, 'GET', '/version');
    expect(version.status).toBe(200);
    await saveScreenshots(page, 'settings-token-once');

    await once.getByRole('button', { name: 'I have copied it' }).click();
    const row = settings
      .getByRole('table', { name: 'Your API tokens' })
      .getByRole('row')
      .filter({ hasText: 'ci-deploy' });
    await row.waitFor();
    expect(await row.textContent()).toContain('active');
    expect(await page.content()).not.toContain(shownToken);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(shownToken);
    expect(fx.browser.errors).toEqual([]);
  });

  it('sets a secret through a password field and lists only its name', async () => {
    const { page } = fx.browser;
    const settings = page.getByTestId('settings');
    await settings.getByRole('link', { name: 'Secrets' }).click();
    await settings.getByLabel('App').fill(app);
    await settings.getByLabel('App').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('app')).toBe(app);
    await settings.getByText(`${app} has no secrets yet.`).waitFor();

    const valueField = settings.getByLabel('Value');
    expect(await valueField.getAttribute('type')).toBe('password');
    await settings.getByLabel('Name').fill('db_password');
    expect(await settings.getByLabel('Name').inputValue()).toBe('DB_PASSWORD');
    await valueField.fill(secretValue);
    await settings.getByRole('button', { name: 'Set secret' }).click();

    await expect
      .poll(() => settings.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Set DB_PASSWORD.'));
    const row = settings
      .getByRole('table', { name: `Secrets of ${app}` })
      .getByRole('row')
      .filter({ hasText: 'DB_PASSWORD' });
    expect(await row.textContent()).toContain('write-only');
    expect(await valueField.inputValue()).toBe('');
    expect(await page.content()).not.toContain(secretValue);

    await settings.getByRole('button', { name: 'Replace DB_PASSWORD' }).click();
    await expect.poll(() => settings.getByLabel('Name').inputValue()).toBe('DB_PASSWORD');
    await expect.poll(() => page.evaluate<string>('document.activeElement.id')).toBe('secret-value');
    await valueField.fill(`${secretValue}-2`);
    await settings.getByRole('button', { name: 'Replace value' }).click();
    await expect
      .poll(() => settings.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Replaced DB_PASSWORD.'));
    const listed = await (await fx.call('GET', `/apps/${app}/secrets`)).json();
    expect(listed).toMatchObject({ secrets: [{ name: 'DB_PASSWORD' }] });
    await saveScreenshots(page, 'settings-secrets');
    expect(fx.browser.errors).toEqual([]);
  });

  it('connects a repository and shows the webhook URL and secret once; the secret signs a ping', async () => {
    const { page } = fx.browser;
    const settings = page.getByTestId('settings');
    await settings.getByRole('link', { name: 'Webhooks' }).click();
    expect(await settings.getByLabel('App').inputValue()).toBe(app);
    await settings.getByText(`${app} has no repository connected`).waitFor();
    // The API answers 404 for an app without a pipeline source, which chromium logs as a console error:
    // that one is expected (the page shows "no repository connected" for it); nothing else is.
    expect(fx.browser.errors).toEqual([
      'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
    fx.browser.errors.length = 0;

    await settings.getByLabel('Repository URL').fill('https://github.example/acme/shop.git');
    await settings.getByLabel('Forge (for webhooks)').selectOption('github');
    await settings.getByRole('button', { name: 'Connect' }).click();
    const once = settings.getByTestId('shown-once');
    await once.waitFor();
    webhookSecret = await once.getByLabel('Webhook secret').inputValue();
    expect(webhookSecret.length).toBeGreaterThanOrEqual(24);
    expect(await settings.getByLabel('Webhook URL').inputValue()).toBe(`${fx.url}/hooks/${app}/github`);
    expect((await githubPing(webhookSecret)).status).toBe(200);
    await saveScreenshots(page, 'settings-webhooks');

    await once.getByRole('button', { name: 'I have copied it' }).click();
    await settings.getByText('Berth shows a webhook secret only when it is created or rotated').waitFor();
    expect(await page.content()).not.toContain(webhookSecret);

    await settings.getByRole('button', { name: 'Rotate webhook secret' }).click();
    await settings.getByRole('button', { name: 'Rotate', exact: true }).click();
    const rotated = await settings.getByTestId('shown-once').getByLabel('Webhook secret').inputValue();
    expect(rotated).not.toBe(webhookSecret);
    expect((await githubPing(webhookSecret)).status).toBe(401);
    expect((await githubPing(rotated)).status).toBe(200);
    await settings.getByRole('button', { name: 'I have copied it' }).click();
    expect(fx.browser.errors).toEqual([]);
  });

  it('shows every change in the audit log with actor and outcome, filtered by user and outcome', async () => {
    const { page } = fx.browser;
    // A wrong password for vic, as someone guessing would send it.
    const guess = await fetch(`${fx.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: viewer.name, password: 'not the password' }),
    });
    expect(guess.status).toBe(401);
    const settings = page.getByTestId('settings');
    await settings.getByRole('link', { name: 'Audit log' }).click();
    const table = settings.getByRole('table', { name: 'Audit log' });
    await table.waitFor();

    const rowText = async (what: string): Promise<string> =>
      (await table.getByRole('row').filter({ hasText: what }).first().textContent()) ?? '';
    expect(await rowText('POST /api/v1/users')).toMatch(/ada.*POST \/api\/v1\/users.*201/);
    expect(await rowText('POST /api/v1/tokens')).toMatch(/ada.*201/);
    expect(await rowText('PUT /api/v1/apps/shop/secrets/DB_PASSWORD')).toMatch(/ada.*200/);
    expect(await rowText('PUT /api/v1/apps/shop/pipeline')).toMatch(/ada.*200/);
    expect(await rowText('login /api/v1/auth/login')).toMatch(/login/);
    expect(await rowText('POST /api/v1/users')).toMatch(/127\.0\.0\.1/);

    await settings.getByLabel('Outcome').selectOption('denied');
    await expect.poll(() => new URL(page.url()).searchParams.get('outcome')).toBe('denied');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await rowText('login')).toMatch(/vic.*login.*failed/);

    await settings.getByLabel('Outcome').selectOption('');
    await settings.getByLabel('Who').fill(admin.name);
    await settings.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('actor')).toBe(admin.name);
    await expect
      .poll(async () =>
        (await table.getByRole('row').allTextContents()).slice(1).every((r) => r.includes('ada')),
      )
      .toBe(true);
    await saveScreenshots(page, 'settings-audit');
    expect(fx.browser.errors).toEqual([]);
  });

  it('pages through the audit log 25 entries at a time, with filters kept', async () => {
    const { page } = fx.browser;
    // 27 refused revocations by the admin token: each is audited with outcome 422.
    for (let i = 0; i < 27; i++) {
      expect((await fx.call('DELETE', `/tokens/${900_000 + i}`)).status).toBe(422);
    }
    const settings = page.getByTestId('settings');
    await settings.getByRole('button', { name: 'Clear' }).click();
    await settings.getByLabel('Outcome').selectOption('error');
    const table = settings.getByRole('table', { name: 'Audit log' });
    const targets = async (): Promise<string[]> =>
      (await table.locator('tbody tr').allTextContents()).map(
        (r) => /\/api\/v1\/tokens\/(9\d{5})/.exec(r)?.[1] ?? r,
      );

    await expect.poll(targets).toHaveLength(25);
    expect((await targets())[0]).toBe('900026');
    const pager = settings.getByRole('navigation', { name: 'Audit log pages' });
    await pager.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(targets).toEqual(['900001', '900000']);
    expect(await pager.textContent()).toContain('Page 2');
    expect(new URL(page.url()).searchParams.get('outcome')).toBe('error');
    expect(await pager.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);

    await pager.getByRole('button', { name: '← Previous' }).click();
    await expect.poll(async () => (await targets())[0]).toBe('900026');
    expect(new URL(page.url()).searchParams.get('before')).toBeNull();
    expect(fx.browser.errors).toEqual([]);
  });

  it('shows a viewer the settings read-only: no user admin, no secret changes, no audit log', async () => {
    const { page } = fx.browser;
    await page.getByRole('button', { name: 'Log out' }).click();
    await loginThroughForm(page, `${fx.url}/settings?tab=secrets&app=${app}`, viewer.name, viewer.password);
    const settings = page.getByTestId('settings');

    const row = settings
      .getByRole('table', { name: `Secrets of ${app}` })
      .getByRole('row')
      .filter({ hasText: 'DB_PASSWORD' });
    await row.waitFor();
    expect(await settings.getByRole('button', { name: /Set secret|Delete|Replace/ }).count()).toBe(0);
    expect(await settings.textContent()).toContain(
      'Setting and deleting secrets needs the deployer role; you are a viewer.',
    );
    await saveScreenshots(page, 'settings-viewer');

    await settings.getByRole('link', { name: 'Webhooks' }).click();
    await settings.getByLabel('Webhook URL').waitFor();
    expect(await settings.getByRole('button', { name: 'Rotate webhook secret' }).count()).toBe(0);

    await settings.getByRole('link', { name: /Users/ }).click();
    await settings.getByText('Managing users needs the admin role; you are a viewer.').waitFor();
    await settings.getByRole('link', { name: /Audit log/ }).click();
    await settings.getByText('Reading the audit log needs the admin role; you are a viewer.').waitFor();
    expect(await settings.getByRole('table').count()).toBe(0);

    // What the viewer may do: their own tokens.
    await settings.getByRole('link', { name: 'API tokens' }).click();
    await settings.getByLabel('Token name').fill('vic-laptop');
    await settings.getByRole('button', { name: 'Create token' }).click();
    await settings.getByTestId('shown-once').waitFor();
    expect(await settings.getByLabel('For user').count()).toBe(0);
    expect(fx.browser.errors).toEqual([]);
  });
});
