import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { BerthError } from '../../errors/index.js';

const gunzipAsync = promisify(gunzip);

export interface DecodeBodyOptions {
  /** Largest body accepted, before and after decompression (the guard against zip bombs). */
  maxBytes: number;
}

/**
 * Undoes the `Content-Encoding` of a request body: none (`identity`) or `gzip`, as Loki's push endpoint
 * accepts. Decompression stops as soon as the output passes `maxBytes`, so a small bomb cannot fill
 * memory.
 *
 * @throws BerthError `BERTH_BAD_REQUEST` for an unknown encoding, a corrupt gzip stream or a body over
 *   `maxBytes`.
 * @example
 * const body = await decodeRequestBody(raw, c.req.header('content-encoding'), { maxBytes: 10 * 1024 * 1024 });
 */
export async function decodeRequestBody(
  body: Uint8Array,
  contentEncoding: string | undefined,
  options: DecodeBodyOptions,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (body.byteLength > options.maxBytes) throw tooLarge(options.maxBytes, 'the request body');
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (encoding === '' || encoding === 'identity') return bytes;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `Content-Encoding ${JSON.stringify(contentEncoding)} is not supported`,
      {
        hint: 'Send the body uncompressed or with Content-Encoding: gzip.',
      },
    );
  }
  try {
    return await gunzipAsync(bytes, { maxOutputLength: options.maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(options.maxBytes, 'the decompressed request body', error);
    }
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `the request body is not valid gzip: ${(error as Error).message}`,
      {
        hint: 'Compress the whole body with gzip, or drop the Content-Encoding header.',
        cause: error,
      },
    );
  }
}

function tooLarge(maxBytes: number, what: string, cause?: unknown): BerthError {
  return new BerthError('BERTH_PAYLOAD_TOO_LARGE', `${what} is larger than ${maxBytes} bytes`, {
    hint: 'Send smaller batches (most agents have a batch size setting, e.g. Promtail batchsize).',
    ...(cause === undefined ? {} : { cause }),
  });
}
