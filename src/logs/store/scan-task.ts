import { readSync } from 'node:fs';
import { decompressBlock, type BlockDecompressor } from './block-codec.js';
import { filterBlock } from './scan-block.js';

/** One block to read, decompress and filter; plain data so it can go to a worker thread. */
export interface ScanTask {
  path: string;
  offset: number;
  length: number;
  codecId: number;
  startMs: number;
  endMs: number;
  literals: readonly string[];
}

export interface ScanResult {
  /** Kept entries in block format (block-writer.ts), undefined when nothing is kept. */
  payload: Uint8Array | undefined;
  scanned: number;
  kept: number;
  decompressedBytes: number;
}

/** Reads `length` bytes at `offset` of `fd` into `into` (reused by the caller) or a new buffer. */
export function readRange(fd: number, offset: number, length: number, what: string, into?: Buffer): Buffer {
  const out = into === undefined ? Buffer.allocUnsafe(length) : into.subarray(0, length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, offset + done);
    if (n === 0) throw new RangeError(`${what} ends before byte ${offset + length}`);
    done += n;
  }
  return out;
}

/**
 * Decompresses and filters one block already read from disk. With a `decompressor` the block is
 * decompressed into its reused buffer, and kept entries are copied out of it.
 */
export function runScanTask(
  compressed: Buffer,
  task: ScanTask,
  decompressor?: BlockDecompressor,
): ScanResult {
  const payload =
    decompressor === undefined
      ? decompressBlock(compressed, task.codecId)
      : decompressor.decompress(compressed, task.codecId);
  const filtered = filterBlock(payload, {
    startMs: task.startMs,
    endMs: task.endMs,
    literals: task.literals.map((l) => Buffer.from(l, 'utf8')),
  });
  const kept = filtered.payload;
  return {
    payload: kept !== undefined && decompressor !== undefined && kept === payload ? Buffer.from(kept) : kept,
    scanned: filtered.scanned,
    kept: filtered.kept,
    decompressedBytes: payload.length,
  };
}
