import { ByteReader } from './byte-writer.js';
import {
  blockFormatVersion,
  flagMetadata,
  flagMultiline,
  flagVarintTimes,
  textOffsetAt,
} from './block-writer.js';

/**
 * A decoded block (format in block-writer.ts) that reads lines and metadata lazily from the payload:
 * only timestamps and line offsets are decoded up front, strings are built for the entries a query
 * returns.
 */
export class BlockView {
  readonly count: number;
  readonly timestamps: Float64Array;
  /** `lineEnds[i]` is where line i ends inside `text` (at its "\n"); it starts after line i - 1's. */
  readonly lineEnds: Uint32Array;
  readonly text: Buffer;
  readonly #keys: string[] | undefined;
  readonly #metaSection: Buffer | undefined;
  #metaStarts: Uint32Array | undefined;

  private constructor(
    count: number,
    timestamps: Float64Array,
    lineEnds: Uint32Array,
    text: Buffer,
    keys: string[] | undefined,
    metaSection: Buffer | undefined,
  ) {
    this.count = count;
    this.timestamps = timestamps;
    this.lineEnds = lineEnds;
    this.text = text;
    this.#keys = keys;
    this.#metaSection = metaSection;
  }

  /** Decodes the header columns; throws RangeError on a malformed payload. */
  static decode(payload: Buffer): BlockView {
    const r = new ByteReader(payload);
    const version = r.byte();
    if (version !== blockFormatVersion) throw new RangeError(`unknown block format version ${version}`);
    const flags = r.byte();
    const textOffset = payload.readUInt32LE(textOffsetAt);
    r.skip(4);
    const count = r.varint();
    const timestamps = new Float64Array(count);
    if (flags & flagVarintTimes) {
      let t = 0;
      for (let i = 0; i < count; i++) timestamps[i] = t += r.varint();
    } else {
      r.skip(count * 8);
      for (let i = 0; i < count; i++) timestamps[i] = payload.readDoubleLE(r.pos - (count - i) * 8);
    }
    const multiline = new Map<number, number>();
    if (flags & flagMultiline) {
      let index = 0;
      for (let n = r.varint(); n > 0; n--) multiline.set((index += r.varint()), r.varint());
    }
    let keys: string[] | undefined;
    let metaSection: Buffer | undefined;
    if (flags & flagMetadata) {
      const keyCount = r.varint();
      keys = [];
      for (let k = 0; k < keyCount; k++) {
        const n = r.varint();
        keys.push(payload.toString('utf8', r.pos, r.pos + n));
        r.skip(n);
      }
      const sectionBytes = r.varint();
      metaSection = payload.subarray(r.pos, r.pos + sectionBytes);
      r.skip(sectionBytes);
    }
    if (r.pos !== textOffset)
      throw new RangeError(`block text starts at ${r.pos}, header says ${textOffset}`);
    const text = payload.subarray(r.pos);
    const lineEnds = new Uint32Array(count);
    let pos = 0;
    for (let i = 0; i < count; i++) {
      let end = text.indexOf(10, pos);
      for (let extra = multiline.get(i) ?? 0; extra > 0 && end >= 0; extra--) end = text.indexOf(10, end + 1);
      if (end < 0) throw new RangeError(`block text holds fewer than ${count} lines`);
      lineEnds[i] = end;
      pos = end + 1;
    }
    if (pos !== text.length)
      throw new RangeError(`block text has ${text.length - pos} bytes after its last line`);
    return new BlockView(count, timestamps, lineEnds, text, keys, metaSection);
  }

  lineStart(i: number): number {
    return i === 0 ? 0 : (this.lineEnds[i - 1] ?? 0) + 1;
  }

  line(i: number): string {
    return this.text.toString('utf8', this.lineStart(i), this.lineEnds[i]);
  }

  lineBytes(i: number): Buffer {
    return this.text.subarray(this.lineStart(i), this.lineEnds[i]);
  }

  metadata(i: number): Record<string, string> | undefined {
    const section = this.#metaSection;
    const keys = this.#keys;
    if (section === undefined || keys === undefined) return undefined;
    const starts = (this.#metaStarts ??= indexRecords(section, this.count));
    const r = new ByteReader(section, starts[i]);
    const pairs = r.varint();
    if (pairs === 0) return undefined;
    const out: Record<string, string> = {};
    for (let p = 0; p < pairs; p++) {
      const key = keys[r.varint()] ?? '';
      const n = r.varint();
      out[key] = section.toString('utf8', r.pos, r.pos + n);
      r.skip(n);
    }
    return out;
  }

  /** The first index whose timestamp is >= `ms` (binary search; timestamps are sorted). */
  lowerBound(ms: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.timestamps[mid] ?? 0) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The text column and entry count of a payload without decoding the other columns, so a scan can
 * drop a block whose text lacks a literal for the cost of `indexOf`.
 */
export function peekText(payload: Buffer): { text: Buffer; count: number } {
  if (payload[0] !== blockFormatVersion) throw new RangeError(`unknown block format version ${payload[0]}`);
  const count = new ByteReader(payload, textOffsetAt + 4).varint();
  return { text: payload.subarray(payload.readUInt32LE(textOffsetAt)), count };
}

/** Start offset of each entry's metadata record, found by skipping through the section once. */
function indexRecords(section: Buffer, count: number): Uint32Array {
  const starts = new Uint32Array(count);
  const r = new ByteReader(section);
  for (let i = 0; i < count; i++) {
    starts[i] = r.pos;
    const pairs = r.varint();
    for (let p = 0; p < pairs; p++) {
      r.varint();
      r.skip(r.varint());
    }
  }
  return starts;
}
