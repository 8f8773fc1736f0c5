import type { BlockView } from './block-view.js';
import type { BuiltBlock } from './build-block.js';
import type { BlockRow } from './index-db.js';

/** How one sealed block changes: dropped (`block` undefined) or replaced by a rebuilt block. */
export interface Replacement {
  old: BlockRow;
  removed: number;
  block?: BuiltBlock;
  file?: number;
  offset?: number;
}

export interface DropRangeIo {
  read: (row: BlockRow) => BlockView;
  rebuild: (view: BlockView, keep: (i: number) => boolean) => BuiltBlock | undefined;
  /** Writes a rebuilt block (not yet committed). */
  append: (block: BuiltBlock) => { file: number; offset: number };
}

/**
 * The block side of a delete over `[startMs, endMs)`: blocks entirely inside are dropped unread,
 * blocks that straddle the range are rebuilt from the entries outside it (or dropped if none is
 * left), blocks with nothing in the range are left alone.
 */
export function dropRange(
  rows: readonly BlockRow[],
  range: { startMs: number; endMs: number },
  io: DropRangeIo,
): Replacement[] {
  const inRange = (t: number): boolean => t >= range.startMs && t < range.endMs;
  const out: Replacement[] = [];
  for (const row of rows) {
    if (row.minTs >= range.startMs && row.maxTs < range.endMs) {
      out.push({ old: row, removed: row.entries });
      continue;
    }
    const view = io.read(row);
    const block = io.rebuild(view, (i) => !inRange(view.timestamps[i] ?? 0));
    const removed = row.entries - (block?.entries ?? 0);
    if (removed === 0) continue;
    out.push(block === undefined ? { old: row, removed } : { old: row, removed, block, ...io.append(block) });
  }
  return out;
}
