import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, loginThroughForm, phone } from '../../support/browser.js';
import { dashboardFixture, expectStatus } from '../../support/dashboard-fixture.js';
import { uniqueApp } from '../../support/docker-cli.js';
import { gitRemote, type GitRemote } from '../../support/git-repo.js';
import { testImage } from '../../support/test-image.js';
import { waitFor } from '../../support/wait-for.js';

// Issue 7: every page works at 1280 px and 375 px and passes basic accessibility checks (labels, focus,
// contrast), in both colour schemes. axe-core checks the WCAG 2.1 A/AA rules; the keyboard checks below
// cover what axe cannot see (focus order and a visible focus indicator).

const app = uniqueApp('a11y');
const admin = { name: 'ada', password: 'accessibility admin password', role: 'admin' } as const;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const schemes = ['light', 'dark'] as const;
const sizes = [desktop, phone] as const;
const fx = dashboardFixture({ users: [admin], apps: [app] });
let remote: GitRemote;
let imageId = '';

/** Twenty lines of three levels over the last minute (Loki push API), so the logs page has results. */
async function pushLogLines(): Promise<void> {
  const now = BigInt(Date.now()) * 1_000_000n;
  const levels = ['info', 'warn', 'error'];
  const values = Array.from({ length: 20 }, (_, i): [string, string] => [
    (now - BigInt(20 - i) * 2_000_000_000n).toString(),
    `level=${levels[i % 3]} msg="checkout step ${i}" took=${i * 7}ms`,
  ]);
  await expectStatus(
    fx.call('POST', '/loki/api/v1/push', { streams: [{ stream: { app, service: 'web' }, values }] }),
    204,
  );
}

/** A one-step pipeline run to completion, so the pipelines pages and the webhooks tab have content. */
async function runPipeline(): Promise<void> {
  remote = gitRemote();
  const pipeline = `steps:\n  build:\n    image: ${testImage}\n    commands: ['echo "built"']\n`;
  remote.commit({ '.berth/pipeline.yaml': pipeline }, 'add the pipeline');
  await expectStatus(
    fx.call('PUT', `/apps/${app}/pipeline`, { repoUrl: remote.bare, branch: 'main', forge: 'github' }),
    200,
  );
  await expectStatus(fx.call('POST', `/apps/${app}/pipelines/runs`, { ref: 'main' }), 202);
  await waitFor(
    'the pipeline run to finish',
    async () => {
      const run = (await (await fx.call('GET', `/apps/${app}/pipelines/runs/1`)).json()) as {
        status: string;
      };
      return !['queued', 'running', 'waiting'].includes(run.status);
    },
    60_000,
    250,
  );
}

beforeAll(async () => {
  const compose = `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sh", "-c", "while true; do echo served; seq 1 500 > /tmp/n; sleep 1; done"]\n    stop_grace_period: 1s\n`;
  await fx.deploy(compose, '/srv/a11y');
  const scan = await expectStatus(fx.call('POST', '/scans', { image: testImage }), 201);
  imageId = ((await scan.json()) as { imageId: string }).imageId;
  await Promise.all([
    pushLogLines(),
    runPipeline(),
    expectStatus(fx.call('POST', '/tokens', { name: 'ci-deploy', user: admin.name }), 201),
    expectStatus(
      fx.call('PUT', `/apps/${app}/secrets/REGISTRY_PASSWORD`, { value: 'not-a-real-password' }),
      200,
    ),
    waitFor(
      `${app} to converge with metrics`,
      async () => {
        const status = (await (await fx.call('GET', `/apps/${app}`)).json()) as { converged: boolean };
        const metrics = (await (await fx.call('GET', `/apps/${app}/metrics?since=15m`)).json()) as {
          series: { points: { memoryBytes: unknown[] } }[];
        };
        return status.converged && metrics.series.some((s) => s.points.memoryBytes.length > 0);
      },
      60_000,
      250,
    ),
  ]);
  // axe is added through the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
  await fx.browser.context.addInitScript(axeSource);
});

afterAll(() => remote?.remove());

interface Finding {
  rule: string;
  impact: string;
  target: string;
  why: string;
  helpUrl: string;
}

/** Every node axe flags under WCAG 2.0/2.1 A and AA, one finding each. */
async function axeFindings(page: Page): Promise<Finding[]> {
  const script = `axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'] }).then((r) => r.violations.flatMap((v) => v.nodes.map((n) => ({
      rule: v.id, impact: n.impact || v.impact || 'unknown', target: n.target.join(' '),
      why: (n.any[0] || n.all[0] || n.none[0] || { message: v.help }).message, helpUrl: v.helpUrl }))))`;
  return page.evaluate<Finding[]>(script);
}

const format = (f: Finding, where: string): string =>
  `${where}: ${f.rule} [${f.impact}] ${f.target} — ${f.why} (${f.helpUrl})`;

/** Findings seen across the whole run, per rule and impact, printed at the end for the report. */
const tally = new Map<string, number>();

/**
 * Runs axe on the current page in both schemes at both sizes; answers the serious and critical
 * findings and whether the page scrolled sideways at 375 px.
 */
async function checkPage(page: Page, name: string): Promise<{ serious: string[]; overflow: string[] }> {
  const serious: string[] = [];
  const overflow: string[] = [];
  for (const size of sizes) {
    await page.setViewportSize(size);
    // Layout-driven state (a table that starts to scroll becomes a focusable region) settles in a frame.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    for (const colorScheme of schemes) {
      await page.emulateMedia({ colorScheme });
      const where = `${name} ${size.width}px ${colorScheme}`;
      for (const f of await axeFindings(page)) {
        const key = `${f.rule} [${f.impact}]`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
        if (f.impact === 'serious' || f.impact === 'critical') serious.push(format(f, where));
        else console.log(`minor: ${format(f, where)}`);
      }
      if (size === phone) {
        const width = await page.evaluate<number>('document.scrollingElement.scrollWidth');
        if (width > phone.width + 1) overflow.push(`${where}: the page is ${width}px wide`);
      }
    }
  }
  await page.setViewportSize(desktop);
  await page.emulateMedia({ colorScheme: 'light' });
  return { serious, overflow };
}

/**
 * Presses Tab 30 times and answers which elements it reached showed no focus indicator: no outline or
 * box-shadow, or the same as when not focused (WCAG 2.4.7).
 */
async function tabWalk(page: Page): Promise<{ landed: number; elements: number; missing: string[] }> {
  const reached: ({ key: string; name: string; styles: string[] } | null)[] = [];
  for (let step = 0; step < 30; step++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(focusedState));
  }
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  const unfocused = await page.evaluate<Record<string, string[]>>(unfocusedStyles);
  const focused = reached.flatMap((f, step) => (f ? [{ ...f, step }] : []));
  // Shown: the element or one of its two nearest ancestors has a visible outline or shadow it lacks unfocused.
  const shown = (f: (typeof focused)[number]): boolean =>
    f.styles.some((style, i) => !style.startsWith('hidden') && style !== unfocused[f.key]?.[i]);
  const missing = focused
    .filter((f) => !shown(f))
    .map(
      (f) => `Tab ${f.step + 1}: ${f.name} (focused: ${f.styles[0]}; unfocused: ${unfocused[f.key]?.[0]})`,
    );
  return { landed: focused.length, elements: new Set(focused.map((f) => f.key)).size, missing };
}

/** Waits until a page's loading spinners are gone (a live view may keep one; 5 s is enough then). */
async function settle(page: Page): Promise<void> {
  await page
    .locator('.spinner')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
}

interface PageCase {
  name: string;
  path: () => string;
  ready: (page: Page) => Promise<void>;
}

const byTestId = (id: string) => (page: Page) => page.getByTestId(id).waitFor();
/** A settings tab; `content` is what shows once its data has loaded. */
const settingsTab = (
  tab: string,
  content: (page: Page) => ReturnType<Page['locator']>,
  withApp = false,
): PageCase => ({
  name: `settings ${tab}`,
  path: () => `/settings?tab=${tab}${withApp ? `&app=${app}` : ''}`,
  ready: (page) => content(page).first().waitFor(),
});

const pages: PageCase[] = [
  {
    name: 'overview',
    path: () => '/',
    ready: (page) => page.getByRole('table', { name: 'Apps' }).getByRole('link', { name: app }).waitFor(),
  },
  { name: 'app', path: () => `/apps/${app}`, ready: (page) => page.getByTestId('ready-count').waitFor() },
  { name: 'deploy', path: () => '/deploy', ready: byTestId('deploy-page') },
  {
    name: 'pipelines',
    path: () => '/pipelines',
    ready: (page) => page.getByTestId('pipelines').getByRole('link', { name: app }).first().waitFor(),
  },
  { name: 'app pipelines', path: () => `/apps/${app}/pipelines`, ready: byTestId('app-pipelines') },
  { name: 'pipeline run', path: () => `/apps/${app}/pipelines/1`, ready: byTestId('pipeline-run') },
  {
    name: 'security',
    path: () => '/security',
    ready: (page) => page.getByRole('table', { name: 'Scan reports' }).waitFor(),
  },
  {
    name: 'security report',
    path: () => `/security?image=${encodeURIComponent(imageId)}`,
    ready: byTestId('scan-report'),
  },
  {
    name: 'logs',
    path: () => `/logs?query=${encodeURIComponent(`{app="${app}"}`)}&since=15m`,
    ready: (page) => page.getByRole('list', { name: 'Log lines' }).getByRole('listitem').first().waitFor(),
  },
  {
    name: 'logs line details',
    path: () => `/logs?query=${encodeURIComponent(`{app="${app}"} |= "checkout"`)}&since=15m`,
    ready: async (page) => {
      const row = page.getByRole('list', { name: 'Log lines' }).getByRole('listitem').first();
      await row.getByRole('button', { expanded: false }).click();
      await row.locator('.log-detail').waitFor();
    },
  },
  {
    name: 'logs patterns',
    path: () => `/logs?query=${encodeURIComponent(`{app="${app}"}`)}&since=15m&tab=patterns`,
    ready: byTestId('patterns'),
  },
  {
    name: 'metrics',
    path: () => `/metrics?app=${app}&range=15m`,
    ready: (page) => page.locator('[data-metric="memoryBytes"] canvas').first().waitFor(),
  },
  settingsTab('users', (page) => page.getByRole('table', { name: 'Users' })),
  settingsTab('tokens', (page) => page.getByRole('table', { name: 'Your API tokens' })),
  settingsTab('secrets', (page) => page.getByRole('table', { name: `Secrets of ${app}` }), true),
  settingsTab('registries', (page) => page.locator('.settings-section.registries')),
  settingsTab('webhooks', (page) => page.getByLabel('Webhook URL'), true),
  settingsTab('audit', (page) => page.getByRole('table', { name: 'Audit log' })),
];

describe('dashboard accessibility (axe, WCAG 2.1 AA) at 1280 and 375 px, light and dark', () => {
  it('the login page has no serious or critical axe violations and fits a phone', async () => {
    const { page } = fx.browser;
    await page.goto(fx.url);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    const { serious, overflow } = await checkPage(page, 'login');
    expect(serious).toEqual([]);
    expect(overflow).toEqual([]);
  });

  describe('logged in as an admin', () => {
    beforeAll(async () => {
      await loginThroughForm(fx.browser.page, fx.url, admin.name, admin.password);
    });

    it.each(pages)(
      'the $name page has no serious or critical axe violations, fits a phone and shows focus',
      async (c) => {
        const { page } = fx.browser;
        await page.goto(`${fx.url}${c.path()}`);
        await c.ready(page);
        await settle(page);
        const walk = await tabWalk(page);
        const { serious, overflow } = await checkPage(page, c.name);
        expect(serious).toEqual([]);
        expect(overflow).toEqual([]);
        expect(walk.missing, 'elements without a visible focus indicator').toEqual([]);
      },
    );

    it('Tab from the top of the overview reaches the skip link first, which moves focus to main', async () => {
      const { page } = fx.browser;
      await page.goto(fx.url);
      await pages[0]!.ready(page);
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to content');
      expect(await page.locator('.skip-link').isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');
    });

    it.each(schemes)(
      'every element the first 30 Tab presses reach on the overview shows a focus indicator (%s)',
      async (colorScheme) => {
        const { page } = fx.browser;
        await page.emulateMedia({ colorScheme });
        await page.goto(fx.url);
        await pages[0]!.ready(page);
        await settle(page);
        const walk = await tabWalk(page);
        await page.emulateMedia({ colorScheme: 'light' });
        console.log(
          `overview Tab walk (${colorScheme}): ${walk.landed} presses on ${walk.elements} elements`,
        );
        expect(walk.elements).toBeGreaterThan(10);
        expect(walk.missing).toEqual([]);
      },
    );
  });

  afterAll(() => {
    const rows = [...tally].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `  ${n}\t${rule}`);
    console.log(`axe findings over every page, size and scheme:\n${rows.join('\n') || '  none'}`);
  });
});

/**
 * The outline and shadow of an element and its two nearest ancestors, which may show focus for it
 * (`:focus-within` on an editor's frame, a hidden file input's label), one string each (runs in the page).
 */
const focusStylesOf = `(el) => [el, el.parentElement, el.parentElement && el.parentElement.parentElement]
  .filter(Boolean).map((node) => { const s = getComputedStyle(node);
    const shown = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    return (shown ? '' : 'hidden ') + s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor + ' | ' + s.boxShadow; })`;

/**
 * The focused element's focus styles, with a key the element keeps (`data-tab-key`) so its unfocused
 * styles can be read once focus has left; null when focus left the page (runs in the page).
 */
const focusedState = `(() => { const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (!el.hasAttribute('data-tab-key')) el.setAttribute('data-tab-key', String(document.querySelectorAll('[data-tab-key]').length));
  const text = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40);
  return { key: el.getAttribute('data-tab-key'), styles: (${focusStylesOf})(el),
    name: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' "' + text + '"' }; })()`;

/** The styles of every element a Tab press reached, now that none has focus (runs in the page). */
const unfocusedStyles = `Object.fromEntries([...document.querySelectorAll('[data-tab-key]')]
  .map((el) => [el.getAttribute('data-tab-key'), (${focusStylesOf})(el)]))`;
