import { describe, expect, it } from 'vitest';
import { evaluate } from './index.js';

describe('evaluate', () => {
  // Five lines, three ground-truth events; the parser keeps A intact but merges B and C.
  const gtIds = ['A', 'A', 'B', 'B', 'C'];
  const gtTemplates = ['a <*>', 'a <*>', 'b <*>', 'b <*>', 'c'];
  const predIds = ['x', 'x', 'y', 'y', 'y'];
  const predTemplates = ['a <*>', 'a <*>', 'b <*>', 'b <*>', 'b <*>'];

  it('GA counts only lines whose ground-truth group equals their predicted group (A: 2 of 5 lines)', () => {
    expect(evaluate(gtIds, predIds).GA).toBeCloseTo(0.4, 12);
  });

  it('FGA is the F1 of 1 correct group over 2 predicted and 3 ground-truth groups', () => {
    // PGA = 1/2, RGA = 1/3, F1 = 2·(1/6)/(5/6) = 0.4.
    expect(evaluate(gtIds, predIds).FGA).toBeCloseTo(0.4, 12);
  });

  it('PA counts lines whose predicted template string equals the ground truth (4 of 5)', () => {
    expect(evaluate(gtIds, predIds, gtTemplates, predTemplates).PA).toBeCloseTo(0.8, 12);
  });

  it('FTA is the F1 of predicted templates whose lines all carry exactly that ground-truth template', () => {
    // 'a <*>' is correct; 'b <*>' also covers a 'c' line. PTA = 1/2, RTA = 1/3 → 0.4.
    expect(evaluate(gtIds, predIds, gtTemplates, predTemplates).FTA).toBeCloseTo(0.4, 12);
  });

  it('GA and FGA are 0 when a ground-truth group is split, even if no other line joins it', () => {
    expect(evaluate(['A', 'A'], ['x', 'y'])).toEqual({ GA: 0, FGA: 0 });
  });

  it('a perfect parse scores 1 on every metric, whatever the predicted ids are called', () => {
    expect(evaluate(['A', 'B', 'A'], ['p', 'q', 'p'], ['a', 'b', 'a'], ['a', 'b', 'a'])).toEqual({
      GA: 1,
      FGA: 1,
      PA: 1,
      FTA: 1,
    });
  });

  it('right groups with wrong template strings keep GA at 1 but PA and FTA at 0', () => {
    expect(
      evaluate(['A', 'A'], ['x', 'x'], ['open <*>', 'open <*>'], ['open <*> <*>', 'open <*> <*>']),
    ).toEqual({
      GA: 1,
      FGA: 1,
      PA: 0,
      FTA: 0,
    });
  });

  it('drops lines with an empty ground truth before scoring', () => {
    expect(evaluate(['A', '', 'A'], ['x', 'z', 'x'])).toEqual({ GA: 1, FGA: 1 });
    expect(evaluate(['A', 'B'], ['x', 'y'], ['a', ''], ['a', 'b'])).toEqual({ GA: 1, FGA: 1, PA: 1, FTA: 1 });
  });

  it('rejects arrays of different lengths with BERTH_CONFIG', () => {
    expect(() => evaluate(['A', 'B'], ['x'])).toThrow(expect.objectContaining({ code: 'BERTH_CONFIG' }));
  });
});
