import { describe, expect, it } from 'vitest';
import { templateSimilarity } from './template-similarity.js';

describe('templateSimilarity', () => {
  it.each([
    ['identical templates', 'disk <*> is full', 'disk <*> is full', 1],
    ['one changed token of five', 'GET <*> took <*> ms', 'GET <*> took <*> s', 0.8],
    ['one inserted token', 'user <*> logged in', 'user <*> logged in twice', 0.8],
    ['nothing in common', 'alpha beta', 'gamma delta', 0],
    ['a wildcard is an ordinary token', '<*> <*>', 'a b', 0],
    ['two empty templates', '', '  ', 1],
    ['empty against one token', '', 'x', 0],
  ])('%s → %f', (_name, a, b, expected) => {
    expect(templateSimilarity(a, b)).toBeCloseTo(expected, 9);
    expect(templateSimilarity(b, a)).toBeCloseTo(expected, 9);
  });
});
