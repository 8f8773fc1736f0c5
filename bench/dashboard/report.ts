import { max, median, min, ms } from '../support/stats.js';
import { table } from '../support/table.js';
import type { PageLoad } from './cold-page.js';
import type { LogsListFigures } from './logs-list.js';

/** Issue 7's budgets. KB are 1,000 bytes here (the stricter reading of "300 KB"). */
export const budgets = { scriptBytes: 300_000, shownMs: 1000 } as const;

export interface Round {
  loadAverage: string;
  pages: { name: string; load: PageLoad }[];
  logs: LogsListFigures;
}

export const kb = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} KB` : '-';
export const mb = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(1)} MB` : '-';
const ratio = (value: number, budget: number): string =>
  Number.isFinite(value) ? `${(value / budget).toFixed(2)}x` : '-';
const spread = (values: readonly number[], format: (n: number) => string): string =>
  values.length > 1 ? `${format(min(values))}-${format(max(values))}` : '';

/** The median over rounds of one figure. */
const mid = <T>(items: readonly T[], pick: (item: T) => number): number => median(items.map(pick));

/** One row per page: medians over the rounds, with the range of the shown time and the budget ratios. */
export function pagesTable(rounds: readonly Round[]): string {
  const names = rounds[0]?.pages.map((p) => p.name) ?? [];
  const rows = names.map((name) => {
    const loads = rounds.flatMap((r) => r.pages.filter((p) => p.name === name).map((p) => p.load));
    const total = (l: PageLoad): number => l.initial.encodedBytes + l.lazy.encodedBytes;
    const shown = mid(loads, (l) => l.visibleMs);
    return [
      name,
      ms(shown),
      spread(
        loads.map((l) => l.visibleMs),
        ms,
      ),
      ratio(shown, budgets.shownMs),
      ms(mid(loads, (l) => l.fcpMs)),
      ms(mid(loads, (l) => l.dclMs)),
      `${kb(mid(loads, (l) => l.initial.encodedBytes))} / ${kb(mid(loads, (l) => l.initial.decodedBytes))}`,
      `${kb(mid(loads, (l) => l.lazy.encodedBytes))} / ${kb(mid(loads, (l) => l.lazy.decodedBytes))} (${mid(loads, (l) => l.lazy.files)})`,
      kb(mid(loads, total)),
      ratio(mid(loads, total), budgets.scriptBytes),
      String(max(loads.map((l) => l.cachedScripts))),
    ];
  });
  return table([
    [
      'page',
      'shown',
      'range',
      '/ 1 s',
      'FCP',
      'DCL',
      'entry JS (wire / decoded)',
      'page chunks (wire / decoded) (files)',
      'JS on the wire',
      '/ 300 KB',
      'cached',
    ],
    ...rows,
  ]);
}

/** The 100,000-line logs view: medians over the rounds, with the range where it says something. */
export function logsTable(rounds: readonly Round[], lines: number, steps: number): string {
  const logs = rounds.map((r) => r.logs);
  const frameMedian = logs.map((l) => median(l.scroll.framesMs));
  const frameWorst = logs.map((l) => max(l.scroll.framesMs));
  const row = (label: string, values: number[], format: (n: number) => string, note = ''): string[] => [
    label,
    format(median(values)),
    spread(values, format),
    note,
  ];
  return table([
    ['logs page, query answering ' + lines.toLocaleString('en-US') + ' lines', 'median', 'range', ''],
    row(
      'navigation -> summary and first rows painted',
      logs.map((l) => l.renderedMs),
      ms,
      // The 1 s budget is the first page's; shown here for scale only.
      `${ratio(median(logs.map((l) => l.renderedMs)), budgets.shownMs)} of 1 s (for scale)`,
    ),
    row(
      'query_range sent, after navigation start',
      logs.map((l) => l.querySentMs),
      ms,
    ),
    row(
      'query_range in the page (Resource Timing)',
      logs.map((l) => l.queryMs),
      ms,
    ),
    row(
      'last byte of the answer -> rows painted',
      logs.map((l) => l.answerToPaintMs),
      ms,
    ),
    row(
      'the page: fetch + JSON parse (its summary)',
      logs.map((l) => l.pageQueryMs),
      ms,
    ),
    row(
      'query_range answer on the wire',
      logs.map((l) => l.queryEncodedBytes),
      mb,
      `decoded ${mb(median(logs.map((l) => l.queryDecodedBytes)))}`,
    ),
    row(
      'row elements in the DOM at rest',
      logs.map((l) => l.rowsAtRest),
      String,
    ),
    row(
      `row elements in the DOM while scrolling (max)`,
      logs.map((l) => l.scroll.maxRows),
      String,
    ),
    row(
      `${steps} scroll steps, one per frame (+2 frames)`,
      logs.map((l) => l.scroll.totalMs),
      ms,
      `ideal ${ms(((steps + 2) * 1000) / 60)} at 60 Hz`,
    ),
    row('frame time while scrolling, median', frameMedian, ms),
    row('frame time while scrolling, worst', frameWorst, ms),
    row(
      'last row at the bottom (aria-posinset)',
      logs.map((l) => l.scroll.lastPosition),
      String,
    ),
    row(
      'JS heap used',
      logs.map((l) => l.heapUsedBytes),
      mb,
    ),
    row(
      'JS heap used after a forced GC',
      logs.map((l) => l.heapUsedAfterGcBytes),
      mb,
    ),
  ]);
}

/** One line per round, so a reader can see how far the rounds agree. */
export function roundLines(rounds: readonly Round[]): string[] {
  return rounds.map(
    (r, i) =>
      `round ${i + 1} (load ${r.loadAverage}): ` +
      r.pages.map((p) => `${p.name} ${Math.round(p.load.visibleMs)}`).join(', ') +
      ` ms; logs ${Math.round(r.logs.renderedMs)} ms, frames ${r.logs.scroll.framesMs.map(Math.round).join(' ')}`,
  );
}

/**
 * Per page of one round, the API answer that arrived last before the page showed: usually what the page
 * waited for, so the first place to look when a page is slow.
 */
export function apiWaitLines(round: Round): string[] {
  return round.pages.map(({ name, load }) => {
    const api = load.resources.filter(
      // responseEnd is 0 for a stream still open (server-sent events): not an answer yet.
      (r) => new URL(r.name).pathname.startsWith('/api/') && r.endMs > 0 && r.endMs <= load.inDomMs,
    );
    const last = api.reduce<(typeof api)[number] | undefined>(
      (a, r) => (a && a.endMs >= r.endMs ? a : r),
      undefined,
    );
    if (!last) return `${name}: no API answer before it showed`;
    const url = new URL(last.name);
    return (
      `${name}: shown ${ms(load.visibleMs)}; ${api.length} API answers before, the last ` +
      `${url.pathname}${url.search} sent at ${ms(last.startMs)}, answered at ${ms(last.endMs)}`
    );
  });
}
