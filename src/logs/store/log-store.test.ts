import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import type { LabelMatcher } from '../logql/index.js';
import { LogStore, type LogLine } from './index.js';
import { closeAndReopen, everything, lines, makeDir, open, t0 } from './testing/store-kit.js';

/** A deterministic shuffle (LCG), so failures reproduce. */
function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('LogStore', () => {
  it('returns appended entries with their labels and metadata, before and after a flush and a reopen', async () => {
    const dir = makeDir();
    let store = await open(dir);
    store.append({ service: 'web', app: 'shop' }, [
      { timestampMs: t0, line: 'GET / 200', metadata: { status: '200', trace_id: 'abc' } },
      { timestampMs: t0 + 1, line: 'héllo wörld ✓ 日本' },
      { timestampMs: t0 + 2, line: 'multi\nline\nstack' },
      { timestampMs: t0 + 3, line: '' },
    ]);
    const expected = [
      {
        labels: { app: 'shop', service: 'web' },
        timestampMs: t0,
        line: 'GET / 200',
        metadata: { status: '200', trace_id: 'abc' },
      },
      { labels: { app: 'shop', service: 'web' }, timestampMs: t0 + 1, line: 'héllo wörld ✓ 日本' },
      { labels: { app: 'shop', service: 'web' }, timestampMs: t0 + 2, line: 'multi\nline\nstack' },
      { labels: { app: 'shop', service: 'web' }, timestampMs: t0 + 3, line: '' },
    ];
    expect(await store.select(everything).toArray()).toEqual(expected);
    await store.flush();
    expect(await store.select(everything).toArray()).toEqual(expected);
    store = await closeAndReopen(store, dir);
    expect(await store.select(everything).toArray()).toEqual(expected);
    expect(store.stats()).toMatchObject({ streams: 1, entries: 4, bufferedEntries: 4 });
  });

  it('merges out-of-order entries across overlapping blocks and streams in time order, both directions', async () => {
    const store = await open(undefined, { blockBytes: 512 });
    const times = shuffled(Array.from({ length: 400 }, (_, i) => t0 + i * 10));
    const expected: { ts: number; line: string }[] = [];
    times.forEach((ts, i) => {
      const labels = { app: i % 3 === 0 ? 'a' : 'b' };
      const line = `entry ${ts - t0} from ${labels.app} padding-padding-padding`;
      store.append(labels, [{ timestampMs: ts, line }]);
      expected.push({ ts, line });
    });
    await store.flush();
    expect(store.stats().blocks).toBeGreaterThan(20);
    expected.sort((a, b) => a.ts - b.ts);
    const forward = await store.select(everything).toArray();
    expect(forward.map((e) => e.timestampMs)).toEqual(expected.map((e) => e.ts));
    expect(lines(forward)).toEqual(expected.map((e) => e.line));
    const backward = await store.select({ ...everything, direction: 'backward' }).toArray();
    expect(lines(backward)).toEqual(expected.map((e) => e.line).reverse());
  });

  it('keeps entries with equal timestamps in append order forward and in reverse backward', async () => {
    const store = await open(undefined, { blockBytes: 256 });
    const batch = Array.from({ length: 60 }, (_, i) => ({
      timestampMs: t0 + (i % 3),
      line: `same-time-${i}`,
    }));
    store.append({ app: 'x' }, batch);
    await store.flush();
    const forward = lines(await store.select(everything).toArray());
    const expected = [...batch].sort((a, b) => a.timestampMs - b.timestampMs).map((e) => e.line);
    expect(forward).toEqual(expected);
    expect(lines(await store.select({ ...everything, direction: 'backward' }).toArray())).toEqual(
      [...expected].reverse(),
    );
  });

  it.each([
    ['forward', 5, ['line 0', 'line 1', 'line 2', 'line 3', 'line 4']],
    ['backward', 3, ['line 99', 'line 98', 'line 97']],
  ] as const)(
    'a %s query with limit %i returns the first entries in that direction',
    async (direction, limit, want) => {
      const store = await open(undefined, { blockBytes: 300 });
      store.append(
        { app: 'x' },
        Array.from({ length: 100 }, (_, i) => ({ timestampMs: t0 + i, line: `line ${i}` })),
      );
      await store.flush();
      expect(lines(await store.select({ ...everything, direction, limit }).toArray())).toEqual(want);
    },
  );

  it('answers a time range [startMs, endMs) and a backward limit by reading only the newest blocks', async () => {
    const store = await open(undefined, { blockBytes: 1024 });
    for (let i = 0; i < 2000; i++)
      store.append({ app: 'x' }, [{ timestampMs: t0 + i, line: `entry number ${i} ok` }]);
    await store.flush();
    const blocks = store.stats().blocks;
    expect(blocks).toBeGreaterThan(30);
    const ranged = await store.select({ ...everything, startMs: t0 + 10, endMs: t0 + 20 }).toArray();
    expect(ranged.map((e) => e.timestampMs - t0)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const newest = store.select({ ...everything, direction: 'backward', limit: 20 });
    expect(lines(await newest.toArray())[0]).toBe('entry number 1999 ok');
    expect(newest.stats.blocksRead).toBeLessThanOrEqual(2);
    expect(newest.stats.blocksConsidered).toBeLessThanOrEqual(newest.stats.blocksRead + 256);
  });

  const selectorCases: [string, LabelMatcher[], string[]][] = [
    ['equality', [{ name: 'app', op: '=', value: 'shop' }], ['shop/web', 'shop/worker']],
    ['inequality', [{ name: 'app', op: '!=', value: 'shop' }], ['blog/web', 'none']],
    ['regex', [{ name: 'service', op: '=~', value: 'w.*' }], ['blog/web', 'shop/web', 'shop/worker']],
    ['negated regex', [{ name: 'service', op: '!~', value: 'web|' }], ['shop/worker']],
    ['missing label equals ""', [{ name: 'app', op: '=', value: '' }], ['none']],
    [
      'several matchers',
      [
        { name: 'app', op: '=', value: 'shop' },
        { name: 'service', op: '=~', value: 'web' },
      ],
      ['shop/web'],
    ],
  ];

  it.each(selectorCases)('selects streams by %s', async (_name, selector, want) => {
    const store = await open();
    store.append({ app: 'shop', service: 'web' }, [{ timestampMs: t0, line: 'shop/web' }]);
    store.append({ app: 'shop', service: 'worker' }, [{ timestampMs: t0 + 1, line: 'shop/worker' }]);
    store.append({ app: 'blog', service: 'web' }, [{ timestampMs: t0 + 2, line: 'blog/web' }]);
    store.append({ host: 'h1' }, [{ timestampMs: t0 + 3, line: 'none' }]);
    await store.flush();
    expect(lines(await store.select({ ...everything, selector }).toArray()).sort()).toEqual(want);
    expect(store.streams(selector)).toHaveLength(want.length);
  });

  it('skips blocks by their token bloom: a needle query reads only the block that holds it', async () => {
    const store = await open(undefined, { blockBytes: 2048 });
    for (let b = 0; b < 40; b++) {
      const entries: LogLine[] = Array.from({ length: 30 }, (_, i) => ({
        timestampMs: t0 + b * 100 + i,
        line: `081109 ${b} INFO dfs.DataNode: Receiving block blk_-${1000000000000 + b * 1000 + i}77 src: /10.250.${b}.${i}:50010`,
      }));
      store.append({ app: 'hdfs' }, entries);
      await store.flush();
    }
    expect(store.stats().blocks).toBeGreaterThanOrEqual(40);
    const needle = store.select({ ...everything, lineContains: ['blk_-100000002100577'] });
    expect(lines(await needle.toArray())).toHaveLength(1);
    expect(needle.stats.blocksRead).toBeLessThanOrEqual(2);
    expect(needle.stats.blocksSkippedByBloom).toBeGreaterThanOrEqual(needle.stats.blocksConsidered - 2);
    const absent = store.select({ ...everything, lineContains: ['blk_-999999999999977'] });
    expect(await absent.toArray()).toEqual([]);
    expect(absent.stats.blocksRead).toBeLessThanOrEqual(2);
    // A literal that cannot use the bloom (short, mid-token) still finds its lines by scanning.
    const scan = store.select({ ...everything, lineContains: ['ceivi'] });
    expect(await scan.toArray()).toHaveLength(1200);
    expect(scan.stats.blocksRead).toBe(scan.stats.blocksConsidered);
  });

  it.each([
    ['on', {}],
    ['off', { bloomCacheBytes: 0 }],
    ['too small for one bloom', { bloomCacheBytes: 64 }],
  ] as const)(
    'answers needle queries alike with the bloom cache %s, across retention and new blocks',
    async (_name, options) => {
      const store = await open(undefined, { blockBytes: 2048, ...options });
      const write = async (from: number, to: number, needleIn: number): Promise<void> => {
        for (let b = from; b < to; b++) {
          store.append(
            { app: 'api' },
            Array.from({ length: 25 }, (_, i) => ({
              timestampMs: t0 + b * 1000 + i,
              line: `GET /orders/${b * 100 + i} trace_id=${b === needleIn && i === 7 ? 'feedface0badc0de' : `${(b * 131 + i).toString(16).padStart(16, '0')}`}`,
            })),
          );
          await store.flush();
        }
      };
      await write(0, 20, 4);
      const first = store.select({ ...everything, lineContains: ['feedface0badc0de'] });
      expect(lines(await first.toArray())).toEqual(['GET /orders/407 trace_id=feedface0badc0de']);
      expect(first.stats.blocksRead).toBeLessThanOrEqual(2);
      // The cached blooms of dropped blocks must not answer for the blocks written after them.
      await store.applyRetention({ nowMs: t0 + 30_000, maxAgeMs: 20_000 });
      await write(20, 30, 25);
      const again = store.select({ ...everything, lineContains: ['feedface0badc0de'] });
      expect(lines(await again.toArray())).toEqual(['GET /orders/2507 trace_id=feedface0badc0de']);
      expect(again.stats.blocksRead).toBeLessThanOrEqual(2);
      const absent = store.select({ ...everything, lineContains: ['0123456789abcdef'] });
      expect(await absent.toArray()).toEqual([]);
    },
  );

  it('finds every line containing a literal cut anywhere inside tokens (no false negatives)', async () => {
    const store = await open(undefined, { blockBytes: 4096 });
    const texts = Array.from(
      { length: 600 },
      (_, i) =>
        `trace_id=${(i * 2654435761).toString(16).padStart(8, '0')}${(i * 40503).toString(16)}deadbeef0${i} user=ü${i} ip=10.0.${i % 7}.${i % 13} msg="blk_-${i}${i}${i}"`,
    );
    store.append(
      { app: 'x' },
      texts.map((line, i) => ({ timestampMs: t0 + i, line })),
    );
    await store.flush();
    let seed = 3;
    for (let k = 0; k < 80; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const text = texts[seed % texts.length] ?? '';
      const start = seed % (text.length - 4);
      const literal = text.slice(start, start + 4 + (seed % 25));
      const want = texts.filter((t) => t.includes(literal));
      expect(
        lines(await store.select({ ...everything, lineContains: [literal] }).toArray()),
        literal,
      ).toEqual(want);
    }
  });

  it('requires every lineContains literal in the same line', async () => {
    const store = await open();
    store.append({ app: 'x' }, [
      { timestampMs: t0, line: 'alpha beta' },
      { timestampMs: t0 + 1, line: 'alpha' },
      { timestampMs: t0 + 2, line: 'beta' },
    ]);
    await store.flush();
    store.append({ app: 'x' }, [{ timestampMs: t0 + 3, line: 'beta then alpha' }]);
    const got = await store.select({ ...everything, lineContains: ['alpha', 'beta'] }).toArray();
    expect(lines(got)).toEqual(['alpha beta', 'beta then alpha']);
  });

  it('gives the same answers with scan worker threads as in the calling thread', async () => {
    const dir = makeDir();
    const writer = await open(dir, { blockBytes: 2048 });
    for (let i = 0; i < 3000; i++) {
      writer.append({ app: `a${i % 3}` }, [
        { timestampMs: t0 + i, line: `request ${i} took ${i % 97} ms id=${i * 31}` },
      ]);
    }
    await writer.flush();
    const inline = await writer.select({ ...everything, lineContains: ['took 42 ms'] }).toArray();
    const threaded = await closeAndReopen(writer, dir, { scanThreads: 2 });
    const result = threaded.select({ ...everything, lineContains: ['took 42 ms'] });
    expect(await result.toArray()).toEqual(inline);
    expect(inline.length).toBe(31);
    expect(result.stats.blocksRead).toBeGreaterThan(10);
  });

  it('stops a query whose signal is aborted', async () => {
    const store = await open();
    store.append({ app: 'x' }, [{ timestampMs: t0, line: 'a' }]);
    const controller = new AbortController();
    controller.abort();
    await expect(store.select({ ...everything, signal: controller.signal }).toArray()).rejects.toThrow(
      /abort/i,
    );
  });

  it('keeps a running query consistent while ingest seals and flushes blocks', async () => {
    const store = await open(undefined, { blockBytes: 512 });
    const before = Array.from({ length: 300 }, (_, i) => ({ timestampMs: t0 + i, line: `old ${i}` }));
    store.append({ app: 'x' }, before.slice(0, 200));
    await store.flush();
    store.append({ app: 'x' }, before.slice(200));
    const seen: string[] = [];
    let i = 0;
    for await (const entry of store.select(everything)) {
      seen.push(entry.line);
      if (i++ % 50 === 0) {
        store.append({ app: 'x' }, [{ timestampMs: t0 + 10 + i, line: `new ${i}` }]);
        await store.flush();
      }
    }
    expect(seen).toEqual(before.map((e) => e.line));
    expect(lines(await store.select(everything).toArray()).filter((l) => l.startsWith('new'))).toHaveLength(
      6,
    );
  });

  it('seals and flushes when the buffer cap is reached, without an explicit flush', async () => {
    const store = await open(undefined, { maxBufferedBytes: 64 * 1024, blockBytes: 1024 * 1024 });
    for (let s = 0; s < 20; s++) {
      store.append(
        { app: 'x', pod: `p${s}` },
        Array.from({ length: 200 }, (_, i) => ({
          timestampMs: t0 + i,
          line: `stream ${s} line ${i} `.padEnd(80, '.'),
        })),
      );
    }
    const stats = store.stats();
    expect(stats.bufferedBytes).toBeLessThanOrEqual(64 * 1024);
    expect(stats.blocks).toBeGreaterThan(0);
    expect(stats.entries).toBe(4000);
    expect(await store.select(everything).toArray()).toHaveLength(4000);
  });

  it("replaces a stream's head blocks with its sealed block, and seals old buffers at a flush", async () => {
    const dir = makeDir();
    let store = await open(dir, { blockBytes: 2000, maxBlockAgeMs: 60_000 });
    store.append({ app: 'x' }, [{ timestampMs: t0, line: 'first' }]);
    await store.flush();
    store.append({ app: 'x' }, [{ timestampMs: t0 + 1, line: 'second' }]);
    await store.flush();
    expect(store.stats()).toMatchObject({ blocks: 0, headBlocks: 2, bufferedEntries: 2 });
    store.append({ app: 'x' }, [{ timestampMs: t0 + 2, line: 'z'.repeat(2000) }]);
    await store.flush();
    expect(store.stats()).toMatchObject({ blocks: 1, headBlocks: 0, bufferedEntries: 0, entries: 3 });
    store = await closeAndReopen(store, dir, { maxBlockAgeMs: 1 });
    store.append({ app: 'x' }, [{ timestampMs: t0 + 3, line: 'late' }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.flush();
    expect(store.stats()).toMatchObject({ blocks: 2, headBlocks: 0, entries: 4 });
    expect(lines(await store.select(everything).toArray())).toEqual([
      'first',
      'second',
      'z'.repeat(2000),
      'late',
    ]);
  });

  it('reports label names, label values and store figures', async () => {
    const store = await open();
    store.append({ app: 'shop', env: 'prod' }, [{ timestampMs: t0, line: 'x'.repeat(100) }]);
    store.append({ app: 'blog' }, [{ timestampMs: t0, line: 'y' }]);
    await store.flush();
    expect(store.labelNames()).toEqual(['app', 'env']);
    expect(store.labelValues('app')).toEqual(['blog', 'shop']);
    expect(store.labelValues('nope')).toEqual([]);
    expect(store.stats()).toMatchObject({ streams: 2, blocks: 0, headBlocks: 2, entries: 2 });
  });

  it.each([
    ['a label name with a dash', () => ({ 'bad-name': 'x' }), 'BERTH_BAD_REQUEST'],
    ['a non-string label value', () => ({ app: 3 as unknown as string }), 'BERTH_BAD_REQUEST'],
  ])('rejects %s', async (_what, labels, code) => {
    const store = await open();
    let caught: unknown;
    try {
      store.append(labels(), [{ timestampMs: t0, line: 'x' }]);
    } catch (error) {
      caught = error;
    }
    expect(isBerthError(caught) && caught.code).toBe(code);
  });

  it('refuses a directory whose index has another schema version, with BERTH_STORE', async () => {
    const dir = makeDir();
    const store = await open(dir);
    // close() is idempotent: the fixture's close after the test does nothing more.
    await (await closeAndReopen(store, dir)).close();
    const db = new Database(join(dir, 'index.db'));
    db.pragma('user_version = 99');
    db.close();
    await expect(LogStore.open(dir)).rejects.toMatchObject({ code: 'BERTH_STORE' });
  });

  it('rejects invalid options with BERTH_CONFIG and invalid queries with BERTH_BAD_REQUEST', async () => {
    await expect(LogStore.open(makeDir(), { blockBytes: -1 })).rejects.toMatchObject({
      code: 'BERTH_CONFIG',
    });
    const store = await open();
    expect(() => store.select({ ...everything, limit: 0 })).toThrow(
      expect.objectContaining({ code: 'BERTH_BAD_REQUEST' }),
    );
  });
});
