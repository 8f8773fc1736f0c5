import { describe, expect, it } from 'vitest';
import { codecIds, compressBlock, decompressBlock } from './block-codec.js';
import { BlockView } from './block-view.js';
import { BlockWriter } from './block-writer.js';

type Row = [number, string, Record<string, string> | undefined];

function roundTrip(rows: readonly Row[]): Row[] {
  const writer = new BlockWriter();
  for (const [ts, line, metadata] of rows) writer.add(ts, line, metadata);
  const view = BlockView.decode(writer.finish().payload);
  return Array.from({ length: view.count }, (_, i): Row => [
    view.timestamps[i] ?? NaN,
    view.line(i),
    view.metadata(i),
  ]);
}

describe('block format', () => {
  it.each<[string, Row[]]>([
    [
      'sorted integer times (varint deltas)',
      [
        [1, 'a', undefined],
        [1, 'b', undefined],
        [500, 'c', undefined],
      ],
    ],
    [
      'unsorted or fractional times (f64)',
      [
        [5.5, 'x', undefined],
        [1, 'y', undefined],
        [-3, 'z', undefined],
      ],
    ],
    [
      'times beyond 32 bits',
      [
        [1_700_000_000_000, 'now', undefined],
        [1_700_000_000_001, 'later', undefined],
      ],
    ],
    [
      'UTF-8, empty and multi-line lines',
      [
        [1, 'héllo ✓ 日本', undefined],
        [2, '', undefined],
        [3, 'a\nb\r\n', undefined],
      ],
    ],
    [
      'metadata on some entries only',
      [
        [1, 'a', { level: 'info', trace_id: 'abc' }],
        [2, 'b', undefined],
        [3, 'c', { level: 'erreur ✗', user: '' }],
      ],
    ],
    ['no entries', []],
  ])('round-trips %s', (_what, rows) => {
    expect(roundTrip(rows)).toEqual(rows);
  });

  it('reports the count, time range and raw size (UTF-8 plus a newline per line)', () => {
    const writer = new BlockWriter();
    writer.add(30, 'ab');
    writer.add(10, 'é');
    const block = writer.finish();
    expect(block).toMatchObject({ count: 2, minTs: 10, maxTs: 30, rawBytes: 2 + 1 + 2 + 1 });
    expect(block.text.toString()).toBe('ab\né\n');
  });

  it.each([
    ['zstd', { name: 'zstd', level: 7 }],
    ['brotli', { name: 'brotli', level: 4 }],
    ['deflate', { name: 'deflate', level: 1 }],
  ] as const)('compresses and restores a block with %s', (name, codec) => {
    const writer = new BlockWriter();
    for (let i = 0; i < 1000; i++) writer.add(i, `line ${i} of a fairly repetitive log`);
    const payload = writer.finish().payload;
    const packed = compressBlock(payload, codec);
    expect(packed.length).toBeLessThan(payload.length / 4);
    expect(decompressBlock(packed, codecIds[name]).equals(payload)).toBe(true);
  });

  it('rejects a truncated payload instead of returning garbage', () => {
    const writer = new BlockWriter();
    writer.add(1, 'hello');
    const payload = writer.finish().payload;
    expect(() => BlockView.decode(payload.subarray(0, payload.length - 2))).toThrow(RangeError);
  });
});
