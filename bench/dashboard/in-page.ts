import { z } from 'zod';
import type { Target } from './pages.js';

/*
 * Code that runs inside the dashboard page. It is kept as JavaScript text: the bench's tsconfig has no
 * DOM types, and Playwright sends a string expression straight to the page (CDP Runtime.evaluate), so
 * the page's CSP (`script-src 'self'`, docs/dashboard.md) does not get in the way as `eval` would.
 */

/**
 * An init script (runs before the page's own code) that records `performance.now()` (ms since navigation
 * start) when every target is in the DOM and laid out (`__benchInDomMs`), and once the frame showing it
 * has been painted (`__benchVisibleMs`: a task queued from the next animation frame runs after that
 * frame's paint). A MutationObserver sees the change without polling, so it adds no timer of its own.
 */
export function visibilityProbe(targets: readonly Target[]): string {
  return `(() => {
  const targets = ${JSON.stringify(targets)};
  const found = (t) => {
    const el = document.querySelector(t.selector);
    return el !== null && (t.text === undefined || (el.textContent || '').includes(t.text));
  };
  const laidOut = (t) => document.querySelector(t.selector).getClientRects().length > 0;
  let seen = false;
  const observer = new MutationObserver(() => {
    if (seen || !targets.every(found) || !targets.every(laidOut)) return;
    seen = true;
    observer.disconnect();
    window.__benchInDomMs = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.__benchVisibleMs = performance.now(); }, 0));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;
}

/** Whether the probe has fired: the painted time, or null. */
export const visibleAt = 'window.__benchVisibleMs ?? null';

const ResourceSchema = z.object({
  name: z.string(),
  transferSize: z.number(),
  encodedBodySize: z.number(),
  decodedBodySize: z.number(),
  startMs: z.number(),
  endMs: z.number(),
});
export type Resource = z.infer<typeof ResourceSchema>;

export const PageFiguresSchema = z.object({
  inDomMs: z.number(),
  visibleMs: z.number(),
  fcpMs: z.number().nullable(),
  dclMs: z.number().nullable(),
  resources: z.array(ResourceSchema),
});
export type PageFigures = z.infer<typeof PageFiguresSchema>;

/**
 * The probe's times, First Contentful Paint (Paint Timing), DOMContentLoaded (end of the handlers, from
 * Navigation Timing) and every resource fetched (Resource Timing: `encodedBodySize` is the body as sent,
 * compressed; `decodedBodySize` after decoding; `transferSize` 0 would mean it came from a cache).
 */
export const pageFigures = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    inDomMs: window.__benchInDomMs,
    visibleMs: window.__benchVisibleMs,
    fcpMs: fcp ? fcp.startTime : null,
    dclMs: nav ? nav.domContentLoadedEventEnd : null,
    resources: performance.getEntriesByType('resource').map((e) => ({
      name: e.name,
      transferSize: e.transferSize,
      encodedBodySize: e.encodedBodySize,
      decodedBodySize: e.decodedBodySize,
      startMs: e.startTime,
      endMs: e.responseEnd,
    })),
  };
})()`;

export const ScrollFiguresSchema = z.object({
  /** Time between consecutive animation frames while scrolling, one scroll step per frame. */
  framesMs: z.array(z.number()),
  totalMs: z.number(),
  maxRows: z.number(),
  /** `aria-posinset` of the last row in the DOM after the last step (the list's end). */
  lastPosition: z.number(),
});
export type ScrollFigures = z.infer<typeof ScrollFiguresSchema>;

/**
 * Scrolls the virtualised log list from top to bottom in `steps` equal jumps, one per animation frame,
 * and records each frame's start time (the rAF timestamp). A jump set in frame n fires its scroll event
 * at the start of frame n+1, where the list renders its new window of rows before painting; so a slow
 * render shows up as a long gap between two frames. Two more frames let the last jump paint.
 */
export function scrollFigures(steps: number): string {
  return `(async () => {
  const viewport = document.querySelector('[data-testid="log-viewport"]');
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const framesMs = [];
  let maxRows = 0;
  const first = await frame();
  let last = first;
  for (let i = 1; i <= ${steps} + 2; i++) {
    if (i <= ${steps}) viewport.scrollTop = ((viewport.scrollHeight - viewport.clientHeight) * i) / ${steps};
    const now = await frame();
    framesMs.push(now - last);
    last = now;
    maxRows = Math.max(maxRows, viewport.querySelectorAll('[data-log-row]').length);
  }
  const rows = viewport.querySelectorAll('[data-log-row]');
  const lastRow = rows[rows.length - 1];
  return {
    framesMs,
    totalMs: last - first,
    maxRows,
    lastPosition: Number(lastRow ? lastRow.getAttribute('aria-posinset') : NaN),
  };
})()`;
}

/** Row elements of the log list now in the DOM. */
export const logRowCount = `document.querySelectorAll('[data-log-row]').length`;

/** The summary line above the results (`100,000 lines, newest first · … scanned in 812 ms`). */
export const logSummary = `(document.querySelector('[data-testid="log-summary"]') || {}).textContent || ''`;
