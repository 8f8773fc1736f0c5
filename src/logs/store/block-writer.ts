import { ByteWriter } from './byte-writer.js';

/**
 * The uncompressed block format (version 1). Columns are stored apart so similar bytes sit together
 * for the compressor, and the line text comes last so a scan can run `indexOf` over it in one piece
 * (and, when a literal is absent, skip decoding the other columns altogether):
 *
 * ```
 * u8 version=1 · u8 flags (1: varint timestamps, 2: metadata, 4: multi-line entries)
 * u32 LE offset of the text · varint count
 * timestamps: varint first + varint deltas (flag 1), else count × f64 LE
 * multi-line entries (flag 4): varint n, then n × (varint index delta, varint newlines inside)
 * metadata (flag 2): varint keyCount, keys as (varint len, bytes); varint sectionBytes;
 *   per entry varint pairCount, pairs as (varint keyIndex, varint len, value bytes)
 * text: each line's UTF-8 bytes followed by "\n" (the raw log text itself)
 * ```
 *
 * Lines end with a newline instead of having a length column: line lengths compress poorly (they
 * were ~4 % of a zstd block on Loghub HDFS) while newlines cost nothing, and the text column is then
 * the raw log text. Entries that contain newlines are listed so their lines can be rejoined.
 */
export const blockFormatVersion = 1;
export const flagVarintTimes = 1;
export const flagMetadata = 2;
export const flagMultiline = 4;
/** Where the u32 offset of the text column sits. */
export const textOffsetAt = 2;
const textOffsetPlaceholder = new Uint8Array(4);

/** An encoded (not yet compressed) block and the figures the index keeps about it. */
export interface EncodedBlock {
  payload: Buffer;
  /** The text column inside `payload` (for the token bloom). */
  text: Buffer;
  count: number;
  minTs: number;
  maxTs: number;
  /** Bytes of the lines as a text file: UTF-8 plus one newline each. */
  rawBytes: number;
}

/** Builds one block; add entries in the order they should be read back (the store sorts by time first). */
export class BlockWriter {
  readonly #times: number[] = [];
  /** [entry index, newlines inside the line] of multi-line entries. */
  readonly #multiline: [number, number][] = [];
  readonly #text: ByteWriter;
  readonly #meta = new ByteWriter(256);
  readonly #keys = new Map<string, number>();
  #hasMeta = false;

  constructor(expectedTextBytes = 64 * 1024) {
    this.#text = new ByteWriter(expectedTextBytes);
  }

  get count(): number {
    return this.#times.length;
  }

  get textBytes(): number {
    return this.#text.length;
  }

  add(timestampMs: number, line: string | Uint8Array, metadata?: Readonly<Record<string, string>>): void {
    const newlines = typeof line === 'string' ? countNewlines(line) : countNewlineBytes(line);
    if (newlines > 0) this.#multiline.push([this.#times.length, newlines]);
    this.#times.push(timestampMs);
    if (typeof line === 'string') this.#text.utf8(line);
    else this.#text.bytes(line);
    this.#text.byte(10);
    this.#addMetadata(metadata);
  }

  #addMetadata(metadata: Readonly<Record<string, string>> | undefined): void {
    const names = metadata === undefined ? [] : Object.keys(metadata);
    this.#meta.varint(names.length);
    if (names.length === 0 || metadata === undefined) return;
    this.#hasMeta = true;
    for (const name of names) {
      let index = this.#keys.get(name);
      if (index === undefined) {
        index = this.#keys.size;
        this.#keys.set(name, index);
      }
      this.#meta.varint(index);
      const value = metadata[name] ?? '';
      this.#meta.varint(Buffer.byteLength(value));
      this.#meta.utf8(value);
    }
  }

  finish(): EncodedBlock {
    const count = this.#times.length;
    const varintTimes = this.#times.every(
      (t, i) => Number.isSafeInteger(t) && t >= 0 && (i === 0 || t >= (this.#times[i - 1] ?? 0)),
    );
    const head = new ByteWriter(16 + count * 4);
    head.byte(blockFormatVersion);
    const multiline = this.#multiline.length > 0;
    head.byte(
      (varintTimes ? flagVarintTimes : 0) |
        (this.#hasMeta ? flagMetadata : 0) |
        (multiline ? flagMultiline : 0),
    );
    head.bytes(textOffsetPlaceholder);
    head.varint(count);
    if (varintTimes) {
      let previous = 0;
      for (const t of this.#times) {
        head.varint(t - previous);
        previous = t;
      }
    } else {
      const times = Buffer.allocUnsafe(count * 8);
      this.#times.forEach((t, i) => times.writeDoubleLE(t, i * 8));
      head.bytes(times);
    }
    if (multiline) {
      head.varint(this.#multiline.length);
      let previous = 0;
      for (const [index, newlines] of this.#multiline) {
        head.varint(index - previous);
        head.varint(newlines);
        previous = index;
      }
    }
    if (this.#hasMeta) {
      head.varint(this.#keys.size);
      for (const name of this.#keys.keys()) {
        head.varint(Buffer.byteLength(name));
        head.utf8(name);
      }
      head.varint(this.#meta.length);
      head.bytes(this.#meta.view());
    }
    const text = this.#text.view();
    const payload = Buffer.concat([head.view(), text]);
    payload.writeUInt32LE(head.length, textOffsetAt);
    let minTs = Infinity;
    let maxTs = -Infinity;
    for (const t of this.#times) {
      if (t < minTs) minTs = t;
      if (t > maxTs) maxTs = t;
    }
    return {
      payload,
      text: payload.subarray(payload.length - text.length),
      count,
      minTs,
      maxTs,
      rawBytes: text.length,
    };
  }
}

function countNewlines(line: string): number {
  let n = 0;
  for (let i = line.indexOf('\n'); i >= 0; i = line.indexOf('\n', i + 1)) n++;
  return n;
}

function countNewlineBytes(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
