import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import { decodeRequestBody } from './index.js';

async function rejection(promise: Promise<unknown>): Promise<BerthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('decodeRequestBody', () => {
  it.each([[undefined], [''], ['identity'], [' Identity ']])(
    'passes a body with Content-Encoding %j through',
    async (encoding) => {
      expect(
        (await decodeRequestBody(Buffer.from('{"streams":[]}'), encoding, { maxBytes: 100 })).toString(),
      ).toBe('{"streams":[]}');
    },
  );

  it.each([['gzip'], ['x-gzip'], ['GZIP']])('decompresses Content-Encoding %s', async (encoding) => {
    const body = gzipSync('{"streams":[]}');
    expect((await decodeRequestBody(body, encoding, { maxBytes: 100 })).toString()).toBe('{"streams":[]}');
  });

  it('stops a gzip bomb at maxBytes', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const error = await rejection(decodeRequestBody(bomb, 'gzip', { maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('BERTH_PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('the decompressed request body is larger than 1048576 bytes');
  });

  it('accepts a decompressed body of exactly maxBytes', async () => {
    const body = await decodeRequestBody(gzipSync(Buffer.alloc(1000, 0x61)), 'gzip', { maxBytes: 1000 });
    expect(body.length).toBe(1000);
  });

  it('rejects a raw body over maxBytes', async () => {
    expect((await rejection(decodeRequestBody(Buffer.alloc(11), undefined, { maxBytes: 10 }))).message).toBe(
      'the request body is larger than 10 bytes',
    );
  });

  it('rejects a corrupt gzip body', async () => {
    const error = await rejection(
      decodeRequestBody(Buffer.from('not gzip at all'), 'gzip', { maxBytes: 100 }),
    );
    expect(error.message).toMatch(/^the request body is not valid gzip/);
  });

  it.each([['br'], ['snappy'], ['gzip, br']])('rejects Content-Encoding %j, naming it', async (encoding) => {
    const error = await rejection(decodeRequestBody(Buffer.from('x'), encoding, { maxBytes: 100 }));
    expect(error.message).toBe(`Content-Encoding ${JSON.stringify(encoding)} is not supported`);
  });
});
