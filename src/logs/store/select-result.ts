import type { LabelledLogLine } from './log-line.js';
import type { SelectStats } from './select-entries.js';

/**
 * The entries of one query, read with `for await`. `stats` fills in while iterating: read it after the
 * loop to see how many blocks the bloom filters skipped and how many were decompressed.
 *
 * @example
 * const result = store.select({ selector: [{ name: 'app', op: '=', value: 'shop' }], startMs, endMs });
 * for await (const entry of result) console.log(entry.timestampMs, entry.line);
 * console.log(result.stats.blocksRead);
 */
export class SelectResult implements AsyncIterable<LabelledLogLine> {
  readonly stats: SelectStats = {
    blocksConsidered: 0,
    blocksSkippedByBloom: 0,
    blocksRead: 0,
    bytesRead: 0,
    bytesDecompressed: 0,
    entriesScanned: 0,
    entriesReturned: 0,
  };
  readonly #run: (stats: SelectStats) => AsyncGenerator<LabelledLogLine[]>;
  #started = false;

  constructor(run: (stats: SelectStats) => AsyncGenerator<LabelledLogLine[]>) {
    this.#run = run;
  }

  /** Entries one by one, served from the batches the merge produces. */
  [Symbol.asyncIterator](): AsyncIterator<LabelledLogLine> {
    if (this.#started) throw new Error('a SelectResult can be iterated once; run select() again');
    this.#started = true;
    const batches = this.#run(this.stats);
    let batch: LabelledLogLine[] = [];
    let index = 0;
    return {
      next: async (): Promise<IteratorResult<LabelledLogLine>> => {
        while (index >= batch.length) {
          const next = await batches.next();
          if (next.done === true) return { done: true, value: undefined };
          batch = next.value;
          index = 0;
        }
        return { done: false, value: batch[index++] as LabelledLogLine };
      },
      return: async (): Promise<IteratorResult<LabelledLogLine>> => {
        await batches.return(undefined);
        return { done: true, value: undefined };
      },
    };
  }

  /** Batches as the merge produces them (fewer promises than entry by entry). */
  batches(): AsyncGenerator<LabelledLogLine[]> {
    if (this.#started) throw new Error('a SelectResult can be iterated once; run select() again');
    this.#started = true;
    return this.#run(this.stats);
  }

  /** Collects every entry (mind `limit` on large ranges). */
  async toArray(): Promise<LabelledLogLine[]> {
    const out: LabelledLogLine[] = [];
    for await (const entry of this) out.push(entry);
    return out;
  }
}
