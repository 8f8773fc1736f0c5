import { describe, expect, it } from 'vitest';
import { diffHeads } from './diff-heads.js';

const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(40)) as [string, string, string];
const heads = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('diffHeads()', () => {
  it.each([
    ['nothing when nothing moved', { 'refs/heads/main': a }, { 'refs/heads/main': a }, []],
    [
      'a push to a branch',
      { 'refs/heads/main': a },
      { 'refs/heads/main': b },
      [{ ref: 'refs/heads/main', before: a, after: b }],
    ],
    [
      'a new branch and a new tag, sorted by ref',
      { 'refs/heads/main': a },
      { 'refs/heads/main': a, 'refs/tags/v1': a, 'refs/heads/feature': c },
      [
        { ref: 'refs/heads/feature', before: undefined, after: c },
        { ref: 'refs/tags/v1', before: undefined, after: a },
      ],
    ],
    [
      'a deleted branch',
      { 'refs/heads/main': a, 'refs/heads/old': b },
      { 'refs/heads/main': a },
      [{ ref: 'refs/heads/old', before: b, after: undefined }],
    ],
    [
      'no pull request or other refs',
      { 'refs/pull/1/head': a, HEAD: a },
      { 'refs/pull/1/head': b, HEAD: b, 'refs/merge-requests/2/head': c },
      [],
    ],
  ])('reports %s', (_, before, after, expected) => {
    expect(diffHeads(heads(before), heads(after))).toEqual(expected);
  });
});
