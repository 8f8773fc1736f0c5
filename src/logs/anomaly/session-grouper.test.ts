import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { groupSessions, hdfsBlockKeys, SessionGrouper } from './index.js';

const MIN = 60_000;
const ev = (atMs: number, templateId: string, text: string) => ({ atMs, templateId, text });

describe('hdfsBlockKeys', () => {
  it.each([
    ['Receiving block blk_42 src: /10.0.0.1', ['blk_42']],
    ['Deleting block blk_-1608999687919862906 file /a', ['blk_-1608999687919862906']],
    ['ask 10.0.0.1 to delete blk_1 blk_2 blk_1', ['blk_1', 'blk_2']],
    ['no block here', []],
  ])('finds the block ids of %j', (text, keys) => {
    expect(hdfsBlockKeys(text)).toEqual(keys);
  });
});

describe('SessionGrouper', () => {
  it('groupSessions() counts templates per key and puts a line with two keys in both sessions', () => {
    const sessions = groupSessions(
      [
        ev(0, 'T1', 'open blk_1'),
        ev(1000, 'T1', 'open blk_2'),
        ev(2000, 'T2', 'delete blk_1 blk_2'),
        ev(3000, 'T2', 'delete blk_1'),
      ],
      { keysOf: hdfsBlockKeys },
    );
    expect(
      sessions.map((s) => ({ key: s.key, lines: s.lines, counts: Object.fromEntries(s.counts) })),
    ).toEqual([
      { key: 'blk_1', lines: 3, counts: { T1: 1, T2: 2 } },
      { key: 'blk_2', lines: 2, counts: { T1: 1, T2: 1 } },
    ]);
    expect(sessions[0]).toMatchObject({ segment: 0, startMs: 0, endMs: 3000 });
  });

  it('starts a new segment of a key after an idle gap longer than idleGapMs', () => {
    const sessions = groupSessions(
      [
        ev(0, 'T1', 'blk_1'),
        ev(10 * MIN, 'T1', 'blk_1'),
        ev(41 * MIN, 'T2', 'blk_1'),
        ev(42 * MIN, 'T2', 'blk_1'),
      ],
      { keysOf: hdfsBlockKeys, idleGapMs: 30 * MIN },
    );
    expect(sessions.map((s) => [s.segment, s.lines, s.startMs, s.endMs])).toEqual([
      [0, 2, 0, 10 * MIN],
      [1, 2, 41 * MIN, 42 * MIN],
    ]);
  });

  it('never splits a key with idleGapMs Infinity', () => {
    const sessions = groupSessions([ev(0, 'T1', 'blk_1'), ev(1e12, 'T1', 'blk_1')], {
      keysOf: hdfsBlockKeys,
      idleGapMs: Infinity,
    });
    expect(sessions).toHaveLength(1);
  });

  it('add() returns the session it closed, and closeIdle() closes only sessions idle past the gap', () => {
    const grouper = new SessionGrouper({ keysOf: hdfsBlockKeys, idleGapMs: MIN });
    expect(grouper.add(ev(0, 'T1', 'blk_1'))).toEqual([]);
    grouper.add(ev(50_000, 'T1', 'blk_2'));
    expect(grouper.add(ev(70_000, 'T2', 'blk_1')).map((s) => [s.key, s.segment])).toEqual([['blk_1', 0]]);
    expect(grouper.closeIdle(100_000)).toEqual([]);
    expect(grouper.closeIdle(111_000).map((s) => s.key)).toEqual(['blk_2']);
    expect(grouper.openCount).toBe(1);
    expect(grouper.closeAll().map((s) => [s.key, s.segment])).toEqual([['blk_1', 1]]);
    expect(grouper.openCount).toBe(0);
  });

  it('ignores lines without a key', () => {
    expect(groupSessions([ev(0, 'T1', 'no key')], { keysOf: hdfsBlockKeys })).toEqual([]);
  });

  it.each([0, -1, Number.NaN])('rejects idleGapMs %f with BERTH_CONFIG', (idleGapMs) => {
    let error: unknown;
    try {
      new SessionGrouper({ keysOf: hdfsBlockKeys, idleGapMs });
    } catch (e) {
      error = e;
    }
    expect(isBerthError(error) && error.code).toBe('BERTH_CONFIG');
  });
});
