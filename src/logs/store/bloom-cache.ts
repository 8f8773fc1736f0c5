/**
 * Blooms of sealed blocks kept in memory up to `maxBytes`, keyed by block id (ids are never reused:
 * the index's `AUTOINCREMENT`, and compaction moves a block without changing its bloom). A needle
 * query checks every block of its range; reading each bloom line from the segment file is one pread
 * per block (~4 µs each, ~4 ms per GB stored), a cached bloom is a few memory reads. When full, the
 * oldest inserted blooms go first, so memory stays bounded whatever the store holds.
 *
 * @example
 * const cache = new BloomCache(32 * 1024 * 1024);
 * cache.set(row.id, bloom);
 * cache.get(row.id); // the same bytes, until evicted
 */
export class BloomCache {
  readonly #maxBytes: number;
  readonly #blooms = new Map<number, Uint8Array>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = Math.max(0, maxBytes);
  }

  /** Bytes held now (at most `maxBytes`). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#blooms.size;
  }

  /** Whether a bloom of `bytes` may be cached at all (false when the cache is off or too small). */
  accepts(bytes: number): boolean {
    return bytes > 0 && bytes <= this.#maxBytes;
  }

  get(id: number): Uint8Array | undefined {
    return this.#blooms.get(id);
  }

  /** Keeps `bloom` (which the caller must not reuse), evicting the oldest blooms to make room. */
  set(id: number, bloom: Uint8Array): void {
    if (!this.accepts(bloom.length)) return;
    this.delete(id);
    for (const [oldId, old] of this.#blooms) {
      if (this.#bytes + bloom.length <= this.#maxBytes) break;
      this.#blooms.delete(oldId);
      this.#bytes -= old.length;
    }
    this.#blooms.set(id, bloom);
    this.#bytes += bloom.length;
  }

  delete(id: number): void {
    const old = this.#blooms.get(id);
    if (old === undefined) return;
    this.#blooms.delete(id);
    this.#bytes -= old.length;
  }

  clear(): void {
    this.#blooms.clear();
    this.#bytes = 0;
  }
}
