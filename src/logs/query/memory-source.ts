import { matchesSelector } from '../logql/index.js';
import type { EntrySource, SelectOptions, StoredEntry } from './entry-source.js';

/**
 * An {@link EntrySource} over an array, with the store's contract (time range, selector, literals,
 * direction); it counts what it yields so tests can check how much a query read.
 */
export class MemoryEntrySource implements EntrySource {
  readonly entries: StoredEntry[];
  readonly calls: SelectOptions[] = [];
  yielded = 0;

  constructor(entries: StoredEntry[] = []) {
    this.entries = entries;
  }

  async *select(options: SelectOptions): AsyncIterable<StoredEntry> {
    this.calls.push(options);
    const sign = options.direction === 'forward' ? 1 : -1;
    const matching = this.entries
      .filter((e) => e.timestampMs >= options.startMs && e.timestampMs < options.endMs)
      .filter((e) => matchesSelector(options.selector, e.labels))
      .filter((e) => (options.lineContains ?? []).every((literal) => e.line.includes(literal)))
      .sort((a, b) => sign * (a.timestampMs - b.timestampMs));
    for (const entry of matching) {
      this.yielded += 1;
      await Promise.resolve();
      yield entry;
    }
  }
}
