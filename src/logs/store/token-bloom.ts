import { tokenItems, type ItemSink } from './token-items.js';

/**
 * A per-block blocked bloom filter of token items (token-items.ts): the bits of one item all sit in
 * one 64-byte line (Putze, Sanders and Singler, "Cache-, Hash- and Space-Efficient Bloom Filters",
 * 2007), so a query reads 64 bytes of a block's bloom per item instead of the whole filter. Sized from
 * the block's distinct item count at 10 bits per item with 7 bits set per item (about 1 % false
 * positives). Stored as one byte holding the bit count per item, then the lines.
 */
export const bloomBitsPerItem = 10;
export const bloomHashCount = 7;
export const bloomLineBytes = 64;
const lineBits = bloomLineBytes * 8;

/** An open-addressing set of (a, b) hash pairs; `b` is odd, so 0 marks an empty slot. */
export class DistinctItems implements ItemSink {
  #a = new Uint32Array(1 << 12);
  #b = new Uint32Array(1 << 12);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  add(a: number, b: number): void {
    const mask = this.#a.length - 1;
    let i = a & mask;
    for (;;) {
      const slot = this.#b[i] ?? 0;
      if (slot === 0) break;
      if (slot === b && this.#a[i] === a) return;
      i = (i + 1) & mask;
    }
    this.#a[i] = a;
    this.#b[i] = b;
    if (++this.#size * 2 > this.#a.length) this.#grow();
  }

  #grow(): void {
    const oldA = this.#a;
    const oldB = this.#b;
    this.#a = new Uint32Array(oldA.length * 2);
    this.#b = new Uint32Array(oldB.length * 2);
    this.#size = 0;
    for (let i = 0; i < oldA.length; i++) {
      const b = oldB[i] ?? 0;
      if (b !== 0) this.add(oldA[i] ?? 0, b);
    }
  }

  forEach(fn: (a: number, b: number) => void): void {
    for (let i = 0; i < this.#a.length; i++) {
      const b = this.#b[i] ?? 0;
      if (b !== 0) fn(this.#a[i] ?? 0, b);
    }
  }

  reset(): void {
    this.#b.fill(0);
    this.#size = 0;
  }
}

/** Builds the bloom of a block's text; `scratch` is reused between blocks to avoid reallocation. */
export function buildTokenBloom(text: Uint8Array, scratch = new DistinctItems()): Buffer {
  scratch.reset();
  tokenItems(text, 0, text.length, scratch);
  const lines = Math.max(1, Math.ceil((scratch.size * bloomBitsPerItem) / lineBits));
  const bloom = Buffer.alloc(1 + lines * bloomLineBytes);
  bloom[0] = bloomHashCount;
  scratch.forEach((a, b) => {
    const base = 1 + bloomLine(a, lines) * bloomLineBytes;
    const step = ((b >>> 9) & (lineBits - 1)) | 1;
    for (let i = 0, bit = b & (lineBits - 1); i < bloomHashCount; i++, bit = (bit + step) & (lineBits - 1)) {
      bloom[base + (bit >>> 3)] = (bloom[base + (bit >>> 3)] ?? 0) | (1 << (bit & 7));
    }
  });
  return bloom;
}

/** Number of 64-byte lines of a bloom of `bloomBytes` bytes. */
export function bloomLines(bloomBytes: number): number {
  return Math.max(0, Math.floor((bloomBytes - 1) / bloomLineBytes));
}

/** The line holding item (a, b). */
export function bloomLine(a: number, lines: number): number {
  return a % lines;
}

/** Whether the 64-byte `line` (the one `bloomLine(a, …)` names) has every bit of item (a, b). */
export function lineHas(line: Uint8Array, b: number, k = bloomHashCount): boolean {
  const step = ((b >>> 9) & (lineBits - 1)) | 1;
  for (let i = 0, bit = b & (lineBits - 1); i < k; i++, bit = (bit + step) & (lineBits - 1)) {
    if (((line[bit >>> 3] ?? 0) & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}

/** False only when the block certainly holds no item (a, b). */
export function bloomHas(bloom: Uint8Array, a: number, b: number): boolean {
  const lines = bloomLines(bloom.length);
  if (lines === 0) return true;
  const start = 1 + bloomLine(a, lines) * bloomLineBytes;
  return lineHas(bloom.subarray(start, start + bloomLineBytes), b, bloom[0] ?? bloomHashCount);
}
