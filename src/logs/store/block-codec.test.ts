import { describe, expect, it } from 'vitest';
import { BlockDecompressor, codecIds, compressBlock, decompressBlock } from './block-codec.js';
import { BlockView } from './block-view.js';
import { BlockWriter } from './block-writer.js';
import { runScanTask } from './scan-task.js';

const block = (lines: readonly string[]): Buffer => {
  const writer = new BlockWriter();
  lines.forEach((line, i) => writer.add(1000 + i, line));
  return writer.finish().payload;
};

const task = { path: 'unused', offset: 0, length: 0, codecId: codecIds.zstd, startMs: 0, endMs: 1e6 };

describe('BlockDecompressor', () => {
  it.each([
    ['zstd', { name: 'zstd', level: 7 }],
    ['brotli', { name: 'brotli', level: 5 }],
    ['deflate', { name: 'deflate', level: 6 }],
  ] as const)('decompresses %s blocks to the bytes decompressBlock gives', (name, codec) => {
    const payload = block(Array.from({ length: 500 }, (_, i) => `line ${i} of ${name}`));
    const compressed = compressBlock(payload, codec);
    const id = codecIds[codec.name];
    expect(new BlockDecompressor().decompress(compressed, id).equals(decompressBlock(compressed, id))).toBe(
      true,
    );
  });

  it('grows its buffer for a block larger than any before', () => {
    const decompressor = new BlockDecompressor();
    const big = block(
      Array.from({ length: 40_000 }, (_, i) => `a fairly long line number ${i} ${'x'.repeat(i % 50)}`),
    );
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const out = decompressor.decompress(compressBlock(big, { name: 'zstd', level: 1 }), codecIds.zstd);
    expect(out.equals(big)).toBe(true);
  });
});

describe('runScanTask with a reused decompression buffer', () => {
  it('keeps a fully matching block intact after the next block is decompressed', () => {
    const decompressor = new BlockDecompressor();
    const first = compressBlock(block(['error one', 'error two']), { name: 'zstd', level: 3 });
    const second = compressBlock(block(['error three', 'other']), { name: 'zstd', level: 3 });
    const a = runScanTask(first, { ...task, literals: ['error'] }, decompressor);
    const b = runScanTask(second, { ...task, literals: ['error'] }, decompressor);
    const linesOf = (payload: Uint8Array | undefined): string[] => {
      if (payload === undefined) return [];
      const view = BlockView.decode(Buffer.from(payload));
      return Array.from({ length: view.count }, (_, i) => view.line(i));
    };
    expect(linesOf(a.payload)).toEqual(['error one', 'error two']);
    expect(linesOf(b.payload)).toEqual(['error three']);
  });
});
