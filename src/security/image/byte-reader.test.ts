import { describe, expect, it } from 'vitest';
import { ByteReader } from './byte-reader.js';

/** The parts as an async source, as a file or HTTP stream hands them over. */
const chunks = (...parts: (string | Buffer)[]): AsyncIterable<Buffer> =>
  (async function* () {
    for (const part of parts) yield await Promise.resolve(Buffer.isBuffer(part) ? part : Buffer.from(part));
  })();

describe('ByteReader.peek', () => {
  it('shows the next bytes of the current chunk without consuming or copying them', async () => {
    const first = Buffer.from('hello world');
    const reader = new ByteReader(chunks(first));
    const head = await reader.peek(5);
    expect(head.toString()).toBe('hello');
    const all = await reader.read(11);
    expect(all.toString()).toBe('hello world');
    // Still the chunk itself: putting the head back used to copy the rest of the chunk.
    expect(all.buffer).toBe(first.buffer);
  });

  it('joins the head across chunks and leaves every byte to read', async () => {
    const reader = new ByteReader(chunks('he', 'llo', ' world'));
    expect((await reader.peek(4)).toString()).toBe('hell');
    expect(reader.position).toBe(0);
    const rest: string[] = [];
    for await (const part of reader.rest()) rest.push(part.toString());
    expect(rest.join('')).toBe('hello world');
  });

  it('returns fewer bytes at the end of the input', async () => {
    const reader = new ByteReader(chunks('ab'));
    expect((await reader.peek(6)).toString()).toBe('ab');
    expect((await reader.read(6)).toString()).toBe('ab');
  });
});
