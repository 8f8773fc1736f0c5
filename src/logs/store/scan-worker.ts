/**
 * Worker-thread entry of the scan pool (scan-pool.ts): reads, decompresses and filters one block per
 * message and transfers the kept entries back without copying.
 */
import { parentPort } from 'node:worker_threads';
import { readFileRange, runScanTask, type ScanTask } from './scan-task.js';

interface Request {
  id: number;
  task: ScanTask;
}

parentPort?.on('message', (request: Request) => {
  try {
    const { task } = request;
    const result = runScanTask(readFileRange(task.path, task.offset, task.length), task);
    const bytes = result.payload;
    // Copy only when the bytes share an ArrayBuffer (Node's small-buffer pool must never be detached).
    const own =
      bytes === undefined
        ? undefined
        : bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? bytes
          : new Uint8Array(bytes);
    parentPort?.postMessage(
      { id: request.id, result: { ...result, payload: own } },
      own === undefined ? [] : [own.buffer as ArrayBuffer],
    );
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
