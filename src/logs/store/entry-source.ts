import type { BlockView } from './block-view.js';
import type { LabelledLogLine, Labels, LogLine } from './log-line.js';

/** A time-sorted run of entries (one block, or one stream's buffer) that the merge reads by index. */
export interface EntrySource {
  readonly count: number;
  timestamp(i: number): number;
  entry(i: number): LabelledLogLine;
}

/** Entries of a decoded block; strings are built only for the entries returned. */
export class BlockSource implements EntrySource {
  constructor(
    readonly view: BlockView,
    readonly labels: Labels,
  ) {}

  get count(): number {
    return this.view.count;
  }

  timestamp(i: number): number {
    return this.view.timestamps[i] ?? 0;
  }

  entry(i: number): LabelledLogLine {
    const metadata = this.view.metadata(i);
    const out: LabelledLogLine = {
      labels: this.labels,
      timestampMs: this.timestamp(i),
      line: this.view.line(i),
    };
    if (metadata !== undefined) out.metadata = metadata;
    return out;
  }
}

/** Buffered entries, already filtered and sorted by time (stable). */
export class ArraySource implements EntrySource {
  constructor(
    readonly entries: readonly LogLine[],
    readonly labels: Labels,
  ) {}

  get count(): number {
    return this.entries.length;
  }

  timestamp(i: number): number {
    return this.entries[i]?.timestampMs ?? 0;
  }

  entry(i: number): LabelledLogLine {
    const e = this.entries[i];
    if (e === undefined) throw new RangeError(`entry ${i} out of range`);
    const out: LabelledLogLine = { labels: this.labels, timestampMs: e.timestampMs, line: e.line };
    if (e.metadata !== undefined) out.metadata = { ...e.metadata };
    return out;
  }
}

/** Sorts by time keeping append order for equal times (Array.prototype.sort is stable). */
export function sortByTime<T extends LogLine>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.timestampMs - b.timestampMs);
}
