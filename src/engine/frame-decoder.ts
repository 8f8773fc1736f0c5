/** One frame of Docker's multiplexed stream: 1 = stdout, 2 = stderr (0 = stdin). */
export interface LogFrame {
  stream: 'stdout' | 'stderr';
  payload: Buffer;
}

/**
 * Decodes Docker's multiplexed attach/logs stream (Engine API "Stream format": an 8-byte header
 * `[type, 0, 0, 0, size uint32 BE]` then `size` bytes). Chunks may split headers and payloads anywhere.
 *
 * @example
 * const decoder = new FrameDecoder();
 * for (const frame of decoder.push(chunk)) process.stdout.write(frame.payload);
 */
export class FrameDecoder {
  #buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): LogFrame[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const frames: LogFrame[] = [];
    while (this.#buffer.length >= 8) {
      const size = this.#buffer.readUInt32BE(4);
      if (this.#buffer.length < 8 + size) break;
      const type = this.#buffer[0];
      const payload = this.#buffer.subarray(8, 8 + size);
      if (type === 1 || type === 2) frames.push({ stream: type === 1 ? 'stdout' : 'stderr', payload });
      this.#buffer = this.#buffer.subarray(8 + size);
    }
    return frames;
  }

  /** Bytes received that do not yet form a whole frame. */
  get pendingBytes(): number {
    return this.#buffer.length;
  }
}
