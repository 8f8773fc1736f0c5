const empty = Buffer.alloc(0);

const toBuffer = (chunk: Uint8Array): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * Pull-based reads over a stream of chunks: exact reads for headers, chunked reads for bodies, and skips
 * that never copy. Chunks are sliced, not concatenated, unless a read spans chunks.
 */
export class ByteReader {
  readonly #it: AsyncIterator<Uint8Array>;
  #chunk: Buffer = empty;
  #ended = false;
  /** Bytes consumed so far. */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#it = source[Symbol.asyncIterator]();
  }

  async #fill(): Promise<boolean> {
    while (this.#chunk.length === 0) {
      if (this.#ended) return false;
      const next = await this.#it.next();
      if (next.done === true) {
        this.#ended = true;
        return false;
      }
      this.#chunk = toBuffer(next.value);
    }
    return true;
  }

  #take(n: number): Buffer {
    const part = this.#chunk.subarray(0, n);
    this.#chunk = this.#chunk.subarray(part.length);
    this.position += part.length;
    return part;
  }

  /** Reads exactly `n` bytes, or fewer at the end of the input. */
  async read(n: number): Promise<Buffer> {
    if (this.#chunk.length >= n) return this.#take(n);
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0 && (await this.#fill())) {
      const part = this.#take(need);
      parts.push(part);
      need -= part.length;
    }
    return parts.length === 1 ? (parts[0] ?? empty) : Buffer.concat(parts);
  }

  /** Returns the next `n` bytes (fewer at the end) without consuming them. */
  async peek(n: number): Promise<Buffer> {
    if (this.#chunk.length === 0) await this.#fill();
    // Within the current chunk (the usual case) a view does; joining the head back onto the chunk copied
    // up to a whole read (1 MiB) a call.
    if (this.#chunk.length >= n) return this.#chunk.subarray(0, n);
    const head = await this.read(n);
    this.#chunk = this.#chunk.length === 0 ? head : Buffer.concat([head, this.#chunk]);
    this.position -= head.length;
    return head;
  }

  /** Yields the next `n` bytes as they arrive, in chunks (fewer at the end). */
  async *chunks(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0 && (await this.#fill())) {
      const part = this.#take(left);
      left -= part.length;
      yield part;
    }
  }

  /** Skips `n` bytes; returns how many were skipped (fewer at the end). */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0 && (await this.#fill())) left -= this.#take(left).length;
    return n - left;
  }

  /** Yields everything left. */
  async *rest(): AsyncGenerator<Buffer> {
    while (await this.#fill()) yield this.#take(this.#chunk.length);
  }

  /** Stops the underlying source early (closes a file or an HTTP body). */
  async close(): Promise<void> {
    this.#ended = true;
    this.#chunk = empty;
    await this.#it.return?.();
  }
}
