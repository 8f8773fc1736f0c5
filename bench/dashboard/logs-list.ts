import type { Browser } from 'playwright-core';
import { openCold, type SessionState } from './cold-page.js';
import {
  logRowCount,
  logSummary,
  scrollFigures,
  ScrollFiguresSchema,
  type ScrollFigures,
} from './in-page.js';

export interface LogsListFigures {
  /** ms from navigation start until the summary says `lines` and the first rows are painted. */
  renderedMs: number;
  /** The `query_range` call for the lines, from the Resource Timing entry: sent at, and its duration. */
  querySentMs: number;
  queryMs: number;
  /** From the last byte of the answer until the rows were painted (JSON parse, state, render). */
  answerToPaintMs: number;
  queryEncodedBytes: number;
  queryDecodedBytes: number;
  /** What the page says it took to fetch and parse the answer (`scanned in N ms`). */
  pageQueryMs: number;
  rowsAtRest: number;
  scroll: ScrollFigures;
  heapUsedBytes: number;
  heapUsedAfterGcBytes: number;
}

const linesText = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'line' : 'lines'}`;

/**
 * The logs page with a query answering `lines` lines (issue 7: "stays responsive with 100,000 result
 * lines"): time to the first rows, rows in the DOM, `steps` scroll jumps across the list, and the JS heap
 * (CDP `Performance.getMetrics`, before and after a forced garbage collection).
 */
export async function measureLogsList(
  browser: Browser,
  options: {
    baseUrl: string;
    app: string;
    lines: number;
    steps: number;
    session: SessionState;
    entry: ReadonlySet<string>;
  },
): Promise<LogsListFigures> {
  const query = `{app="${options.app}"}`;
  const url = `${options.baseUrl}/logs?query=${encodeURIComponent(query)}&since=1h&limit=${options.lines}`;
  const { context, page, load } = await openCold(
    browser,
    url,
    [
      { selector: '[data-testid="log-summary"]', text: linesText(options.lines) },
      { selector: '[data-log-row]' },
    ],
    options.entry,
    { session: options.session, timeoutMs: 120_000 },
  );
  try {
    const linesCall = load.resources.find(
      (r) => r.name.includes('/logs/query_range') && r.name.includes(`limit=${options.lines}`),
    );
    const summary = String(await page.evaluate(logSummary));
    const rowsAtRest = Number(await page.evaluate(logRowCount));
    const scroll = ScrollFiguresSchema.parse(await page.evaluate(scrollFigures(options.steps)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapUsed = async (): Promise<number> =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ??
      NaN;
    const heapUsedBytes = await heapUsed();
    await cdp.send('HeapProfiler.collectGarbage');
    const heapUsedAfterGcBytes = await heapUsed();
    return {
      renderedMs: load.visibleMs,
      querySentMs: linesCall?.startMs ?? NaN,
      queryMs: linesCall ? linesCall.endMs - linesCall.startMs : NaN,
      answerToPaintMs: linesCall ? load.visibleMs - linesCall.endMs : NaN,
      queryEncodedBytes: linesCall?.encodedBodySize ?? NaN,
      queryDecodedBytes: linesCall?.decodedBodySize ?? NaN,
      pageQueryMs: Number(/scanned in (\d+) ms/.exec(summary)?.[1] ?? NaN),
      rowsAtRest,
      scroll,
      heapUsedBytes,
      heapUsedAfterGcBytes,
    };
  } finally {
    await context.close();
  }
}
