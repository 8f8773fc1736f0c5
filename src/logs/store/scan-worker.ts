/**
 * Worker-thread entry of the scan pool (scan-pool.ts): reads, decompresses and filters a batch of
 * blocks per message and transfers the kept entries back in one buffer. Segment files stay open
 * between messages (they are append-only and never renamed, so a cached descriptor stays right) and
 * blocks are decompressed into one reused buffer.
 */
import { closeSync, openSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { BlockDecompressor } from './block-codec.js';
import { readRange, runScanTask, type ScanResult, type ScanTask } from './scan-task.js';

interface Request {
  id: number;
  tasks: ScanTask[];
}

/** Descriptors kept open at most; the oldest is closed beyond it. */
const maxOpenFiles = 32;
const fds = new Map<string, number>();
const decompressor = new BlockDecompressor();
let input = Buffer.allocUnsafeSlow(512 * 1024);

function fdOf(path: string): number {
  const cached = fds.get(path);
  if (cached !== undefined) return cached;
  const fd = openSync(path, 'r');
  fds.set(path, fd);
  for (const [oldPath, oldFd] of fds) {
    if (fds.size <= maxOpenFiles) break;
    fds.delete(oldPath);
    closeSync(oldFd);
  }
  return fd;
}

function run(task: ScanTask): ScanResult {
  if (input.length < task.length) input = Buffer.allocUnsafeSlow(task.length);
  const compressed = readRange(fdOf(task.path), task.offset, task.length, task.path, input);
  return runScanTask(compressed, task, decompressor);
}

parentPort?.on('message', (request: Request) => {
  try {
    const results = request.tasks.map(run);
    // Kept entries are usually small (a few lines a block): one transferred buffer for the whole
    // batch costs far less than transferring or cloning one per block.
    let total = 0;
    for (const r of results) total += r.payload?.byteLength ?? 0;
    const packed = new Uint8Array(total);
    let at = 0;
    for (const r of results) {
      if (r.payload === undefined) continue;
      packed.set(r.payload, at);
      r.payload = packed.subarray(at, at + r.payload.byteLength);
      at += r.payload.byteLength;
    }
    parentPort?.postMessage({ id: request.id, results }, total > 0 ? [packed.buffer] : []);
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
