/**
 * Dashboard performance (issue 7): "initial dashboard load under 300 KB of compressed JavaScript; first
 * page rendered in under 1 s on loopback; the logs view stays responsive with 100,000 result lines".
 * Every page from a cold cache in headless chromium against a real daemon, then the logs page with a
 * 100,000-line answer. Usage:
 *   npx tsx bench/dashboard.ts [--rounds 3] [--lines 100000] [--steps 20]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath, loginThroughForm } from '../test/support/browser.js';
import { ensureTestImage } from '../test/support/test-image.js';
import { openCold, entryScripts, type SessionState } from './dashboard/cold-page.js';
import { measureLogsList } from './dashboard/logs-list.js';
import { benchPages } from './dashboard/pages.js';
import {
  apiWaitLines,
  budgets,
  kb,
  logsTable,
  pagesTable,
  roundLines,
  type Round,
} from './dashboard/report.js';
import { purgePipelineLeftovers, seed, type Seeded } from './dashboard/seed.js';
import { benchDaemon, benchName } from './support/bench-app.js';
import { foreignContainers, loadAverage } from './support/engine-context.js';
import { countFlag } from './support/flags.js';
import { runBench } from './support/run-bench.js';
import { max, median, ms, verdict } from './support/stats.js';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    lines: { type: 'string', default: '100000' },
    steps: { type: 'string', default: '20' },
  },
});
const rounds = countFlag('rounds', flags.rounds);
const lines = countFlag('lines', flags.lines);
const steps = countFlag('steps', flags.steps);
// The logs page's "Lines" menu (web/src/pages/logs/query-toolbar.tsx): any other `limit` in the URL falls
// back to 1,000, and the page would never show the expected count.
const pageLimits = [100, 1000, 5000, 10_000, 100_000];
if (!pageLimits.includes(lines))
  throw new Error(`--lines ${lines} is not one of the logs page's limits: ${pageLimits.join(', ')}`);

let openBrowser: Browser | undefined;

/**
 * A fresh chromium per round. `launch` gives it a new temporary user-data-dir (removed on close), and
 * every page below gets its own browser context, so each starts with an empty HTTP cache.
 */
function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

async function round(baseUrl: string, seeded: Seeded, entry: ReadonlySet<string>): Promise<Round> {
  const browser = (openBrowser = await launch());
  try {
    const pages: Round['pages'] = [];
    let session: SessionState | undefined;
    for (const page of benchPages(seeded.app)) {
      if (page.session && !session) throw new Error(`${page.name} needs the session of the login page first`);
      const opened = await openCold(browser, baseUrl + page.path, page.targets, entry, {
        ...(page.session ? { session } : {}),
      });
      try {
        pages.push({ name: page.name, load: opened.load });
        for (const error of opened.load.errors) console.log(`  ${page.name} threw: ${error}`);
        // The login form, once measured, logs in (untimed); later pages start with its cookie only.
        if (!page.session) {
          await loginThroughForm(opened.page, baseUrl, seeded.user.name, seeded.user.password);
          session = await opened.context.storageState();
        }
      } finally {
        await opened.context.close();
      }
    }
    if (!session) throw new Error('no page logged in');
    const logs = await measureLogsList(browser, {
      baseUrl,
      app: seeded.app,
      lines: seeded.queryLines,
      steps,
      session,
      entry,
    });
    return { loadAverage: loadAverage(), pages, logs };
  } finally {
    openBrowser = undefined;
    await browser.close();
  }
}

function chromiumVersion(): string {
  try {
    return execFileSync(chromiumPath, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

await runBench('dashboard', { deadlineMs: 25 * 60_000 }, async (cleanup) => {
  ensureTestImage();
  console.log(
    `dashboard: ${rounds} rounds, ${lines.toLocaleString('en-US')} log lines, ${steps} scroll steps; ` +
      `${chromiumVersion()}; ${foreignContainers('bench-')} other containers running, load ${loadAverage()}`,
  );
  const app = benchName('dash');
  const installation: { instance?: string } = {};
  // Registered first, so it runs last: after the daemon has stopped and cannot start another step.
  cleanup.add(
    'remove pipeline leftovers',
    () => installation.instance && purgePipelineLeftovers(installation.instance, app),
  );
  const daemon = await benchDaemon(cleanup);
  installation.instance = readFileSync(join(daemon.home, 'instance.id'), 'utf8').trim();
  cleanup.add('close chromium', () => openBrowser?.close());

  const seeded = await seed(cleanup, daemon, app, lines);
  console.log(
    `seeded: ${seeded.queryLines.toLocaleString('en-US')} lines queryable (pushed in ${ms(seeded.pushMs)}, ` +
      `query_range from Node ${ms(seeded.apiQueryMs)}); API cap check: ${seeded.capCheck}`,
  );
  if (seeded.queryLines < lines)
    console.log(`the query API answers at most ${seeded.queryLines} lines: the logs figures use that many`);
  const entry = entryScripts(await (await fetch(daemon.url)).text());

  const results: Round[] = [];
  for (let i = 1; i <= rounds; i++) {
    console.log(`round ${i}/${rounds} (load ${loadAverage()})`);
    results.push(await round(daemon.url, seeded, entry));
  }

  console.log(`\nEvery page from a cold cache (median of ${rounds} rounds; KB = 1,000 bytes):`);
  console.log(pagesTable(results));
  console.log(
    '\nshown: navigation start -> the page h1 and its first data element painted; FCP: first contentful ' +
      'paint; DCL: DOMContentLoaded done; wire: compressed body bytes; entry: scripts index.html loads; ' +
      'page chunks: loaded by the router for that page; cached: scripts not fetched (should be 0).',
  );
  console.log('');
  console.log(logsTable(results, seeded.queryLines, steps));
  console.log('');
  for (const line of roundLines(results)) console.log(line);
  console.log('\nWhat each page waited for last (last round):');
  for (const line of apiWaitLines(results[results.length - 1] as Round)) console.log(`  ${line}`);

  const medians = (pick: (r: Round) => number[]): number[] =>
    (results[0]?.pages ?? []).map((_, i) => median(results.map((r) => pick(r)[i] ?? NaN)));
  const worstShown = max(medians((r) => r.pages.map((p) => p.load.visibleMs)));
  const worstBytes = max(
    medians((r) => r.pages.map((p) => p.load.initial.encodedBytes + p.load.lazy.encodedBytes)),
  );
  console.log(
    `\nbudgets: slowest page ${ms(worstShown)} of 1 s: ${verdict(worstShown, budgets.shownMs, 'below')}; ` +
      `largest page ${kb(worstBytes)} of JS of 300 KB: ${verdict(worstBytes, budgets.scriptBytes, 'below')}; ` +
      `load at the end ${loadAverage()}`,
  );
});
