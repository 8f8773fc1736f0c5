import { BlockView, peekText } from './block-view.js';
import { BlockWriter } from './block-writer.js';

/** What a query keeps of a block: a time range `[startMs, endMs)` and literals every line contains. */
export interface BlockFilter {
  startMs: number;
  endMs: number;
  /** Case-sensitive UTF-8 literals (from `|=` filters); empty ones are ignored. */
  literals: readonly Uint8Array[];
}

export interface FilteredBlock {
  /** The kept entries in block format, or undefined when none is kept. */
  payload: Buffer | undefined;
  /** Entries inside the time range that were checked against the literals. */
  scanned: number;
  kept: number;
}

/**
 * Filters a decompressed block without building strings: a block whose text lacks a literal is
 * dropped before any other column is decoded; otherwise the time range is two binary searches, and
 * each literal is found with `Buffer.indexOf` over the whole text column, then mapped to its line.
 * Returns the payload itself when every entry is kept.
 */
export function filterBlock(payload: Buffer, filter: BlockFilter): FilteredBlock {
  const literals = filter.literals.filter((l) => l.length > 0);
  if (literals.length > 0) {
    const { text, count } = peekText(payload);
    if (literals.some((l) => text.indexOf(l) < 0)) return { payload: undefined, scanned: count, kept: 0 };
  }
  const view = BlockView.decode(payload);
  const lo = view.lowerBound(filter.startMs);
  const hi = view.lowerBound(filter.endMs);
  if (lo >= hi) return { payload: undefined, scanned: 0, kept: 0 };
  const kept = literals.length === 0 ? undefined : matchLines(view, lo, hi, literals);
  const count = kept === undefined ? hi - lo : kept.length;
  if (count === 0) return { payload: undefined, scanned: hi - lo, kept: 0 };
  if (count === view.count) return { payload, scanned: hi - lo, kept: count };
  const writer = new BlockWriter();
  const add = (i: number): void => writer.add(view.timestamps[i] ?? 0, view.lineBytes(i), view.metadata(i));
  if (kept === undefined) for (let i = lo; i < hi; i++) add(i);
  else kept.forEach(add);
  return { payload: writer.finish().payload, scanned: hi - lo, kept: count };
}

/** Indices in `[lo, hi)` whose line contains every literal. */
export function matchLines(
  view: BlockView,
  lo: number,
  hi: number,
  literals: readonly Uint8Array[],
): number[] {
  const [first, ...rest] = [...literals].sort((a, b) => b.length - a.length);
  const out: number[] = [];
  if (first === undefined) return out;
  const ends = view.lineEnds;
  const region = view.text.subarray(0, ends[hi - 1] ?? 0);
  let line = lo;
  let pos = view.lineStart(lo);
  while (line < hi) {
    const at = region.indexOf(first, pos);
    if (at < 0) break;
    while ((ends[line] ?? 0) <= at && line < hi) line++;
    if (line >= hi) break;
    const start = view.lineStart(line);
    const end = ends[line] ?? 0;
    if (at + first.length <= end) {
      const text = rest.length === 0 ? undefined : view.text.subarray(start, end);
      if (text === undefined || rest.every((l) => text.indexOf(l) >= 0)) out.push(line);
    }
    pos = end;
    line++;
  }
  return out;
}
