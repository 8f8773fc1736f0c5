import type { Transform } from 'node:stream';
import type * as ZlibModule from 'node:zlib';
import { ByteReader } from './byte-reader.js';
import { imageError } from './image-errors.js';

export type Compression = 'none' | 'gzip' | 'zstd' | 'xz' | 'bzip2';

/** Recognises a layer's compression from its first bytes (media types lie in `docker save` archives). */
export function compressionOf(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
  return 'none';
}

type ZstdFactory = () => Transform;

type Zlib = typeof ZlibModule;

/** `zlib.createZstdDecompress` exists from Node.js 22.15 / 23.8; @types/node 20 does not declare it. */
function zstdFactory(zlib: Zlib): ZstdFactory | undefined {
  const candidate = (zlib as unknown as Record<string, unknown>)['createZstdDecompress'];
  return typeof candidate === 'function' ? (candidate as ZstdFactory) : undefined;
}

/**
 * Yields the tar bytes of a layer or archive, inflating gzip (and zstd where Node.js can). `what` names it
 * in errors (`layer sha256:ab…`).
 *
 * @example
 * for await (const entry of readTar(decompress(blob, 'layer sha256:ab…'), 'layer sha256:ab…')) { … }
 */
export async function* decompress(source: AsyncIterable<Uint8Array>, what: string): AsyncGenerator<Buffer> {
  const reader = new ByteReader(source);
  const head = await reader.peek(6);
  const compression = head.length < 6 ? 'none' : compressionOf(head);
  if (compression === 'none') {
    yield* reader.rest();
    return;
  }
  // node:zlib and node:stream load only for compressed data (a `docker save` tarball has none).
  const [zlib, { Readable, pipeline }] = await Promise.all([import('node:zlib'), import('node:stream')]);
  const inflater = inflaterFor(zlib, compression, what);
  const output: Transform = pipeline(Readable.from(reader.rest()), inflater, () => {
    // Errors surface through the iteration below.
  });
  try {
    for await (const chunk of output) yield chunk as Buffer;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('Z_') === true || error instanceof RangeError) {
      throw imageError('invalid', `${what} is not valid ${compression} data`, {
        hint: 'The data is damaged or cut short; export or pull the image again.',
        cause: error,
      });
    }
    throw error;
  } finally {
    output.destroy();
  }
}

function inflaterFor(zlib: Zlib, compression: Exclude<Compression, 'none'>, what: string): Transform {
  if (compression === 'gzip') return zlib.createGunzip();
  const zstd = compression === 'zstd' ? zstdFactory(zlib) : undefined;
  if (zstd !== undefined) return zstd();
  if (compression === 'zstd') {
    throw imageError(
      'unsupported',
      `${what} is compressed with zstd, which Node.js ${process.version} cannot decompress (zstd is unsupported without zlib.createZstdDecompress)`,
      {
        hint: 'Run Berth on Node.js 22.15 or later, or rebuild the image with gzip layers (`docker buildx build --output type=image,compression=gzip`).',
        details: { what, compression },
      },
    );
  }
  throw imageError('unsupported', `${what} is compressed with ${compression}, which Berth does not read`, {
    hint: 'Re-export the image with gzip or uncompressed layers.',
    details: { what, compression },
  });
}
