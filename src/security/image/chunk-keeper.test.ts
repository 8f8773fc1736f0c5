import { describe, expect, it } from 'vitest';
import { ChunkKeeper } from './chunk-keeper.js';

/** A read chunk as a file stream hands it over: its own backing memory. */
const chunk = (size: number): Buffer => Buffer.from(new Uint8Array(size).fill(7).buffer);

describe('ChunkKeeper', () => {
  it('keeps a body that fits one chunk as a view of it, without a copy', () => {
    const read = chunk(1024);
    const kept = new ChunkKeeper().keep([read.subarray(10, 20)]);
    expect(kept.buffer).toBe(read.buffer);
    expect([...kept]).toEqual(Array(10).fill(7));
  });

  it('joins a body that spans chunks into a copy', () => {
    const kept = new ChunkKeeper().keep([Buffer.from('ab'), Buffer.from('cd')]);
    expect(kept.toString()).toBe('abcd');
  });

  it('takes views only while the chunks kept alive stay within twice the bytes kept (plus the slack)', () => {
    const keeper = new ChunkKeeper({ slackBytes: 0 });
    const [a, b, c] = [chunk(1000), chunk(1000), chunk(1000)];
    expect(keeper.keep([a.subarray(0, 600)]).buffer).toBe(a.buffer); // 1,000 alive for 600 kept
    const small = keeper.keep([b.subarray(0, 100)]); // 2,000 alive for 700 kept: too much
    expect(small.buffer).not.toBe(b.buffer);
    expect(small.length).toBe(100);
    expect(keeper.keep([c.subarray(0, 500)]).buffer).toBe(c.buffer); // 2,000 alive for 1,100 kept
  });

  it('takes further views of a chunk it already keeps alive, whatever the budget', () => {
    const keeper = new ChunkKeeper({ slackBytes: 0 });
    const read = chunk(1000);
    expect(keeper.keep([read.subarray(0, 600)]).buffer).toBe(read.buffer);
    expect(keeper.keep([read.subarray(600, 610)]).buffer).toBe(read.buffer);
  });
});
