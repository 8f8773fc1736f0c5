import { describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import {
  advanceCheckpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  parseRfc3339,
  ResumeFilter,
  sinceParameter,
} from './index.js';

const T1 = '2024-05-01T12:00:00.000000001Z';
const T2 = '2024-05-01T12:00:01.500000000Z';

describe('Docker log checkpoints', () => {
  it('encodes and decodes a checkpoint unchanged', () => {
    const checkpoint = { stdout: { timestamp: T1, count: 3 }, stderr: { timestamp: T2, count: 1 } };
    expect(decodeCheckpoint(encodeCheckpoint(checkpoint))).toEqual(checkpoint);
    expect(decodeCheckpoint(encodeCheckpoint({}))).toEqual({});
  });

  it('advanceCheckpoint moves only the stored line’s stream', () => {
    const before = { stderr: { timestamp: T1, count: 1 } };
    const after = advanceCheckpoint(before, { stream: 'stdout', cursor: { timestamp: T2, count: 2 } });
    expect(after).toEqual({ stderr: { timestamp: T1, count: 1 }, stdout: { timestamp: T2, count: 2 } });
    expect(before).toEqual({ stderr: { timestamp: T1, count: 1 } });
  });

  it.each([
    ['not JSON', 'nope', 'it is not JSON'],
    ['an unknown version', '{"v":2}', 'v: '],
    ['a bad timestamp', '{"v":1,"stdout":["yesterday",1]}', 'stdout.0: expected an RFC 3339 timestamp'],
    ['a negative count', `{"v":1,"stdout":["${T1}",-1]}`, 'stdout.1: '],
    ['an unknown stream', `{"v":1,"stdin":["${T1}",1]}`, ''],
  ])('decodeCheckpoint rejects %s with BERTH_STORE', (_why, text, fragment) => {
    let error: unknown;
    try {
      decodeCheckpoint(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('BERTH_STORE');
    expect((error as BerthError).message).toContain(fragment);
  });

  it.each([
    [{}, undefined],
    [{ stdout: { timestamp: T2, count: 1 } }, '1714564801.500000000'],
    [{ stdout: { timestamp: T2, count: 1 }, stderr: { timestamp: T1, count: 4 } }, '1714564800.000000001'],
    [{ stderr: { timestamp: '2024-05-01T14:00:00.25+02:00', count: 1 } }, '1714564800.250000000'],
  ])('sinceParameter(%j) is %s (the earlier stream, inclusive)', (checkpoint, since) => {
    expect(sinceParameter(checkpoint)).toBe(since);
  });
});

describe('ResumeFilter', () => {
  const ns = (t: string): bigint => parseRfc3339(t)?.epochNs ?? -1n;

  it('skips messages before the cursor and the counted ones at it, then accepts everything', () => {
    const filter = new ResumeFilter({ stdout: { timestamp: T2, count: 2 } });
    const decisions = [ns(T1), ns(T2), ns(T2), ns(T2), ns(T1)].map((t) => filter.accept('stdout', t));
    expect(decisions).toEqual([false, false, false, true, true]);
  });

  it('accepts every message of a stream without a cursor', () => {
    const filter = new ResumeFilter({ stdout: { timestamp: T2, count: 5 } });
    expect(filter.accept('stderr', ns(T1))).toBe(true);
  });

  it('accepts the first message after the cursor even when fewer messages share its timestamp', () => {
    const filter = new ResumeFilter({ stdout: { timestamp: T1, count: 3 } });
    expect([filter.accept('stdout', ns(T1)), filter.accept('stdout', ns(T2))]).toEqual([false, true]);
  });
});
