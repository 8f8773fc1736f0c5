import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LabelledLogLine, LogStore } from './index.js';
import { closeAndReopen, everything, lines, makeDir, open, t0 } from './testing/store-kit.js';

describe('LogStore checkpoints', () => {
  const crashWriter = fileURLToPath(new URL('./testing/crash-writer.ts', import.meta.url));

  function crash(dir: string, mode: 'flush' | 'no-flush'): void {
    const child = spawnSync(process.execPath, ['--import', 'tsx', crashWriter, dir, mode], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
  }

  it.each([
    ['without a flush, neither the entries nor the checkpoint survive', 'no-flush', [], undefined],
    [
      'after a flush, both the entries and the checkpoint survive',
      'flush',
      ['one', 'two', 'three'],
      'after-3',
    ],
  ] as const)(
    'on a crash %s',
    async (_what, mode, want, checkpoint) => {
      const dir = makeDir();
      crash(dir, mode);
      const store = await open(dir);
      expect(lines(await store.select(everything).toArray())).toEqual(want);
      expect(store.getCheckpoint('c')).toBe(checkpoint);
    },
    60_000,
  );

  it('returns the latest checkpoint set in this process, then the durable one after a reopen', async () => {
    const dir = makeDir();
    let store = await open(dir);
    store.setCheckpoint('k', 'v1');
    expect(store.getCheckpoint('k')).toBe('v1');
    await store.flush();
    store.setCheckpoint('k', 'v2');
    store = await closeAndReopen(store, dir);
    expect(store.getCheckpoint('k')).toBe('v2');
    expect(store.getCheckpoint('missing')).toBeUndefined();
  });
});

describe('LogStore delete and retention', () => {
  async function filled(dir = makeDir()): Promise<LogStore> {
    const store = await open(dir, { blockBytes: 1024, segmentBytes: 1024 });
    for (const app of ['shop', 'blog']) {
      for (let i = 0; i < 300; i++)
        store.append({ app }, [
          {
            timestampMs: t0 + i * 1000,
            line: `${app} entry ${i} `.padEnd(30, '-') + String((i * 2654435761) % 1e9),
          },
        ]);
    }
    await store.flush();
    return store;
  }

  it.each([
    ['the whole range of one app', 0, 300, 300, 300],
    ['a range inside blocks (rewritten)', 10, 15, 5, 595],
    ['an empty range', 50, 50, 0, 600],
  ])('deletes %s', async (_what, from, to, deleted, left) => {
    const store = await filled();
    const selector = [{ name: 'app', op: '=' as const, value: 'shop' }];
    const result = await store.delete({ selector, startMs: t0 + from * 1000, endMs: t0 + to * 1000 });
    expect(result.entriesDeleted).toBe(deleted);
    const rest = await store.select(everything).toArray();
    expect(rest).toHaveLength(left);
    const inRange = (e: LabelledLogLine): boolean =>
      e.labels['app'] === 'shop' && e.timestampMs >= t0 + from * 1000 && e.timestampMs < t0 + to * 1000;
    expect(rest.filter(inRange)).toEqual([]);
  });

  it('deletes buffered entries too, and the deletion survives a reopen', async () => {
    const dir = makeDir();
    let store = await open(dir);
    store.append({ app: 'shop' }, [
      { timestampMs: t0, line: 'keep' },
      { timestampMs: t0 + 5, line: 'secret' },
    ]);
    await store.flush();
    const result = await store.delete({
      selector: [{ name: 'app', op: '=', value: 'shop' }],
      startMs: t0 + 1,
      endMs: t0 + 10,
    });
    expect(result).toMatchObject({ entriesDeleted: 1 });
    store = await closeAndReopen(store, dir);
    expect(lines(await store.select(everything).toArray())).toEqual(['keep']);
  });

  it('drops blocks older than the age limit, per app and globally, and deletes emptied segment files', async () => {
    const dir = makeDir();
    const store = await filled(dir);
    const segmentBytes = (): number =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.seg'))
        .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    const diskBefore = segmentBytes();
    const nowMs = t0 + 300_000;
    const result = await store.applyRetention({
      nowMs,
      maxAgeMs: 100_000,
      perApp: { blog: { maxAgeMs: 250_000 } },
    });
    expect(result.blocksDropped).toBeGreaterThan(0);
    const rest = await store.select(everything).toArray();
    const oldest = (app: string): number =>
      Math.min(...rest.filter((e) => e.labels['app'] === app).map((e) => e.timestampMs));
    // Whole blocks go only when all their entries are older than the cutoff.
    expect(oldest('shop')).toBeGreaterThan(nowMs - 100_000 - 40_000);
    expect(oldest('shop')).toBeLessThanOrEqual(nowMs - 100_000);
    expect(oldest('blog')).toBeLessThanOrEqual(nowMs - 250_000);
    expect(oldest('blog')).toBeGreaterThan(nowMs - 250_000 - 40_000);
    expect(segmentBytes()).toBeLessThan(diskBefore);
  });

  it('caps an app by size, keeping its newest blocks and leaving other apps alone', async () => {
    const store = await filled();
    const bytesOf = (app: string): Promise<number> =>
      store
        .select({ ...everything, selector: [{ name: 'app', op: '=', value: app }] })
        .toArray()
        .then((e) => e.length);
    const blogBefore = await bytesOf('blog');
    const result = await store.applyRetention({ nowMs: t0, perApp: { shop: { maxBytes: 1500 } } });
    expect(result.blocksDropped).toBeGreaterThan(0);
    const shop = await store
      .select({ ...everything, selector: [{ name: 'app', op: '=', value: 'shop' }] })
      .toArray();
    expect(shop.length).toBeGreaterThan(0);
    expect(shop.length).toBeLessThan(300);
    expect(shop.at(-1)?.line).toMatch(/^shop entry 299 /);
    expect(await bytesOf('blog')).toBe(blogBefore);
  });

  it('caps the whole store by size and reclaims segment files', async () => {
    const dir = makeDir();
    const store = await open(dir, { blockBytes: 1024, segmentBytes: 4096 });
    for (let i = 0; i < 2000; i++)
      store.append({ app: 'x' }, [{ timestampMs: t0 + i, line: `entry ${i} `.padEnd(60, '=') + i * 7919 }]);
    await store.flush();
    const segmentsBefore = readdirSync(dir).filter((f) => f.endsWith('.seg')).length;
    const before = store.stats();
    const result = await store.applyRetention({ nowMs: t0, maxBytes: Math.floor(before.storedBytes / 4) });
    const after = store.stats();
    expect(after.storedBytes).toBeLessThanOrEqual(before.storedBytes / 4);
    expect(result.bytesDropped).toBe(before.storedBytes - after.storedBytes);
    expect(readdirSync(dir).filter((f) => f.endsWith('.seg')).length).toBeLessThan(segmentsBefore);
    const rest = await store.select(everything).toArray();
    expect(rest.at(-1)?.timestampMs).toBe(t0 + 1999);
  });
});
