import { parseRfc3339 } from './parse-rfc3339.js';
import type { DockerLogCheckpoint, DockerStream } from './docker-log-checkpoint.js';

interface StreamSkip {
  ns: bigint;
  /** Messages at exactly `ns` still to skip. */
  remaining: number;
  done: boolean;
}

/**
 * Decides, message by message, which Docker log messages of a resumed stream were already consumed.
 * A stream skips every message before its cursor and the first `count` messages at the cursor's
 * timestamp; from the first message it accepts on, it accepts everything (a later clock step back
 * must not drop lines).
 *
 * @example
 * const filter = new ResumeFilter(decodeCheckpoint(stored));
 * if (filter.accept('stdout', message.epochNs)) store(message);
 */
export class ResumeFilter {
  readonly #streams: Partial<Record<DockerStream, StreamSkip>> = {};

  constructor(checkpoint: DockerLogCheckpoint) {
    for (const stream of ['stdout', 'stderr'] as const) {
      const cursor = checkpoint[stream];
      const ns = cursor === undefined ? undefined : parseRfc3339(cursor.timestamp)?.epochNs;
      if (cursor !== undefined && ns !== undefined) {
        this.#streams[stream] = { ns, remaining: cursor.count, done: false };
      }
    }
  }

  /** True when the message at `epochNs` on `stream` is new and must be kept. */
  accept(stream: DockerStream, epochNs: bigint): boolean {
    const skip = this.#streams[stream];
    if (skip === undefined || skip.done) return true;
    if (epochNs < skip.ns) return false;
    if (epochNs === skip.ns && skip.remaining > 0) {
      skip.remaining--;
      return false;
    }
    skip.done = true;
    return true;
  }
}
