import { describe, expect, it } from 'vitest';
import { parseGitProgress } from './git-progress.js';

describe('parseGitProgress()', () => {
  it.each([
    [
      'Receiving objects:  45% (9/20), 1.20 MiB | 3.00 MiB/s',
      { task: 'Receiving objects', percent: 45, done: 9, total: 20, remote: false },
    ],
    [
      'Resolving deltas: 100% (1/1), done.',
      { task: 'Resolving deltas', percent: 100, done: 1, total: 1, remote: false },
    ],
    ['remote: Enumerating objects: 5, done.', { task: 'Enumerating objects', done: 5, remote: true }],
    [
      'remote: Counting objects:  50% (2/4)',
      { task: 'Counting objects', percent: 50, done: 2, total: 4, remote: true },
    ],
    [
      'Updating files: 100% (3/3), done.',
      { task: 'Updating files', percent: 100, done: 3, total: 3, remote: false },
    ],
    ["fatal: couldn't find remote ref main", undefined],
    ['From /srv/shop', undefined],
    [' * branch            main       -> FETCH_HEAD', undefined],
  ])('reads %j', (line, expected) => {
    expect(parseGitProgress(line)).toEqual(expected);
  });
});
