import { createHash } from 'node:crypto';
import { imageError } from './image-errors.js';

const algorithms: Readonly<Record<string, string>> = { sha256: 'sha256', sha512: 'sha512' };

/** Hashes bytes the way OCI digests do (`sha256:<hex>`); undefined for an algorithm Node lacks. */
export function digestOf(data: Buffer, algorithm = 'sha256'): string | undefined {
  const node = algorithms[algorithm];
  return node === undefined ? undefined : `${algorithm}:${createHash(node).update(data).digest('hex')}`;
}

const mismatch = (what: string, expected: string, actual: string): Error =>
  imageError('invalid', `${what} has digest ${actual}, not the ${expected} its manifest names`, {
    hint: 'The download was corrupted or the registry served other content; pull again.',
    details: { expected, actual },
  });

/** Throws unless `data` hashes to `digest` (unknown algorithms pass: they cannot be checked). */
export function verifyDigest(data: Buffer, digest: string, what: string): void {
  const actual = digestOf(data, digest.slice(0, digest.indexOf(':')));
  if (actual !== undefined && actual !== digest) throw mismatch(what, digest, actual);
}

/**
 * Passes a blob's chunks through and, once the last one has gone by, throws if they did not hash to
 * `digest` (content addressing, OCI image-spec descriptor.md "Digests").
 */
export async function* verifiedStream(
  source: AsyncIterable<Uint8Array>,
  digest: string,
  what: string,
): AsyncGenerator<Uint8Array> {
  const algorithm = digest.slice(0, digest.indexOf(':'));
  const node = algorithms[algorithm];
  if (node === undefined) {
    yield* source;
    return;
  }
  const hash = createHash(node);
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
  const actual = `${algorithm}:${hash.digest('hex')}`;
  if (actual !== digest) throw mismatch(what, digest, actual);
}
