import { describe, expect, it } from 'vitest';
import { shellSplit } from './shell-split.js';

describe('shellSplit', () => {
  it.each([
    ['npm start', ['npm', 'start']],
    ['  spaced   out  ', ['spaced', 'out']],
    [`sh -c "echo 'hi there'"`, ['sh', '-c', "echo 'hi there'"]],
    [`echo 'a "b" c'`, ['echo', 'a "b" c']],
    ['echo "a \\"b\\" \\$HOME \\n"', ['echo', 'a "b" $HOME \\n']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo ""', ['echo', '']],
    ['a"b"c', ['abc']],
    ['echo $HOME', ['echo', '$HOME']],
    ['', []],
  ])('splits %j', (input, expected) => {
    expect(shellSplit(input)).toEqual({ ok: true, value: expected });
  });

  it.each([['echo "open'], ["echo 'open"]])('rejects the unclosed quote in %j', (input) => {
    expect(shellSplit(input).ok).toBe(false);
  });
});
