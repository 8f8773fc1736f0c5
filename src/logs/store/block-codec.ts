import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  deflateRawSync,
  inflateRawSync,
} from 'node:zlib';

/**
 * Block compression. Node 20's zlib has no zstd, so the choice is between brotli and deflate; the
 * default (brotli quality 5, 4 MiB window) was picked by measurement on Loghub HDFS, see
 * bench/logstore-RESULTS.md: the only built-in codec whose blocks plus blooms stay under 1/10 of raw,
 * still compressing at ~100 MB/s and decompressing as fast as deflate. Each block records its codec
 * id, so changing the default never breaks stored data.
 */
export type CodecName = 'brotli' | 'deflate';

/** Stable ids written in the index; never renumber. */
export const codecIds = { brotli: 1, deflate: 2 } as const satisfies Record<CodecName, number>;

export interface Codec {
  name: CodecName;
  /** Brotli quality 0-11 or deflate level 1-9. */
  level: number;
}

export const defaultCodec: Codec = { name: 'brotli', level: 5 };
/** Head blocks (unsealed, rewritten soon) favour speed. */
export const headCodec: Codec = { name: 'brotli', level: 1 };

export function compressBlock(payload: Buffer, codec: Codec): Buffer {
  if (codec.name === 'deflate') return deflateRawSync(payload, { level: codec.level });
  return brotliCompressSync(payload, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: codec.level,
      [constants.BROTLI_PARAM_LGWIN]: 22,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: payload.length,
    },
  });
}

export function decompressBlock(bytes: Buffer, codecId: number): Buffer {
  if (codecId === codecIds.brotli) return brotliDecompressSync(bytes);
  if (codecId === codecIds.deflate) return inflateRawSync(bytes);
  throw new RangeError(`unknown block codec id ${codecId}`);
}
