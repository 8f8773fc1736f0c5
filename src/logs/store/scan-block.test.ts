import { describe, expect, it } from 'vitest';
import { BlockView } from './block-view.js';
import { BlockWriter } from './block-writer.js';
import { filterBlock } from './scan-block.js';

const payload = (() => {
  const writer = new BlockWriter();
  writer.add(10, 'GET /cart 200', { user: 'ann' });
  writer.add(20, 'GET /cart 500 error');
  writer.add(30, 'POST /cart 500 error', { user: 'bob' });
  writer.add(40, 'GET /home 200');
  return writer.finish().payload;
})();

const kept = (filter: { startMs?: number; endMs?: number; literals?: string[] }): string[] => {
  const result = filterBlock(payload, {
    startMs: filter.startMs ?? 0,
    endMs: filter.endMs ?? 100,
    literals: (filter.literals ?? []).map((l) => Buffer.from(l)),
  });
  if (result.payload === undefined) return [];
  const view = BlockView.decode(result.payload);
  return Array.from({ length: view.count }, (_, i) => `${view.timestamps[i]} ${view.line(i)}`);
};

describe('filterBlock', () => {
  it.each([
    [
      'everything',
      {},
      ['10 GET /cart 200', '20 GET /cart 500 error', '30 POST /cart 500 error', '40 GET /home 200'],
    ],
    ['[startMs, endMs)', { startMs: 20, endMs: 40 }, ['20 GET /cart 500 error', '30 POST /cart 500 error']],
    ['one literal', { literals: ['500'] }, ['20 GET /cart 500 error', '30 POST /cart 500 error']],
    ['all literals in one line', { literals: ['GET', 'error'] }, ['20 GET /cart 500 error']],
    ['a literal spanning two lines', { literals: ['200GET'] }, []],
    ['an absent literal', { literals: ['DELETE'] }, []],
    ['a literal and a range', { literals: ['cart'], startMs: 25 }, ['30 POST /cart 500 error']],
    [
      'the empty literal',
      { literals: [''] },
      ['10 GET /cart 200', '20 GET /cart 500 error', '30 POST /cart 500 error', '40 GET /home 200'],
    ],
  ])('keeps %s', (_what, filter, want) => {
    expect(kept(filter)).toEqual(want);
  });

  it('keeps the metadata of the entries it keeps', () => {
    const result = filterBlock(payload, { startMs: 0, endMs: 100, literals: [Buffer.from('POST')] });
    const view = BlockView.decode(result.payload ?? Buffer.alloc(0));
    expect(view.metadata(0)).toEqual({ user: 'bob' });
  });

  it('returns the payload itself when every entry is kept', () => {
    expect(filterBlock(payload, { startMs: 0, endMs: 100, literals: [Buffer.from('/')] }).payload).toBe(
      payload,
    );
  });
});
