import { beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, saveScreenshots } from '../../support/browser.js';
import { dashboardFixture } from '../../support/dashboard-fixture.js';
import { uniqueApp } from '../../support/docker-cli.js';
import { testImage } from '../../support/test-image.js';
import { waitFor } from '../../support/wait-for.js';

// The daemon samples every 2 s here (fastTimings: BERTH_METRICS_EVERY_MS); the API buckets by 10 s.
const app = uniqueApp('metrics');
const idle = uniqueApp('idle');
const user = { name: 'mia', password: 'metrics password 1', role: 'viewer' } as const;
const fx = dashboardFixture({ users: [user], apps: [app, idle] });

async function deploy(name: string, replicas: number): Promise<void> {
  // A shell loop writes and reads a little, so memory and CPU are above zero.
  const compose = `name: ${name}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sh", "-c", "while true; do seq 1 2000 > /tmp/n; sleep 1; done"]\n    stop_grace_period: 1s\n    deploy:\n      replicas: ${replicas}\n`;
  await fx.deploy(compose, `/srv/${name}`);
}

beforeAll(async () => {
  await deploy(app, 2);
  await deploy(idle, 0);
  await waitFor(
    `memory samples of both replicas of ${app}`,
    async () => {
      const answer = (await (await fx.call('GET', `/apps/${app}/metrics?since=15m`)).json()) as {
        series: { points: { memoryBytes: unknown[] } }[];
      };
      return answer.series.filter((s) => s.points.memoryBytes.length > 0).length === 2;
    },
    60_000,
    500,
  );
});

describe('metrics page in a real browser', () => {
  it('draws CPU, memory and network charts of an app with a legend per service, and the newest values', async () => {
    const { page } = fx.browser;
    await loginThroughForm(page, fx.url, user.name, user.password);
    const started = Date.now();
    await page.goto(`${fx.url}/metrics?app=${app}&range=15m`);

    const metricsPage = page.getByTestId('metrics');
    for (const key of ['cpuCores', 'memoryBytes', 'netRxBps', 'netTxBps']) {
      await metricsPage.locator(`[data-metric="${key}"] canvas`).first().waitFor();
    }
    console.log(`metrics page: 4 charts drawn ${Date.now() - started} ms after navigation`);
    for (const title of ['CPU', 'Memory', 'Network in', 'Network out']) {
      await metricsPage.getByRole('heading', { name: title, exact: true }).waitFor();
    }
    const memoryLegend = metricsPage.locator('[data-metric="memoryBytes"] .u-legend');
    // Without the pointer over a chart, its legend shows the newest value of each line.
    await expect.poll(() => memoryLegend.textContent()).toMatch(/web:?\s*\d+(\.\d)? (KiB|MiB)/);
    const box = await metricsPage.locator('[data-metric="memoryBytes"] canvas').first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(150);

    const latest = metricsPage.getByRole('table', { name: 'Newest values per service' });
    const webRow = latest.getByRole('row').filter({ hasText: 'web' });
    expect(await webRow.textContent()).toMatch(/\d+(\.\d)? (KiB|MiB)/);
    expect(await metricsPage.getByRole('button', { name: '15 min' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await saveScreenshots(page, 'metrics');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshots(page, 'metrics-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(fx.browser.errors).toEqual([]);
  });

  it('switches to one line per replica and to another range, keeping both in the URL', async () => {
    const { page } = fx.browser;
    const metricsPage = page.getByTestId('metrics');

    await metricsPage.getByRole('button', { name: 'Per replica' }).click();
    await expect
      .poll(() => metricsPage.locator('[data-metric="cpuCores"] .u-legend').textContent())
      .toMatch(/web\.1.*web\.2/s);
    await metricsPage.getByRole('table', { name: 'Newest values per replica' }).waitFor();

    await metricsPage.getByRole('button', { name: '6 h' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('range')).toBe('6h');
    expect(new URL(page.url()).searchParams.get('by')).toBe('replica');
    expect(await metricsPage.getByRole('button', { name: '6 h' }).getAttribute('aria-pressed')).toBe('true');
    await metricsPage.locator('[data-metric="memoryBytes"] canvas').first().waitFor();

    await page.reload();
    await metricsPage.getByRole('table', { name: 'Newest values per replica' }).waitFor();
    expect(await metricsPage.getByRole('button', { name: 'Per replica' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(fx.browser.errors).toEqual([]);
  });

  it('asks for fresh samples every 10 s while the tab is visible', async () => {
    const { page } = fx.browser;
    const asked: number[] = [];
    const listener = (request: { url: () => string }): void => {
      if (request.url().includes(`/api/v1/apps/${app}/metrics`)) asked.push(Date.now());
    };
    page.on('request', listener);
    await waitFor('two refreshes', () => asked.length >= 2, 25_000, 200);
    page.off('request', listener);

    const gapS = (asked[1]! - asked[0]!) / 1000;
    console.log(`metrics refresh interval: ${gapS.toFixed(1)} s`);
    expect(gapS).toBeGreaterThan(9);
    expect(gapS).toBeLessThan(12);
  });

  it('says so when an app has no samples yet', async () => {
    const { page } = fx.browser;
    const metricsPage = page.getByTestId('metrics');
    await page.getByLabel('App').selectOption(idle);

    await expect
      .poll(() => metricsPage.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining(`No samples of ${idle}`));
    expect(await metricsPage.locator('canvas').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('app')).toBe(idle);
    expect(fx.browser.errors).toEqual([]);
  });
});
