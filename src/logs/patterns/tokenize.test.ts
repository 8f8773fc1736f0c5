import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.js';

describe('tokenize', () => {
  it.each([
    [
      ['login', 'user=bob', 'ok'],
      ['login', 'user=', 'bob', 'ok'],
      [false, false, true, false],
    ],
    [
      ['ruser=', 'rhost=<*>'],
      ['ruser=', '', 'rhost=', '<*>'],
      [false, true, false, true],
    ],
    [['a=b=c'], ['a=', 'b=c'], [false, true]],
    [
      ['=', 'x==y', 'tty=:0', '<*>=1', '9a=b'],
      ['=', 'x==y', 'tty=:0', '<*>=1', '9a=b'],
      [false, false, false, false, false],
    ],
    [[], [], []],
  ])('splits %j into tokens %j with glue %j', (words, tokens, glue) => {
    expect(tokenize(words)).toEqual({ tokens, glue });
  });
});
