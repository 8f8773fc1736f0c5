import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, saveScreenshots, screenshotDir } from '../../support/browser.js';
import { dashboardFixture, expectStatus } from '../../support/dashboard-fixture.js';
import { uniqueApp } from '../../support/docker-cli.js';
import { testImage } from '../../support/test-image.js';
import { waitFor } from '../../support/wait-for.js';

const app = uniqueApp('logs');
/** A pushed stream (Loki push API) that holds the 100,000 lines of the virtualised-list test. */
const bulk = `${app}-bulk`;
const bulkLines = 100_000;
const user = { name: 'lena', password: 'correct-horse-battery-staple', role: 'viewer' } as const;
const fx = dashboardFixture({ users: [user], apps: [app] });

// The app writes a plain line and a JSON line every second, numbered, so a test can wait for a newer one
// (`$$` is Compose's escape for a literal `$`).
const script =
  'i=0; while true; do echo "logs-test hello $$i"; ' +
  'echo "{\\"level\\":\\"error\\",\\"msg\\":\\"payment failed\\",\\"order\\":$$i}"; i=$$((i+1)); sleep 1; done';

/** Pushes `bulkLines` numbered lines spread over the last 20 minutes, in 4 pushes of 25,000. */
async function pushBulkLines(): Promise<void> {
  const endNs = BigInt(Date.now() - 60_000) * 1_000_000n;
  const stepNs = 10_000_000n; // 10 ms apart: 100,000 lines span 1,000 s
  for (let batch = 0; batch < 4; batch++) {
    const values: [string, string][] = [];
    for (let i = batch * 25_000; i < (batch + 1) * 25_000; i++) {
      const ts = endNs - BigInt(bulkLines - 1 - i) * stepNs;
      values.push([ts.toString(), `bulk line ${String(i).padStart(6, '0')} level=info took=${i % 997}ms`]);
    }
    await expectStatus(
      fx.call('POST', '/loki/api/v1/push', {
        streams: [{ stream: { app: bulk, service: 'loadgen' }, values }],
      }),
      204,
    );
  }
}

const logsUrl = (query: string, extra = ''): string =>
  `${fx.url}/logs?query=${encodeURIComponent(query)}${extra}`;

/** Page errors other than the ones a test provokes on purpose (a 422 for a bad query, a daemon restart). */
const unexpectedErrors = (): string[] =>
  fx.browser.errors.filter(
    (e) =>
      !/status of 422|ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_INCOMPLETE_CHUNKED_ENCODING|EventSource/.test(
        e,
      ),
  );

beforeAll(async () => {
  const compose = `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    command: ${JSON.stringify(['sh', '-c', script])}\n    stop_grace_period: 1s\n`;
  await fx.deploy(compose, '/srv/logs');
  await pushBulkLines();
  await waitFor(`lines of ${app} in the store`, async () => {
    const query = encodeURIComponent(`{app="${app}"} |= "logs-test hello"`);
    const answer = (await (await fx.call('GET', `/logs/query_range?query=${query}&since=5m`)).json()) as {
      entries: unknown[];
    };
    return answer.entries.length >= 2;
  });
  // A viewer logging in through the form: cookie mode, so live tail runs over EventSource.
  await loginThroughForm(fx.browser.page, fx.url, user.name, user.password);
});

describe('logs page in a real browser', () => {
  it('shows a line the app wrote with its labels, parsed fields and the histogram', async () => {
    const { page } = fx.browser;
    await page.goto(logsUrl(`{app="${app}"}`, '&since=5m'));

    const list = page.getByRole('list', { name: 'Log lines' });
    const hello = list.getByRole('listitem').filter({ hasText: 'logs-test hello' }).first();
    await hello.waitFor();
    expect(await hello.textContent()).toContain(app);
    expect(await hello.textContent()).toContain('web');
    await expect
      .poll(async () => Number((await page.getByTestId('histogram-total').textContent())?.replace(/\D/g, '')))
      .toBeGreaterThan(1);
    expect(
      await page.getByRole('group', { name: 'Matching lines over time' }).getByRole('button').count(),
    ).toBeGreaterThan(10);

    const json = list.getByRole('listitem').filter({ hasText: 'payment failed' }).first();
    await json.getByRole('button', { expanded: false }).click();
    const details = json.locator('.log-detail');
    await details.getByRole('heading', { name: 'Structured metadata' }).waitFor();
    expect(await details.textContent()).toMatch(/order\s*\d+/);
    expect(await json.locator('.log-level').textContent()).toBe('error');
    await saveScreenshots(page, 'logs-results');

    // A field's filter button narrows the query to lines with that value.
    await details.getByRole('button', { name: /Show only lines with level=error/ }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('query'))
      .toBe(`{app="${app}"} | level="error"`);
    await expect
      .poll(() => list.getByRole('listitem').filter({ hasText: 'logs-test hello' }).count())
      .toBe(0);
    expect(await list.getByRole('listitem').filter({ hasText: 'payment failed' }).count()).toBeGreaterThan(0);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('zooms the time range to a clicked histogram bar', async () => {
    const { page } = fx.browser;
    await page.goto(logsUrl(`{app="${app}"} |= "logs-test hello"`, '&since=5m'));
    const bar = page
      .getByRole('group', { name: 'Matching lines over time' })
      .getByRole('button', { name: /: [1-9]\d* lines/ })
      .first();
    await bar.waitFor();
    const barLines = Number(/: (\d+) lines/.exec((await bar.getAttribute('aria-label')) ?? '')?.[1]);
    await bar.click();

    await expect.poll(() => new URL(page.url()).searchParams.get('since')).toBeNull();
    const params = new URL(page.url()).searchParams;
    expect(Number(params.get('end')) - Number(params.get('start'))).toBe(5000);
    expect(await page.getByLabel('Time range', { exact: true }).inputValue()).toBe('custom');
    await expect.poll(() => page.getByTestId('log-summary').textContent()).toMatch(/^\d+ lines?,/);
    const shown = Number(/^(\d+)/.exec((await page.getByTestId('log-summary').textContent()) ?? '')?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(barLines + 1);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('since')).toBe('5m');
  });

  it('suggests label values inside a selector', async () => {
    const { page } = fx.browser;
    await page.goto(`${fx.url}/logs`);
    const box = page.getByLabel('LogQL query');
    await box.fill('');
    await box.pressSequentially('{app="');
    const option = page
      .getByRole('listbox', { name: 'Values of app' })
      .getByRole('option', { name: app, exact: true });
    await option.waitFor();
    await page.screenshot({ path: join(screenshotDir, 'logs-suggestions-1280x800.png') });
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    await option.click();
    expect(await box.inputValue()).toBe(`{app="${app}"`);
  });

  it('marks a syntax error in place with the API message and hint', async () => {
    const { page } = fx.browser;
    await page.goto(`${fx.url}/logs`);
    const box = page.getByLabel('LogQL query');
    const broken = `{app="${app}" |= "hello"`;
    await box.fill(broken);
    await box.press('Control+Enter');

    const error = page.getByTestId('logql-error');
    await error.waitFor();
    const message = (await error.textContent()) ?? '';
    expect(message).toContain('invalid LogQL');
    expect(message).toContain('See docs/logs.md');
    const column = Number(/column (\d+)/.exec(message)?.[1]);
    expect(column).toBeGreaterThan(1);
    // The marked character is the one the API's column points at.
    const mark = page.getByTestId('logql-error-mark');
    expect(await mark.textContent()).toBe(broken[column - 1]);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.logql-caret').textContent()).toBe(`${broken}\n${' '.repeat(column - 1)}^`);
    await saveScreenshots(page, 'logs-error');

    await page.getByRole('button', { name: `Go to line 1, column ${column}` }).click();
    expect(await box.evaluate((el) => (el as unknown as { selectionStart: number }).selectionStart)).toBe(
      column - 1,
    );
    expect(unexpectedErrors()).toEqual([]);
  });

  it('shows a metric query as series with sparklines', async () => {
    const { page } = fx.browser;
    await page.goto(logsUrl(`sum by (service) (count_over_time({app="${app}"}[1m]))`, '&since=5m'));
    const table = page.getByTestId('metric-result').getByRole('table');
    await table.getByText('service=web').waitFor();
    expect(await page.getByTestId('histogram').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Live tail' }).isDisabled()).toBe(true);
  });

  it('lists the app patterns, and a click shows the lines of a template', async () => {
    const { page } = fx.browser;
    await page.goto(`${fx.url}/logs?tab=patterns&app=${app}&since=5m`);
    const table = page.getByRole('table', { name: `Log patterns of ${app}` });
    const template = table.getByRole('button', { name: /logs-test hello/ });
    await template.waitFor();
    expect(await template.textContent()).toContain('<*>');
    await saveScreenshots(page, 'logs-patterns');

    await template.click();
    await page.getByRole('tab', { name: 'Query', selected: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('query')).toContain('|~');
    const rows = page.getByRole('list', { name: 'Log lines' }).getByRole('listitem');
    await rows.first().waitFor();
    expect(await rows.filter({ hasNotText: 'logs-test hello' }).count()).toBe(0);
  });

  it(`stays responsive with ${bulkLines.toLocaleString()} lines in the virtualised list`, async () => {
    const { page } = fx.browser;
    const started = Date.now();
    await page.goto(logsUrl(`{app="${bulk}"}`, `&since=1h&limit=${bulkLines}`));
    const summary = page.getByTestId('log-summary');
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('100,000 lines');
    const list = page.getByRole('list', { name: 'Log lines' });
    await list.getByRole('listitem').filter({ hasText: 'bulk line 099999' }).waitFor();
    const shownMs = Date.now() - started;
    const domRows = await page.locator('[data-log-row]').count();

    // In the page: scroll to a point, wait two frames (the rows for it are painted), time it.
    const scrollTo = (fraction: number): Promise<{ ms: number; rows: number; first: string }> =>
      page.evaluate(`(async () => {
        const viewport = document.querySelector('[data-testid="log-viewport"]');
        const t0 = performance.now();
        viewport.scrollTop = (viewport.scrollHeight - viewport.clientHeight) * ${fraction};
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const rows = viewport.querySelectorAll('[data-log-row]');
        const top = viewport.getBoundingClientRect().top;
        const first = [...rows].find((r) => r.getBoundingClientRect().bottom > top + 1);
        return { ms: performance.now() - t0, rows: rows.length, first: first ? first.textContent : '' };
      })()`);
    const samples = [];
    for (const fraction of [0.5, 0.25, 0.75, 1, 0.1, 0.9, 0.5, 0]) samples.push(await scrollTo(fraction));
    const middle = samples[0]!;
    const bottom = samples[3]!;
    const worst = Math.max(...samples.map((s) => s.ms));
    const mean = samples.reduce((sum, s) => sum + s.ms, 0) / samples.length;

    const fetched = /scanned in (\d+) ms/.exec((await summary.textContent()) ?? '')?.[1];
    console.log(
      `logs page, ${bulkLines.toLocaleString()} lines: shown ${shownMs} ms after navigation ` +
        `(query_range answered and parsed in ${fetched} ms of it); ` +
        `${domRows} rows in the DOM; scroll-to-position and paint: mean ${mean.toFixed(1)} ms, worst ${worst.toFixed(1)} ms ` +
        `over ${samples.length} jumps; at most ${Math.max(...samples.map((s) => s.rows))} rows in the DOM`,
    );
    // Newest first: the middle of the list is around line 50,000, the bottom is the oldest line.
    expect(Number(/bulk line (\d+)/.exec(middle.first)?.[1])).toBeGreaterThan(49_000);
    expect(Number(/bulk line (\d+)/.exec(middle.first)?.[1])).toBeLessThan(51_000);
    expect(bottom.first).toMatch(/bulk line 0000\d\d/);
    expect(domRows).toBeLessThan(100);
    for (const sample of samples) expect(sample.rows).toBeLessThan(100);

    // An expanded row pushes the rows below it down and the list stays bounded.
    const row = list.getByRole('listitem').filter({ hasText: 'bulk line 099999' });
    await row.getByRole('button', { expanded: false }).click();
    await row.getByRole('heading', { name: 'Labels' }).waitFor();
    const next = list.getByRole('listitem').filter({ hasText: 'bulk line 099998' });
    const rowBox = await row.boundingBox();
    const nextBox = await next.boundingBox();
    expect(nextBox!.y).toBeGreaterThanOrEqual(rowBox!.y + rowBox!.height - 1);
    expect(await page.locator('[data-log-row]').count()).toBeLessThan(100);
    await saveScreenshots(page, 'logs-100k');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('pages back with "Load older lines" without gaps or repeats', async () => {
    const { page } = fx.browser;
    await page.goto(logsUrl(`{app="${bulk}"}`, '&since=1h&limit=1000'));
    const summary = page.getByTestId('log-summary');
    await expect.poll(() => summary.textContent()).toContain('1,000 lines');
    await page.getByRole('button', { name: 'Load older lines' }).click();
    await expect.poll(() => summary.textContent()).toContain('2,000 lines');
    const viewport = page.getByTestId('log-viewport');
    await viewport.evaluate((el) => {
      const v = el as unknown as { scrollTop: number; scrollHeight: number };
      v.scrollTop = v.scrollHeight;
    });
    const rows = page.getByRole('list', { name: 'Log lines' }).getByRole('listitem');
    await rows.filter({ hasText: 'bulk line 098000' }).waitFor();
    expect(await rows.last().getAttribute('aria-posinset')).toBe('2000');
    expect(await rows.last().textContent()).toContain('bulk line 098000');
  });

  it('follows the newest tailed line, pauses when scrolled up, and keeps at most 10,000 lines', async () => {
    const { page } = fx.browser;
    await page.goto(logsUrl(`{app="${bulk}"} |= "tailed"`, '&since=5m&live=1'));
    await expect.poll(() => page.locator('.live').textContent()).toBe('live');
    const viewport = page.getByTestId('log-viewport');
    const pushTailed = async (from: number, count: number): Promise<void> => {
      const now = BigInt(Date.now()) * 1_000_000n;
      const values = Array.from({ length: count }, (_, i): [string, string] => [
        (now + BigInt(i)).toString(),
        `tailed ${from + i}`,
      ]);
      const pushed = await fx.call('POST', '/loki/api/v1/push', {
        streams: [
          {
            stream: { app: bulk, service: 'loadgen' },
            values: [...values, [now.toString(), 'not this one']],
          },
        ],
      });
      expect(pushed.status).toBe(204);
    };
    const atBottom = (): Promise<boolean> =>
      viewport.evaluate((el) => {
        const v = el as unknown as { scrollTop: number; clientHeight: number; scrollHeight: number };
        return v.scrollTop + v.clientHeight >= v.scrollHeight - 2;
      });

    await pushTailed(0, 200);
    const rows = page.getByRole('list', { name: 'Live log lines' }).getByRole('listitem');
    await rows.filter({ hasText: /tailed 199$/ }).waitFor();
    expect(await atBottom()).toBe(true);
    expect(await rows.filter({ hasText: 'not this one' }).count()).toBe(0);

    await viewport.evaluate((el) => void ((el as unknown as { scrollTop: number }).scrollTop = 0));
    const paused = page.getByRole('status').filter({ hasText: 'Auto-scroll paused' });
    await paused.waitFor();
    await pushTailed(200, 50);
    await expect.poll(() => paused.textContent()).toContain('50 new lines below');
    expect(await rows.first().textContent()).toContain('tailed 0');

    await page.getByRole('button', { name: 'Jump to newest' }).click();
    await rows.filter({ hasText: /tailed 249$/ }).waitFor();
    expect(await atBottom()).toBe(true);

    await pushTailed(250, 10_000);
    await rows.filter({ hasText: /tailed 10249$/ }).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByTestId('live-tail').getByRole('status').first().textContent())
      .toContain('10,250 new lines since tailing started, keeping the newest 10,000');
    expect(await page.locator('[data-log-row]').count()).toBeLessThan(100);
    await saveScreenshots(page, 'logs-live');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('tails new lines live over EventSource and keeps tailing across a daemon restart', async () => {
    const { page } = fx.browser;
    await page.goto(logsUrl(`{app="${app}"} |= "logs-test hello"`, '&since=5m'));
    await page.getByRole('list', { name: 'Log lines' }).getByRole('listitem').first().waitFor();
    await page.getByRole('button', { name: 'Live tail' }).click();
    await expect.poll(() => page.locator('.live').textContent()).toBe('live');

    const liveRows = page.getByRole('list', { name: 'Live log lines' }).getByRole('listitem');
    await liveRows.filter({ hasText: 'logs-test hello' }).first().waitFor({ timeout: 10_000 });
    const counter = async (): Promise<number> =>
      Math.max(...(await liveRows.allTextContents()).map((t) => Number(/hello (\d+)/.exec(t)?.[1] ?? -1)));
    const before = await counter();
    await expect.poll(counter, { timeout: 10_000 }).toBeGreaterThan(before);
    // The query's line filter applies to the tail too: the app's JSON lines do not match it.
    expect(await liveRows.filter({ hasText: 'payment failed' }).count()).toBe(0);

    await fx.daemon.stop();
    await expect.poll(() => page.locator('.live').textContent(), { timeout: 15_000 }).toBe('reconnecting…');
    await fx.startDaemonAgain();
    await expect.poll(() => page.locator('.live').textContent(), { timeout: 30_000 }).toBe('live');
    const afterRestart = await counter();
    await expect.poll(counter, { timeout: 15_000 }).toBeGreaterThan(afterRestart);
    expect(unexpectedErrors()).toEqual([]);
  });
});
