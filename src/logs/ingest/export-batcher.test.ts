import { describe, expect, it } from 'vitest';
import { ExportBatcher } from './index.js';

const r = (line: string) => ({ line });
const texts = (batches: { line: string }[][]) => batches.map((b) => b.map((x) => x.line));

describe('ExportBatcher', () => {
  it('closes a batch when it reaches maxRecords', () => {
    const batcher = new ExportBatcher({ maxRecords: 2 });
    expect(batcher.add(r('a'), 0)).toEqual([]);
    expect(texts(batcher.add(r('b'), 0))).toEqual([['a', 'b']]);
    expect(batcher.pendingRecords).toBe(0);
  });

  it('closes a batch before a record that would push it past maxBytes', () => {
    const batcher = new ExportBatcher({ maxBytes: 10, sizeOf: (x) => x.line.length });
    expect(batcher.add(r('aaaa'), 0)).toEqual([]);
    expect(batcher.add(r('bbbb'), 0)).toEqual([]);
    expect(texts(batcher.add(r('ccc'), 0))).toEqual([['aaaa', 'bbbb']]);
    expect(texts(batcher.add(r('dddddd'), 0))).toEqual([]);
    expect(texts(batcher.flush())).toEqual([['ccc', 'dddddd']]);
  });

  it('sends a record bigger than maxBytes alone', () => {
    const batcher = new ExportBatcher({ maxBytes: 10, sizeOf: (x) => x.line.length });
    batcher.add(r('a'), 0);
    expect(texts(batcher.add(r('x'.repeat(50)), 0))).toEqual([['a'], ['x'.repeat(50)]]);
  });

  it('closes a batch when its oldest record has waited maxDelayMs (fake clock)', () => {
    const batcher = new ExportBatcher({ maxDelayMs: 1000 });
    batcher.add(r('a'), 5000);
    batcher.add(r('b'), 5900);
    expect(batcher.nextDueMs).toBe(6000);
    expect(batcher.flushDue(5999)).toEqual([]);
    expect(texts(batcher.flushDue(6000))).toEqual([['a', 'b']]);
    expect(batcher.nextDueMs).toBeUndefined();
    batcher.add(r('c'), 7000);
    expect(batcher.nextDueMs).toBe(8000);
  });

  it('counts the default size as line length plus a fixed envelope', () => {
    const batcher = new ExportBatcher({ maxBytes: 200 });
    expect(batcher.add(r('x'.repeat(70)), 0)).toEqual([]);
    expect(texts(batcher.add(r('y'.repeat(70)), 0))).toEqual([['x'.repeat(70)]]);
  });

  it('flush returns nothing when empty', () => {
    expect(new ExportBatcher().flush()).toEqual([]);
  });
});
