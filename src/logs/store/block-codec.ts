import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  deflateRawSync,
  inflateRawSync,
} from 'node:zlib';
import { createRequire } from 'node:module';
import { compress as zstdCompress, decompress as zstdDecompress } from 'zstd-napi';
import type * as ZstdBinding from 'zstd-napi/binding.js';

// zstd-napi's low-level binding decompresses into a caller's buffer (its `decompress()` allocates).
const zstd = createRequire(import.meta.url)('zstd-napi/binding.js') as typeof ZstdBinding;

/**
 * Block compression, chosen by measurement (bench/logstore.ts, bench/logstore-RESULTS.md). Node 20's
 * zlib has no zstd; of its codecs only brotli 5 keeps blocks plus blooms under 1/10 of raw on Loghub
 * HDFS, and it decompresses at ~1 GB/s per core, which bounds a full scan. zstd (zstd-napi, native
 * libzstd) at level 7 compresses as small, compresses faster and decompresses about 2.3x faster, so
 * it is the default; brotli and deflate stay readable and selectable. Every block records its codec
 * id, so changing the default never breaks stored data.
 */
export type CodecName = 'zstd' | 'brotli' | 'deflate';

/** Stable ids written in the index; never renumber. */
export const codecIds = { brotli: 1, deflate: 2, zstd: 3 } as const satisfies Record<CodecName, number>;

export interface Codec {
  name: CodecName;
  /** zstd level 1-19, brotli quality 0-11 or deflate level 1-9. */
  level: number;
}

export const defaultCodec: Codec = { name: 'zstd', level: 7 };
/** Head blocks (unsealed, replaced soon) favour speed. */
export const headCodec: Codec = { name: 'zstd', level: 1 };

export function compressBlock(payload: Buffer, codec: Codec): Buffer {
  switch (codec.name) {
    case 'zstd':
      return zstdCompress(payload, { compressionLevel: codec.level });
    case 'deflate':
      return deflateRawSync(payload, { level: codec.level });
    case 'brotli':
      return brotliCompressSync(payload, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: codec.level,
          [constants.BROTLI_PARAM_LGWIN]: 22,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: payload.length,
        },
      });
  }
}

export function decompressBlock(bytes: Buffer, codecId: number): Buffer {
  if (codecId === codecIds.zstd) return zstdDecompress(bytes);
  if (codecId === codecIds.brotli) return brotliDecompressSync(bytes);
  if (codecId === codecIds.deflate) return inflateRawSync(bytes);
  throw new RangeError(`unknown block codec id ${codecId}`);
}

/**
 * Decompresses blocks into one reused buffer, so a scan over thousands of blocks allocates (and
 * collects) no 1 MiB buffer per block: that garbage cost a quarter of a 1 GB scan's CPU. The
 * returned bytes are valid until the next call; copy what must outlive it.
 */
export class BlockDecompressor {
  readonly #dctx = new zstd.DCtx();
  #out = Buffer.allocUnsafeSlow(2 * 1024 * 1024);

  decompress(bytes: Buffer, codecId: number): Buffer {
    if (codecId !== codecIds.zstd) return decompressBlock(bytes, codecId);
    const size = zstd.getFrameContentSize(bytes);
    if (size === null) return zstdDecompress(bytes);
    if (size > this.#out.length) this.#out = Buffer.allocUnsafeSlow(size);
    const n = this.#dctx.decompress(this.#out, bytes);
    return this.#out.subarray(0, n);
  }
}
