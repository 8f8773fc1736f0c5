import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScanResult, ScanTask } from './scan-task.js';

interface Pending {
  resolve: (results: ScanResult[]) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

type Reply = { id: number; results: ScanResult[] } | { id: number; error: string };

/**
 * A small pool of worker threads that decompress and filter blocks, so a full scan uses every core.
 * `start()` (the store calls it at open) spawns the workers ahead of the first query; otherwise they
 * start on first use. Workers are unref'd (an idle pool never keeps the process alive) and stop in
 * `close()`. A worker that dies fails its tasks and is replaced on the next call. Tasks go in
 * batches: one message per few blocks, not one per block.
 */
export class ScanPool {
  readonly #size: number;
  readonly #workers: PoolWorker[] = [];
  #nextId = 1;
  #closed = false;

  constructor(size: number) {
    this.#size = Math.max(1, size);
  }

  get size(): number {
    return this.#size;
  }

  /** Spawns every worker now, so the first query does not wait for threads to boot. */
  start(): void {
    while (!this.#closed && this.#workers.length < this.#size) this.#spawn();
  }

  /** Runs one block on the least busy worker. */
  async run(task: ScanTask): Promise<ScanResult> {
    const [result] = await this.runBatch([task]);
    if (result === undefined) throw new Error('the scan worker returned no result');
    return result;
  }

  /** Runs blocks on the least busy worker, in one message; results come back in task order. */
  runBatch(tasks: readonly ScanTask[]): Promise<ScanResult[]> {
    if (this.#closed) return Promise.reject(new Error('the scan pool is closed'));
    const target = this.#pick();
    const id = this.#nextId++;
    return new Promise<ScanResult[]>((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      if (target.pending.size === 1) target.worker.ref();
      target.worker.postMessage({ id, tasks });
    });
  }

  #pick(): PoolWorker {
    let best: PoolWorker | undefined;
    for (const w of this.#workers) if (best === undefined || w.pending.size < best.pending.size) best = w;
    if (best !== undefined && (best.pending.size === 0 || this.#workers.length >= this.#size)) return best;
    return this.#spawn();
  }

  #spawn(): PoolWorker {
    const entry: PoolWorker = { worker: startScanWorker(), pending: new Map() };
    entry.worker.unref();
    entry.worker.on('message', (reply: Reply) => {
      const pending = entry.pending.get(reply.id);
      if (pending === undefined) return;
      entry.pending.delete(reply.id);
      if (entry.pending.size === 0) entry.worker.unref();
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(reply.results);
    });
    const fail = (error: Error): void => {
      const index = this.#workers.indexOf(entry);
      if (index >= 0) this.#workers.splice(index, 1);
      for (const p of entry.pending.values()) p.reject(error);
      entry.pending.clear();
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', (code) => fail(new Error(`scan worker exited with code ${code}`)));
    this.#workers.push(entry);
    return entry;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const workers = this.#workers.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/**
 * Starts `scan-worker`. Built code runs the `.js` file; from source (tsx, vitest) the worker first
 * registers tsx's loader so it can import the `.ts` file (development only: `dist/` needs no loader).
 */
function startScanWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./scan-worker.js', here));
  const tsxApi = createRequire(here)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    import(workerData.api).then((tsx) => { tsx.register(); return import(workerData.url); });`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: { api: pathToFileURL(tsxApi).href, url: new URL('./scan-worker.ts', here).href },
  });
}
