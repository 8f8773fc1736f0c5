import { codecIds, compressBlock, type Codec } from './block-codec.js';
import type { BlockView } from './block-view.js';
import { BlockWriter, type EncodedBlock } from './block-writer.js';
import type { LogLine } from './log-line.js';
import { buildTokenBloom, type DistinctItems } from './token-bloom.js';

/** A compressed block ready to append to a segment, with the index columns that describe it. */
export interface BuiltBlock {
  bytes: Buffer;
  codec: number;
  minTs: number;
  maxTs: number;
  entries: number;
  rawBytes: number;
  bloom: Buffer | null;
  bloomBytes: number;
}

/** Encodes time-sorted entries, builds the bloom (sealed blocks only) and compresses. */
export function buildBlock(
  sorted: readonly LogLine[],
  codec: Codec,
  bloomScratch: DistinctItems | undefined,
): BuiltBlock {
  const writer = new BlockWriter(sorted.reduce((n, e) => n + e.line.length, 0) + 64);
  for (const e of sorted) writer.add(e.timestampMs, e.line, e.metadata);
  return finishBlock(writer.finish(), codec, bloomScratch);
}

/** The entries of `view` for which `keep(i)` holds, as a new block; undefined when none is kept. */
export function rebuildBlock(
  view: BlockView,
  keep: (i: number) => boolean,
  codec: Codec,
  bloomScratch: DistinctItems,
): BuiltBlock | undefined {
  const writer = new BlockWriter(view.text.length);
  for (let i = 0; i < view.count; i++) {
    if (keep(i)) writer.add(view.timestamps[i] ?? 0, view.lineBytes(i), view.metadata(i));
  }
  return writer.count === 0 ? undefined : finishBlock(writer.finish(), codec, bloomScratch);
}

function finishBlock(
  encoded: EncodedBlock,
  codec: Codec,
  bloomScratch: DistinctItems | undefined,
): BuiltBlock {
  const bloom = bloomScratch === undefined ? null : buildTokenBloom(encoded.text, bloomScratch);
  return {
    bytes: compressBlock(encoded.payload, codec),
    codec: codecIds[codec.name],
    minTs: encoded.minTs,
    maxTs: encoded.maxTs,
    entries: encoded.count,
    rawBytes: encoded.rawBytes,
    bloom,
    bloomBytes: bloom?.length ?? 0,
  };
}
