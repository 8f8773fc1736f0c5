/**
 * What the block bloom filter indexes, computed over UTF-8 bytes so the indexer and the query side
 * agree byte for byte. A token is a maximal run of ASCII letters and digits or non-ASCII bytes
 * (`blk_-160899` gives `blk` and `160899`; `10.250.18.114` gives four tokens).
 *
 * `|=` is a substring filter, so a literal can start or end in the middle of a token
 * (`|= "4e3b"` finds `a4e3b9`). Whole tokens alone cannot answer that, so tokens of 8 bytes or more
 * are indexed as their 8-byte grams at offsets 0, 4, 8, … (stride 4) plus the gram that ends the
 * token: any piece of a literal that lies inside one line token and is at least 11 bytes long
 * contains, at one of the 4 possible alignments, only grams the indexer stored, and a piece that
 * ends where the token ends also has its last 8 bytes (see literal-probes.ts). Shorter tokens are
 * indexed whole.
 * This is the VictoriaLogs idea of per-block token blooms, widened to keep Loki's substring semantics.
 */
export const gramBytes = 8;
export const gramStride = 4;

const tokenByte = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  tokenByte[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128 ? 1 : 0;
}

export function isTokenByte(byte: number): boolean {
  return tokenByte[byte] === 1;
}

/** Receives the two 32-bit hashes of each indexed item (duplicates included). */
export interface ItemSink {
  add(a: number, b: number): void;
}

/** Feeds every item of `bytes[start, end)` to `sink`. */
export function tokenItems(bytes: Uint8Array, start: number, end: number, sink: ItemSink): void {
  let i = start;
  while (i < end) {
    while (i < end && tokenByte[bytes[i] ?? 0] === 0) i++;
    const s = i;
    while (i < end && tokenByte[bytes[i] ?? 0] === 1) i++;
    const len = i - s;
    if (len === 0) return;
    if (len < gramBytes) {
      emitItem(bytes, s, len, sink);
    } else {
      for (let o = 0; o + gramBytes <= len; o += gramStride) emitItem(bytes, s + o, gramBytes, sink);
      if ((len - gramBytes) % gramStride !== 0) emitItem(bytes, i - gramBytes, gramBytes, sink);
    }
  }
}

/** The hashes of one item: `len` bytes from `start`, `len` ≤ 8 (8 = a gram, less = a whole token). */
export function itemHashes(bytes: Uint8Array, start: number, len: number): [number, number] {
  const out: [number, number] = [0, 0];
  emitItem(bytes, start, len, {
    add: (a, b) => {
      out[0] = a;
      out[1] = b;
    },
  });
  return out;
}

function emitItem(bytes: Uint8Array, s: number, len: number, sink: ItemSink): void {
  let w0: number;
  let w1 = 0;
  if (len === gramBytes) {
    w0 =
      (bytes[s] ?? 0) |
      ((bytes[s + 1] ?? 0) << 8) |
      ((bytes[s + 2] ?? 0) << 16) |
      ((bytes[s + 3] ?? 0) << 24);
    w1 =
      (bytes[s + 4] ?? 0) |
      ((bytes[s + 5] ?? 0) << 8) |
      ((bytes[s + 6] ?? 0) << 16) |
      ((bytes[s + 7] ?? 0) << 24);
  } else {
    w0 = 0;
    for (let k = 0; k < len; k++) {
      const b = bytes[s + k] ?? 0;
      if (k < 4) w0 |= b << (8 * k);
      else w1 |= b << (8 * (k - 4));
    }
  }
  // The length seeds the hash, so a whole token never collides with a gram by construction.
  const a = murmurWords(w0, w1, len);
  sink.add(a, (fmix32(a ^ 0x9e3779b9) | 1) >>> 0);
}

/** MurmurHash3 (x86, 32-bit) of two little-endian words. */
function murmurWords(w0: number, w1: number, seed: number): number {
  return fmix32(mixWord(mixWord(seed, w0), w1) ^ 8);
}

function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixWord(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let x = h ^ k;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}
