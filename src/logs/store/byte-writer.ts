/**
 * A growable byte buffer with unsigned LEB128 varints, the building block of the block format
 * (block-writer.ts). Varints go up to 2^53 - 1 so millisecond timestamps and deltas fit.
 */
export class ByteWriter {
  #buf: Buffer;
  #length = 0;

  constructor(initialBytes = 4096) {
    this.#buf = Buffer.allocUnsafe(Math.max(16, initialBytes));
  }

  get length(): number {
    return this.#length;
  }

  #reserve(bytes: number): void {
    const needed = this.#length + bytes;
    if (needed <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < needed) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buf.copy(next, 0, 0, this.#length);
    this.#buf = next;
  }

  byte(value: number): void {
    this.#reserve(1);
    this.#buf[this.#length++] = value;
  }

  /** Unsigned LEB128; `value` must be a safe non-negative integer. */
  varint(value: number): void {
    this.#reserve(8);
    let v = value;
    while (v >= 0x80) {
      this.#buf[this.#length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#buf[this.#length++] = v;
  }

  bytes(source: Uint8Array, start = 0, end = source.length): void {
    const n = end - start;
    this.#reserve(n);
    this.#buf.set(source.subarray(start, end), this.#length);
    this.#length += n;
  }

  /** Writes `text` as UTF-8 and returns the number of bytes written. */
  utf8(text: string): number {
    this.#reserve(text.length * 3);
    const n = this.#buf.write(text, this.#length, 'utf8');
    this.#length += n;
    return n;
  }

  /** A copy-free view of what was written; valid until the next write. */
  view(): Buffer {
    return this.#buf.subarray(0, this.#length);
  }

  reset(): void {
    this.#length = 0;
  }
}

/** Reads unsigned LEB128 varints and raw bytes from a buffer, advancing `pos`. */
export class ByteReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  byte(): number {
    const b = this.buf[this.pos];
    if (b === undefined) throw new RangeError(`block truncated at byte ${this.pos}`);
    this.pos++;
    return b;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 49) throw new RangeError(`varint too long before byte ${this.pos}`);
    }
  }

  skip(bytes: number): void {
    if (this.pos + bytes > this.buf.length) throw new RangeError(`block truncated at byte ${this.pos}`);
    this.pos += bytes;
  }
}
