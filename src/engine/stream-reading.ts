import type { Readable } from 'node:stream';
import type Docker from 'dockerode';

/**
 * Feeds a stream's chunks to `onChunk` until it ends or fails, or until `signal` aborts (which destroys
 * the stream). Never rejects: a dropped stream simply ends the read.
 */
export function readStream(
  stream: Readable,
  onChunk: (chunk: Buffer) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const onAbort = (): void => {
      stream.destroy();
      resolve();
    };
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onChunk);
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** Turns chunks of newline-delimited JSON into parsed values, one per non-empty line. */
export function ndjsonLines<T>(onValue: (value: T) => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line) onValue(JSON.parse(line) as T);
    }
  };
}

/** Docker's progress stream (pull, build) as a promise; each event goes to `onEvent`. */
export function followProgress<E>(
  modem: Docker['modem'],
  stream: Readable,
  onEvent: (event: E) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()), onEvent);
  });
}
