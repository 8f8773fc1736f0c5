/**
 * The arithmetic of the virtualised log list: every row is `rowPx` tall except expanded ones, which are
 * `rowPx + extraPx`. Only the rows in view (plus overscan) are rendered, so 100,000 lines cost as much
 * as 40. Expanded rows are few, so positions are computed by walking them (O(expanded)), not by a
 * prefix-sum array over every row.
 */

export interface ExpandedRow {
  index: number;
  /** Height beyond `rowPx`, as measured. */
  extraPx: number;
}

/** The pixel offset of row `index`'s top. `expanded` must be sorted by index. */
export function rowTop(index: number, rowPx: number, expanded: readonly ExpandedRow[]): number {
  let extra = 0;
  for (const row of expanded) {
    if (row.index >= index) break;
    extra += row.extraPx;
  }
  return index * rowPx + extra;
}

/** The height of all `count` rows. */
export function totalHeight(count: number, rowPx: number, expanded: readonly ExpandedRow[]): number {
  return rowTop(count, rowPx, expanded);
}

/** The row at pixel `y` (clamped to the rows). */
export function indexAt(y: number, count: number, rowPx: number, expanded: readonly ExpandedRow[]): number {
  if (count === 0) return 0;
  let extra = 0;
  for (const row of expanded) {
    const top = row.index * rowPx + extra;
    if (y < top) break;
    if (y < top + rowPx + row.extraPx) return Math.min(row.index, count - 1);
    extra += row.extraPx;
  }
  return Math.max(0, Math.min(count - 1, Math.floor((y - extra) / rowPx)));
}

/**
 * The rows to render for a viewport: `[first, last)`, with `overscan` rows either side so fast scrolling
 * shows no blank gap before the next frame.
 *
 * @example
 * visibleRows(2800, 560, 100_000, 28, [], 10) // { first: 90, last: 131 }
 */
export function visibleRows(
  scrollTop: number,
  viewportPx: number,
  count: number,
  rowPx: number,
  expanded: readonly ExpandedRow[],
  overscan = 10,
): { first: number; last: number } {
  if (count === 0) return { first: 0, last: 0 };
  const top = indexAt(Math.max(0, scrollTop), count, rowPx, expanded);
  const bottom = indexAt(Math.max(0, scrollTop + viewportPx), count, rowPx, expanded);
  return { first: Math.max(0, top - overscan), last: Math.min(count, bottom + 1 + overscan) };
}

/** The index of the line with sequence number `seq` in a list sorted by seq, or -1. */
export function indexOfSeq(lines: readonly { seq: number }[], seq: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = lines[mid]!.seq;
    if (value === seq) return mid;
    if (value < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
