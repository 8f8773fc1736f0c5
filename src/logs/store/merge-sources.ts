import type { EntrySource } from './entry-source.js';
import type { LabelledLogLine } from './log-line.js';

/**
 * Something the merge may open: `boundary` is the earliest (forward) or latest (backward) time it can
 * hold, `rank` orders entries with equal times (the same in both directions, so backward is the exact
 * reverse of forward). Candidates must arrive sorted by boundary in the query's direction.
 */
export interface Candidate {
  boundary: number;
  rank: number;
  open: () => Promise<EntrySource | undefined>;
}

export interface MergeOptions {
  direction: 'forward' | 'backward';
  limit?: number | undefined;
  signal?: AbortSignal | undefined;
  /** How many candidates to open ahead (parallel decoding); 0 opens each only when needed. */
  prefetch: number;
}

interface Cursor {
  source: EntrySource;
  rank: number;
  pos: number;
  ts: number;
}

/**
 * K-way merge in time order across overlapping sources, opening a candidate only when its boundary
 * could precede the next entry to emit. Blocks of one stream may overlap (out-of-order writes), and
 * streams overlap each other, so this is what keeps the order right; with a limit, a backward query
 * opens just the newest candidates.
 */
export async function* mergeSources(
  candidates: Iterable<Candidate>,
  options: MergeOptions,
): AsyncGenerator<LabelledLogLine[]> {
  const forward = options.direction === 'forward';
  const step = forward ? 1 : -1;
  const before = (a: Cursor, b: Cursor): boolean =>
    forward
      ? a.ts < b.ts || (a.ts === b.ts && a.rank < b.rank)
      : a.ts > b.ts || (a.ts === b.ts && a.rank > b.rank);
  const heap = new CursorHeap(before);
  const queue: { candidate: Candidate; opened: Promise<EntrySource | undefined> | undefined }[] = [];
  const iterator = candidates[Symbol.iterator]();
  let exhausted = false;
  const start = (slot: (typeof queue)[number]): Promise<EntrySource | undefined> => {
    if (slot.opened === undefined) {
      slot.opened = slot.candidate.open();
      // Awaited later; this only stops an early failure from being reported as unhandled.
      slot.opened.catch(() => undefined);
    }
    return slot.opened;
  };
  const fill = (): void => {
    while (!exhausted && queue.length < Math.max(1, options.prefetch)) {
      const next = iterator.next();
      if (next.done === true) exhausted = true;
      else queue.push({ candidate: next.value, opened: undefined });
    }
    for (const slot of queue.slice(0, options.prefetch)) void start(slot);
  };
  let emitted = 0;
  let batch: LabelledLogLine[] = [];
  fill();
  for (;;) {
    for (;;) {
      const head = queue[0];
      const top = heap.peek();
      if (head === undefined) break;
      if (
        top !== undefined &&
        (forward ? head.candidate.boundary > top.ts : head.candidate.boundary < top.ts)
      ) {
        break;
      }
      // Hand over what is ready before waiting for a block.
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
      options.signal?.throwIfAborted();
      queue.shift();
      const source = await start(head);
      fill();
      if (source === undefined || source.count === 0) continue;
      const pos = forward ? 0 : source.count - 1;
      heap.push({ source, rank: head.candidate.rank, pos, ts: source.timestamp(pos) });
    }
    const top = heap.peek();
    if (top === undefined) break;
    batch.push(top.source.entry(top.pos));
    if (options.limit !== undefined && ++emitted >= options.limit) break;
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
      options.signal?.throwIfAborted();
    }
    top.pos += step;
    if (top.pos < 0 || top.pos >= top.source.count) heap.pop();
    else {
      top.ts = top.source.timestamp(top.pos);
      heap.siftDown(0);
    }
  }
  if (batch.length > 0) yield batch;
}

/** Entries are handed over in arrays: one promise per entry through nested async generators is slow. */
const batchSize = 512;

/** A binary heap of cursors; `before(a, b)` means a comes out first. */
class CursorHeap {
  readonly #items: Cursor[] = [];

  constructor(readonly before: (a: Cursor, b: Cursor) => boolean) {}

  peek(): Cursor | undefined {
    return this.#items[0];
  }

  push(cursor: Cursor): void {
    const items = this.#items;
    items.push(cursor);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as Cursor;
      if (!this.before(cursor, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = cursor;
  }

  pop(): void {
    const last = this.#items.pop();
    if (last === undefined || this.#items.length === 0) return;
    this.#items[0] = last;
    this.siftDown(0);
  }

  siftDown(index: number): void {
    const items = this.#items;
    const item = items[index] as Cursor;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && this.before(items[right] as Cursor, items[left] as Cursor) ? right : left;
      const c = items[child] as Cursor;
      if (!this.before(c, item)) break;
      items[i] = c;
      i = child;
    }
    items[i] = item;
  }
}
