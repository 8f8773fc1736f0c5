import { tokenItems, type ItemSink } from './token-items.js';

/**
 * A per-block bloom filter of token items (token-items.ts), sized from the block's distinct item count
 * at 10 bits per item with 7 hashes (about 0.8 % false positives; Kirsch-Mitzenmacher double hashing).
 * Stored as one byte holding the hash count, then the bit array.
 */
export const bloomBitsPerItem = 10;
export const bloomHashCount = 7;

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
  const bits = Math.max(64, Math.ceil((scratch.size * bloomBitsPerItem) / 8) * 8);
  const bloom = Buffer.alloc(1 + bits / 8);
  bloom[0] = bloomHashCount;
  scratch.forEach((a, b) => {
    for (let i = 0; i < bloomHashCount; i++) {
      const bit = ((a + Math.imul(i, b)) >>> 0) % bits;
      bloom[1 + (bit >>> 3)] = (bloom[1 + (bit >>> 3)] ?? 0) | (1 << (bit & 7));
    }
  });
  return bloom;
}

/** False only when the block certainly holds no item (a, b). */
export function bloomHas(bloom: Uint8Array, a: number, b: number): boolean {
  const k = bloom[0] ?? 0;
  const bits = (bloom.length - 1) * 8;
  if (bits === 0) return true;
  for (let i = 0; i < k; i++) {
    const bit = ((a + Math.imul(i, b)) >>> 0) % bits;
    if (((bloom[1 + (bit >>> 3)] ?? 0) & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}
