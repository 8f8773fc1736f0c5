import type { SecretMasker } from './secret-masker.js';

export interface LineMaskerOptions {
  /** A line longer than this is cut and emitted in pieces, so a stream without newlines cannot grow memory. */
  maxLineLength?: number;
}

/**
 * Turns a chunked output stream into masked log lines, for the log store and line-based SSE events.
 * Masking runs on the stream before it is cut into lines, so a multi-line secret is masked whole; a line is
 * returned once its newline is read and no secret can still cover it. Lines are returned without their
 * `\n` (and without a `\r` before it).
 *
 * @example
 * const lines = new LineMasker(masker.fork());
 * lines.push('step 1\nusing tok_3f9a'); // ['step 1']
 * lines.push('8b7c6d\n'); // ['using ***']
 */
export class LineMasker {
  private readonly masker: SecretMasker;
  private readonly maxLineLength: number;
  private partial = '';

  constructor(masker: SecretMasker, options: LineMaskerOptions = {}) {
    this.masker = masker;
    this.maxLineLength = options.maxLineLength ?? 64 * 1024;
  }

  /** Adds a chunk and returns the lines completed by it. */
  push(chunk: string | Uint8Array): string[] {
    return this.split(this.masker.write(chunk), false);
  }

  /** Returns the last lines, including a final one without a newline. */
  end(): string[] {
    return this.split(this.masker.end(), true);
  }

  private split(masked: string, final: boolean): string[] {
    const parts = (this.partial + masked).split('\n');
    this.partial = parts.pop() ?? '';
    const lines = parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
    while (this.partial.length > this.maxLineLength) {
      lines.push(this.partial.slice(0, this.maxLineLength));
      this.partial = this.partial.slice(this.maxLineLength);
    }
    if (final && this.partial !== '') lines.push(this.partial);
    if (final) this.partial = '';
    return lines;
  }
}
