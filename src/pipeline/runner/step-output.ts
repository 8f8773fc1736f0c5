import { FrameDecoder } from '../../engine/index.js';
import { LineMasker, type SecretMasker } from '../masking/index.js';
import type { LogStream } from './runner-types.js';

/**
 * A step's output on its way to `step-log` events: Docker's multiplexed attach stream is split into
 * stdout and stderr (Engine API "Stream format"), each is masked as a stream (a secret split across
 * writes is still found) and cut into lines. Nothing leaves unmasked, including the runner's own
 * `system` lines (an engine error may quote an environment value).
 *
 * @example
 * const output = new StepOutput(masker, (stream, text) => events.push({ stream, text }));
 * attachStream.on('data', (chunk) => output.push(chunk));
 * attachStream.on('end', () => output.end());
 */
export class StepOutput {
  readonly #decoder = new FrameDecoder();
  readonly #masker: SecretMasker;
  readonly #lines: Record<'stdout' | 'stderr', LineMasker>;
  readonly #emit: (stream: LogStream, text: string) => void;
  #ended = false;

  constructor(masker: SecretMasker, emit: (stream: LogStream, text: string) => void) {
    this.#masker = masker;
    this.#emit = emit;
    this.#lines = { stdout: new LineMasker(masker.fork()), stderr: new LineMasker(masker.fork()) };
  }

  /** A chunk of the multiplexed stream (frames may be split anywhere). */
  push(chunk: Buffer): void {
    if (this.#ended) return;
    for (const frame of this.#decoder.push(chunk)) {
      for (const line of this.#lines[frame.stream].push(frame.payload)) this.#emit(frame.stream, line);
    }
  }

  /** Flushes the last, unterminated lines; later chunks are ignored. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const stream of ['stdout', 'stderr'] as const) {
      for (const line of this.#lines[stream].end()) this.#emit(stream, line);
    }
  }

  /** A line written by the runner (masked too). */
  system(line: string): void {
    for (const part of this.#masker.mask(line).split('\n')) this.#emit('system', part);
  }
}
