import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pageFigures, PageFiguresSchema, visibilityProbe, visibleAt, type Resource } from './in-page.js';
import type { Target } from './pages.js';

export type SessionState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** JavaScript fetched by a page, split into the entry (named in index.html) and chunks loaded later. */
export interface ScriptBytes {
  files: number;
  encodedBytes: number;
  decodedBytes: number;
}

export interface PageLoad {
  /** ms from navigation start until the targets were painted. */
  visibleMs: number;
  /** ms from navigation start until the targets were in the DOM (before that frame's paint). */
  inDomMs: number;
  fcpMs: number;
  dclMs: number;
  initial: ScriptBytes;
  lazy: ScriptBytes;
  /** Scripts served from a cache (transferSize 0): should be 0 with a cold cache. */
  cachedScripts: number;
  resources: Resource[];
  /** Uncaught errors the page threw (a page that failed would make its figures meaningless). */
  errors: string[];
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  load: PageLoad;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Scripts that index.html loads by itself (`<script src>` and `<link rel=modulepreload>`). */
export function entryScripts(indexHtml: string): Set<string> {
  const paths = new Set<string>();
  for (const match of indexHtml.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) paths.add(match[1] ?? '');
  for (const match of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    paths.add(match[1] ?? '');
  return paths;
}

function sum(resources: readonly Resource[]): ScriptBytes {
  return {
    files: resources.length,
    encodedBytes: resources.reduce((n, r) => n + r.encodedBodySize, 0),
    decodedBytes: resources.reduce((n, r) => n + r.decodedBodySize, 0),
  };
}

/**
 * Opens `url` in a new browser context (its own empty HTTP cache and, unless `session` is given, no
 * cookies), waits until every target is painted, and reads the Performance API. The context stays open
 * for more measurements; the caller closes it.
 */
export async function openCold(
  browser: Browser,
  url: string,
  targets: readonly Target[],
  entry: ReadonlySet<string>,
  options: { session?: SessionState; timeoutMs?: number },
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    ...(options.session ? { storageState: options.session } : {}),
  });
  try {
    await context.addInitScript(visibilityProbe(targets));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Only for the message when a page never shows: a 404 on a chunk means dist/web was rebuilt meanwhile.
    const failed: string[] = [];
    page.on('response', (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`)));
    await page.goto(url, { waitUntil: 'commit' });
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    // Polled from here, not with waitForFunction: the probe timestamps in the page, so polling every
    // 50 ms costs no accuracy.
    while ((await page.evaluate(visibleAt)) === null) {
      if (Date.now() > deadline)
        throw new Error(
          `${url}: ${targets.map((t) => t.selector).join(' + ')} not shown within the timeout; ` +
            `failed requests: ${failed.join(', ') || 'none'}; page errors: ${errors.join('; ') || 'none'}`,
        );
      await sleep(50);
    }
    // Chunks still in flight when the targets appeared (a chart library) land in the figures too.
    await sleep(500);
    const figures = PageFiguresSchema.parse(await page.evaluate(pageFigures));
    const scripts = figures.resources.filter((r) => new URL(r.name).pathname.endsWith('.js'));
    const isEntry = (r: Resource): boolean => entry.has(new URL(r.name).pathname);
    return {
      context,
      page,
      load: {
        visibleMs: figures.visibleMs,
        inDomMs: figures.inDomMs,
        fcpMs: figures.fcpMs ?? NaN,
        dclMs: figures.dclMs ?? NaN,
        initial: sum(scripts.filter(isEntry)),
        lazy: sum(scripts.filter((r) => !isEntry(r))),
        cachedScripts: scripts.filter((r) => r.transferSize === 0).length,
        resources: figures.resources,
        errors,
      },
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}
