import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import type { LabelMatcher } from '../logql/index.js';
import { compileSelector } from './stream-selector.js';

const web = { app: 'shop', service: 'web' };

describe('compileSelector', () => {
  it.each<[LabelMatcher[], boolean]>([
    [[], true],
    [[{ name: 'app', op: '=', value: 'shop' }], true],
    [[{ name: 'app', op: '=', value: 'sho' }], false],
    [[{ name: 'app', op: '!=', value: 'blog' }], true],
    [[{ name: 'env', op: '=', value: '' }], true],
    [[{ name: 'env', op: '!=', value: '' }], false],
    [[{ name: 'app', op: '=~', value: 'sh.p' }], true],
    [[{ name: 'app', op: '=~', value: 'sh' }], false],
    [[{ name: 'app', op: '!~', value: 'blog|shop' }], false],
    [
      [
        { name: 'app', op: '=', value: 'shop' },
        { name: 'service', op: '=~', value: 'w.b' },
      ],
      true,
    ],
  ])('%j matches {app="shop",service="web"}: %s', (selector, want) => {
    expect(compileSelector(selector)(web)).toBe(want);
  });

  it('uses the regex compiler it is given', () => {
    const calls: string[] = [];
    const match = compileSelector([{ name: 'app', op: '=~', value: 'anything' }], (pattern) => {
      calls.push(pattern);
      return () => true;
    });
    expect(match(web)).toBe(true);
    expect(calls).toEqual(['anything']);
  });

  it('reports an invalid regex as BERTH_BAD_REQUEST', () => {
    let caught: unknown;
    try {
      compileSelector([{ name: 'app', op: '=~', value: '(' }]);
    } catch (error) {
      caught = error;
    }
    expect(isBerthError(caught) && caught.code).toBe('BERTH_BAD_REQUEST');
  });
});
