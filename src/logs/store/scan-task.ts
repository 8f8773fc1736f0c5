import { closeSync, openSync, readSync } from 'node:fs';
import { decompressBlock } from './block-codec.js';
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

/** Reads `length` bytes at `offset` of `path`; throws if the file is shorter. */
export function readFileRange(path: string, offset: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readRange(fd, offset, length, path);
  } finally {
    closeSync(fd);
  }
}

export function readRange(fd: number, offset: number, length: number, what: string): Buffer {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, offset + done);
    if (n === 0) throw new RangeError(`${what} ends before byte ${offset + length}`);
    done += n;
  }
  return out;
}

/** Decompresses and filters one block already read from disk. */
export function runScanTask(compressed: Buffer, task: ScanTask): ScanResult {
  const payload = decompressBlock(compressed, task.codecId);
  const filtered = filterBlock(payload, {
    startMs: task.startMs,
    endMs: task.endMs,
    literals: task.literals.map((l) => Buffer.from(l, 'utf8')),
  });
  return {
    payload: filtered.payload,
    scanned: filtered.scanned,
    kept: filtered.kept,
    decompressedBytes: payload.length,
  };
}
