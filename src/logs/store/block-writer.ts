import { ByteWriter } from './byte-writer.js';

/**
 * The uncompressed block format (version 1). Columns are stored apart so similar bytes sit together
 * for the compressor, and the line text comes last so a scan can run `indexOf` over it in one piece:
 *
 * ```
 * u8 version=1 · u8 flags (1: varint timestamps, 2: metadata) · varint count
 * timestamps: varint first + varint deltas (flag 1), else count × f64 LE
 * line lengths: count × varint (UTF-8 bytes)
 * metadata (flag 2): varint keyCount, keys as (varint len, bytes); varint sectionBytes;
 *   per entry varint pairCount, pairs as (varint keyIndex, varint len, value bytes)
 * text: the lines' UTF-8 bytes, concatenated
 * ```
 */
export const blockFormatVersion = 1;
export const flagVarintTimes = 1;
export const flagMetadata = 2;

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
  readonly #lengths: number[] = [];
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
    this.#times.push(timestampMs);
    this.#lengths.push(typeof line === 'string' ? this.#text.utf8(line) : this.#appendBytes(line));
    this.#addMetadata(metadata);
  }

  #appendBytes(bytes: Uint8Array): number {
    this.#text.bytes(bytes);
    return bytes.length;
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
    head.byte((varintTimes ? flagVarintTimes : 0) | (this.#hasMeta ? flagMetadata : 0));
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
    for (const n of this.#lengths) head.varint(n);
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
      rawBytes: text.length + count,
    };
  }
}
