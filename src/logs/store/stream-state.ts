import { BerthError } from '../../errors/index.js';
import type { BuiltBlock } from './build-block.js';
import type { NewBlock } from './index-db.js';
import type { Labels, LogLine } from './log-line.js';

/** What the store keeps in memory per stream: identity, index id, and its buffer. */
export interface StreamState {
  key: string;
  labels: Labels;
  app: string | undefined;
  /** Row id in the index once the stream has been flushed. */
  id: number | undefined;
  /** Buffered entries in append order; `entries[0, flushed)` are also in the head blocks `headIds`. */
  entries: LogLine[];
  /** Memory estimate of `entries` (for `maxBufferedBytes`). */
  bytes: number;
  /** Characters of the lines plus one per line (for `blockBytes`; equals raw bytes for ASCII). */
  rawChars: number;
  flushed: number;
  headIds: number[];
  /** When the oldest buffered entry was appended (wall clock), for `maxBlockAgeMs`. */
  sinceMs: number;
}

/** A sealed block written to a segment file, committed to the index at the next flush. */
export interface PendingBlock {
  stream: StreamState;
  block: BuiltBlock;
  file: number;
  offset: number;
  entries: readonly LogLine[];
  bytes: number;
}

/** Approximate memory of a buffered entry (JS strings are 1-2 bytes a character plus object headers). */
export function entryBytes(e: LogLine): number {
  let n = e.line.length + 48;
  if (e.metadata !== undefined) for (const k in e.metadata) n += k.length + (e.metadata[k]?.length ?? 0) + 16;
  return n;
}

export function newStreamState(key: string, labels: Labels): StreamState {
  return {
    key,
    labels,
    app: labels['app'],
    id: undefined,
    entries: [],
    bytes: 0,
    rawChars: 0,
    flushed: 0,
    headIds: [],
    sinceMs: 0,
  };
}

/** The index row of a built block written at `file`/`offset`. */
export function rowOf(
  block: BuiltBlock,
  streamId: number,
  sealed: boolean,
  file: number,
  offset: number,
): NewBlock {
  return {
    streamId,
    sealed,
    file,
    offset,
    length: block.bytes.length,
    codec: block.codec,
    minTs: block.minTs,
    maxTs: block.maxTs,
    entries: block.entries,
    rawBytes: block.rawBytes,
    bloomBytes: block.bloomBytes,
  };
}

/** Copies structured metadata, rejecting values that are not strings. */
export function checkMetadata(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new BerthError(
        'BERTH_BAD_REQUEST',
        `structured metadata ${JSON.stringify(key)} is not a string`,
        {
          hint: 'Structured metadata values are strings; convert numbers with String().',
        },
      );
    }
    out[key] = value;
  }
  return out;
}
