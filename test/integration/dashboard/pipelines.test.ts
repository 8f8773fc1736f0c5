import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsPhone, loginThroughForm, saveScreenshots } from '../../support/browser.js';
import { dashboardFixture, expectStatus } from '../../support/dashboard-fixture.js';
import { uniqueApp } from '../../support/docker-cli.js';
import { gitRemote, type GitRemote } from '../../support/git-repo.js';
import { testImage } from '../../support/test-image.js';

const app = uniqueApp('dashpipe');
const password = 'correct-horse-battery-staple';
const fx = dashboardFixture({
  users: [
    { name: 'dora', password, role: 'deployer' },
    { name: 'vic', password, role: 'viewer' },
  ],
  apps: [app],
});
let remote: GitRemote;

/** Two parallel steps (one writes a JUnit report with a failure), an approval after both, then publish. */
const pipeline = `steps:
  build:
    image: ${testImage}
    commands:
      - echo "building the shop"
      - mkdir -p reports
      - printf '%s' '<testsuites><testsuite name="unit"><testcase name="adds" classname="src/add.test.ts"/><testcase name="subtracts" classname="src/sub.test.ts"><failure message="expected 1 to be 2">at src/sub.test.ts:7:3</failure></testcase></testsuite></testsuites>' > reports/junit.xml
    reports:
      - junit: reports/*.xml
  lint:
    image: ${testImage}
    commands: ['echo "lint ok"']
  approve:
    kind: approval
    message: ship it?
    depends_on: [build, lint]
  publish:
    image: ${testImage}
    commands: ['echo "published"']
    depends_on: [approve]
`;

const runPage = (n: number): string => `${fx.url}/apps/${app}/pipelines/${n}`;
const stepButton = (page: Page, name: string) => page.locator(`button.dag-step[data-step="${name}"]`);
/** The run's status word in the page title (without the badge's shape). */
const runStatus = async (page: Page): Promise<string> =>
  ((await page.getByRole('heading', { level: 1 }).locator('.badge').textContent()) ?? '').replace(/^\W+/, '');

beforeAll(async () => {
  remote = gitRemote();
  remote.commit({ '.berth/pipeline.yaml': pipeline, 'README.md': 'shop\n' }, 'add the pipeline');
  await expectStatus(fx.call('PUT', `/apps/${app}/pipeline`, { repoUrl: remote.bare, branch: 'main' }), 200);
  await expectStatus(fx.call('POST', `/apps/${app}/pipelines/runs`, { ref: 'main' }), 202);
});

afterAll(() => remote?.remove());

describe('the Pipelines page in a real browser', () => {
  it('shows a viewer the DAG by dependency level and live step logs, with approving disabled and why', async () => {
    const { page } = fx.browser;
    // Logging in with the form means a cookie session: the live log uses EventSource.
    await loginThroughForm(page, fx.url, 'vic', password);
    await page.goto(runPage(1));
    await page.getByTestId('pipeline-run').waitFor();

    const columns = page.locator('.dag-column');
    await expect.poll(() => columns.count()).toBe(3);
    expect(await columns.nth(0).locator('.dag-step-name').allTextContents()).toEqual(['build', 'lint']);
    expect(await columns.nth(1).locator('.dag-step-name').allTextContents()).toEqual(['approve']);
    expect(await columns.nth(2).locator('.dag-step-name').allTextContents()).toEqual(['publish']);
    expect(await stepButton(page, 'approve').textContent()).toContain('after build, lint');

    await page.getByRole('heading', { name: 'Waiting for approval' }).waitFor({ timeout: 60_000 });
    expect(await stepButton(page, 'approve').textContent()).toContain('waiting');
    expect(await page.getByText('live', { exact: true }).count()).toBe(1);
    await stepButton(page, 'build').click();
    expect(await stepButton(page, 'build').getAttribute('aria-pressed')).toBe('true');
    const log = page.getByLabel('Output of step build');
    await expect.poll(() => log.textContent()).toContain('building the shop');
    expect(new URL(page.url()).searchParams.get('step')).toBe('build');

    const approve = page.getByRole('button', { name: 'Approve', exact: true });
    expect(await approve.isDisabled()).toBe(true);
    expect(await page.locator('.approval').textContent()).toContain(
      `Needs the deployer role for ${app}; vic is a viewer.`,
    );
    expect(await page.getByRole('button', { name: 'Re-run', exact: true }).isDisabled()).toBe(true);
    expect(fx.browser.errors).toEqual([]);
    await page.getByRole('button', { name: 'Log out' }).click();
  });

  it('lets a deployer approve the waiting step, then shows the run finish with its report', async () => {
    const { page } = fx.browser;
    await loginThroughForm(page, fx.url, 'dora', password);
    await page.goto(runPage(1));
    await page.getByRole('heading', { name: 'Waiting for approval' }).waitFor();
    expect(await page.locator('.approval').textContent()).toContain('ship it?');
    await saveScreenshots(page, 'pipeline-run-waiting');

    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page
      .getByRole('group', { name: 'Approve approve?' })
      .getByRole('button', { name: 'Approve', exact: true })
      .click();
    await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('success');
    expect(await page.getByRole('heading', { name: 'Waiting for approval' }).count()).toBe(0);

    await stepButton(page, 'publish').click();
    await expect.poll(() => page.getByLabel('Output of step publish').textContent()).toContain('published');
    await stepButton(page, 'approve').click();
    await expect
      .poll(() => page.getByLabel('Output of step approve').textContent())
      .toContain('approved by dora');

    const reports = page.getByRole('table', { name: 'Report failures' });
    expect(await page.locator('.report-summary').textContent()).toMatch(/1 passed.*1 failed.*2 total/);
    expect(await reports.textContent()).toContain('src/sub.test.ts:7');
    expect(await reports.textContent()).toContain('expected 1 to be 2');
    await saveScreenshots(page, 'pipeline-run');
    expect(await fitsPhone(page)).toBe(true);
    expect(fx.browser.errors).toEqual([]);
  });

  it('lists the runs of every app and of one app with status, trigger, actor and duration', async () => {
    const { page } = fx.browser;
    await page.goto(`${fx.url}/pipelines`);
    const row = page
      .getByRole('table', { name: 'Pipeline runs' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `${app} run 1` }) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/success.*manual.*main.*admin-token/);
    expect(await page.getByRole('table', { name: 'Connected repositories' }).textContent()).toContain(app);
    await saveScreenshots(page, 'pipelines');
    expect(await fitsPhone(page)).toBe(true);

    await page
      .getByRole('table', { name: 'Connected repositories' })
      .getByRole('link', { name: app })
      .click();
    await page.getByTestId('app-pipelines').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Pipelines of ${app}`);
    await page.getByRole('link', { name: `${app} run 1` }).waitFor();
    await saveScreenshots(page, 'pipelines-app');
    expect(fx.browser.errors).toEqual([]);
  });

  it('re-runs the same ref, follows runs through a daemon restart and out of the queue, and cancels one', async () => {
    const { page } = fx.browser;
    await page.goto(runPage(1));
    await page.getByRole('button', { name: 'Re-run', exact: true }).click();
    await page
      .getByRole('group', { name: 'Start a new run of main?' })
      .getByRole('button', { name: 'Re-run', exact: true })
      .click();
    await page.waitForURL(`**/apps/${app}/pipelines/2`);
    await page.getByRole('heading', { name: 'Waiting for approval' }).waitFor({ timeout: 60_000 });
    await page.getByText('live', { exact: true }).waitFor();

    await fx.daemon.stop();
    await page.getByText('reconnecting…').waitFor();
    await fx.startDaemonAgain();
    // The daemon ends runs it was running when it stopped; the page reconnects and shows that.
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toMatch(/^(error|cancelled)$/);
    expect(await page.getByText('reconnecting…').count()).toBe(0);
    // Chromium logs the stream cut by the stop and the refused connections while the daemon was down.
    const expected = /ERR_CONNECTION_REFUSED|ERR_INCOMPLETE_CHUNKED_ENCODING/;
    expect(fx.browser.errors.filter((e) => !expected.test(e))).toEqual([]);
    fx.browser.errors.length = 0;

    await page.getByRole('button', { name: 'Re-run', exact: true }).click();
    await page
      .getByRole('group', { name: 'Start a new run of main?' })
      .getByRole('button', { name: 'Re-run', exact: true })
      .click();
    await page.waitForURL(`**/apps/${app}/pipelines/3`);
    await page.getByRole('heading', { name: 'Waiting for approval' }).waitFor({ timeout: 60_000 });

    // One run per app at a time: run 4 waits in the queue behind run 3, and the page follows it once it starts.
    await page.getByRole('button', { name: 'Re-run', exact: true }).click();
    await page
      .getByRole('group', { name: 'Start a new run of main?' })
      .getByRole('button', { name: 'Re-run', exact: true })
      .click();
    await page.waitForURL(`**/apps/${app}/pipelines/4`);
    await expect.poll(() => runStatus(page)).toBe('queued');
    expect((await fx.call('POST', `/apps/${app}/pipelines/runs/3/cancel`)).status).toBe(200);
    await page.getByRole('heading', { name: 'Waiting for approval' }).waitFor({ timeout: 60_000 });
    await stepButton(page, 'build').click();
    await expect
      .poll(() => page.getByLabel('Output of step build').textContent())
      .toContain('building the shop');

    await page.getByRole('button', { name: 'Cancel run', exact: true }).click();
    await page
      .getByRole('group', { name: 'Cancel run #4?' })
      .getByRole('button', { name: 'Cancel run', exact: true })
      .click();
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('cancelled');
    expect(fx.browser.errors).toEqual([]);
  });
});
