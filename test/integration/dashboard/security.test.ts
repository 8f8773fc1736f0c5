import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth } from '../../support/berth-process.js';
import { fitsPhone, loginThroughForm, saveScreenshots } from '../../support/browser.js';
import { dashboardFixture } from '../../support/dashboard-fixture.js';
import { docker, uniqueApp } from '../../support/docker-cli.js';
import { testImage } from '../../support/test-image.js';

const app = uniqueApp('dashsec');
const image = `berth-test/dash-scan:${process.pid}`;
const password = 'correct-horse-battery-staple';
const work = mkdtempSync(join(tmpdir(), 'berth-dash-scan-'));
const fx = dashboardFixture({
  users: [
    { name: 'sam', password, role: 'deployer' },
    { name: 'vic', password, role: 'viewer' },
  ],
  apps: [app],
});

/** An image holding two installed Python packages, as pip leaves them (no registry, no pull). */
function buildImage(): void {
  const root = join(work, 'rootfs');
  for (const [name, version] of [
    ['demo-lib', '1.0'],
    ['other-lib', '2.0'],
  ] as const) {
    const info = join(
      root,
      'usr/lib/python3/dist-packages',
      `${name.replace('-', '_')}-${version}.dist-info`,
    );
    mkdirSync(info, { recursive: true });
    writeFileSync(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
  }
  const tar = join(work, 'rootfs.tar');
  execFileSync('tar', ['-C', root, '-cf', tar, '.']);
  docker('import', '--change', 'LABEL dev.berth.test=1', tar, image);
}

/** Three OSV records for those packages: critical with a fix, moderate without one, high with a fix. */
function writeAdvisories(): string {
  const dir = join(work, 'osv');
  mkdirSync(dir);
  const modified = new Date().toISOString();
  const record = (id: string, pkg: string, severity: string, fixed?: string): object => ({
    id,
    modified,
    summary: `${pkg} ${severity.toLowerCase()} test advisory`,
    database_specific: { severity },
    affected: [
      {
        package: { ecosystem: 'PyPI', name: pkg },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, ...(fixed ? [{ fixed }] : [])] }],
      },
    ],
  });
  const records = [
    record('BERTH-DASH-0001', 'demo-lib', 'CRITICAL', '1.2'),
    record('BERTH-DASH-0002', 'demo-lib', 'MODERATE'),
    record('BERTH-DASH-0003', 'other-lib', 'HIGH', '2.1'),
  ];
  for (const r of records) writeFileSync(join(dir, `${(r as { id: string }).id}.json`), JSON.stringify(r));
  return dir;
}

beforeAll(async () => {
  buildImage();
  const update = await berth(['db', 'update', '--from', writeAdvisories(), '--json'], { env: fx.daemon.env });
  expect(update.code, update.stderr).toBe(0);
  // A release deployed without a pipeline, so the release gates list has a row that says so.
  const compose = `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sleep", "100000"]\n    stop_grace_period: 1s\n`;
  await fx.deploy(compose, '/srv/sec');
  await fx.waitForConverged(app);
});

afterAll(() => {
  try {
    docker('rmi', '-f', image);
  } catch {
    // not built
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the Security page in a real browser', () => {
  it('shows a viewer the scan form disabled, with the reason', async () => {
    const { page } = fx.browser;
    await loginThroughForm(page, fx.url, 'vic', password);
    await page.goto(`${fx.url}/security`);
    await page.getByTestId('security').waitFor();
    expect(await page.getByLabel('Image', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Scan', exact: true }).isDisabled()).toBe(true);
    expect(await page.locator('#scan-help').textContent()).toBe(
      'Scanning needs the deployer role; vic is a viewer.',
    );
    expect(fx.browser.errors).toEqual([]);
    await page.getByRole('button', { name: 'Log out' }).click();
  });

  it('scans a local image through the form and shows the report with its counts', async () => {
    const { page } = fx.browser;
    await loginThroughForm(page, fx.url, 'sam', password);
    await page.goto(`${fx.url}/security`);
    await page.getByLabel('Image', { exact: true }).fill(image);
    await page.getByRole('button', { name: 'Scan', exact: true }).click();

    const report = page.getByTestId('scan-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.getByRole('heading', { level: 2 }).textContent()).toBe(`Report of ${image}`);
    const counts = report.getByRole('list', { name: 'Findings per severity' });
    expect(await counts.getByRole('button', { name: /critical$/ }).textContent()).toBe('1critical');
    expect(await counts.getByRole('button', { name: /high$/ }).textContent()).toBe('1high');
    const vulns = report.getByRole('table', { name: 'Vulnerabilities' });
    expect(await vulns.getByRole('row').count()).toBe(4); // the header and three advisories
    const critical = vulns.getByRole('row').filter({ hasText: 'BERTH-DASH-0001' });
    expect(await critical.textContent()).toMatch(/critical.*demo-lib.*1\.0.*1\.2.*BERTH-DASH-0001/);
    expect(await critical.getByRole('link', { name: 'BERTH-DASH-0001' }).getAttribute('href')).toBe(
      'https://osv.dev/vulnerability/BERTH-DASH-0001',
    );
    expect(await vulns.getByRole('row').filter({ hasText: 'BERTH-DASH-0002' }).textContent()).toContain(
      'no fix yet',
    );
    const config = report.getByRole('table', { name: 'Configuration, Dockerfile and secret findings' });
    expect(await config.textContent()).toContain('CIS-DI-0001');

    const listed = page
      .getByRole('table', { name: 'Scan reports' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `Report of ${image}` }) });
    const cells = await listed.getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual([image, expect.stringMatching(/^[0-9a-f]{12}$/)]);
    expect(cells.slice(3, 5)).toEqual(['1', '1']); // critical, high
    await saveScreenshots(page, 'security-report');
    expect(await fitsPhone(page)).toBe(true);
    expect(fx.browser.errors).toEqual([]);
  });

  it('filters the findings by text, severity and available fix, keeping the filter in the URL', async () => {
    const { page } = fx.browser;
    const vulns = page.getByRole('table', { name: 'Vulnerabilities' });
    const ids = async (): Promise<string[]> =>
      (await vulns.getByRole('link').allTextContents()).filter((t) => t.startsWith('BERTH-DASH'));

    await page.getByLabel('Search').fill('other-lib');
    await expect.poll(ids).toEqual(['BERTH-DASH-0003']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('other-lib');
    await page.getByLabel('Search').fill('');

    await page.getByLabel('Fix available').check();
    await expect.poll(ids).toEqual(['BERTH-DASH-0001', 'BERTH-DASH-0003']);
    await page.getByLabel('Severity', { exact: true }).selectOption('critical');
    await expect.poll(ids).toEqual(['BERTH-DASH-0001']);
    await page.getByText('No configuration finding matches the filter.').waitFor();
    await page.reload();
    await expect.poll(ids).toEqual(['BERTH-DASH-0001']);

    await page.getByLabel('Fix available').uncheck();
    await page.getByRole('button', { name: /^\d+\s?medium$/ }).click();
    await expect.poll(ids).toEqual(['BERTH-DASH-0002']);
    expect(fx.browser.errors).toEqual([]);
  });

  it('downloads the SBOM as CycloneDX and lists releases with the gate that let them through', async () => {
    const { page } = fx.browser;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'SBOM (CycloneDX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${image.replace(/[^A-Za-z0-9._-]+/g, '_')}.cdx.json`);
    const bom = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      bomFormat: string;
      components: { name: string; version: string }[];
    };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.components.map((c) => `${c.name}@${c.version}`).sort()).toEqual([
      'demo-lib@1.0',
      'other-lib@2.0',
    ]);

    const gates = page.getByRole('table', { name: 'Releases and the scan policy that gated them' });
    const row = gates.getByRole('row').filter({ hasText: `${app} #1` });
    await row.waitFor();
    expect(await row.textContent()).toContain('No gate: not deployed by a pipeline');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('scan-report').waitFor({ state: 'detached' });
    await saveScreenshots(page, 'security');
    expect(await fitsPhone(page)).toBe(true);
    expect(fx.browser.errors).toEqual([]);
  });
});
