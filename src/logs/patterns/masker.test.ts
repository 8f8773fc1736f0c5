import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileMasks, DEFAULT_MASKS } from './index.js';
import { Masker } from './masker.js';
import { maskLine, maskToken } from './masking.js';

const masks = compileMasks(DEFAULT_MASKS);
const datasets = new URL('../../../../shared/datasets/', import.meta.url);
const NAMES = [
  'Android',
  'BGL',
  'HDFS',
  'HPC',
  'Hadoop',
  'Linux',
  'Mac',
  'OpenStack',
  'Proxifier',
  'Thunderbird',
  'Windows',
];

describe('Masker', () => {
  it('splits on any whitespace and collapses glued wildcards', () => {
    const masker = new Masker(masks, { digitAgnostic: true });
    expect(masker.words('  took\t35 ms  from 10.0.0.1:80\n')).toEqual([
      'took',
      '<*>',
      'ms',
      'from',
      '<*>:<*>',
    ]);
    expect(masker.words('id=0x1f2e3d4c5b6a7980')).toEqual(['id=<*>']);
    expect(masker.words('   ')).toEqual([]);
    expect(masker.words('a\u00a0b c')).toEqual(['a', 'b', 'c']);
  });

  it('collapses glued wildcards left by line masks alone too', () => {
    const lineOnly = compileMasks([{ name: 'digits', pattern: '[0-9]' }]);
    expect(new Masker(lineOnly).words('id 42 x')).toEqual(['id', '<*>', 'x']);
  });

  it('masks through its caches exactly as the rules do, on every token of the Loghub-2k raw logs', () => {
    // The shape cache is only correct for digit-agnostic rules; this checks DEFAULT_MASKS are, on real tokens.
    const masker = new Masker(masks, { digitAgnostic: true, cacheSize: 500 });
    let checked = 0;
    const mismatches: string[] = [];
    for (const name of NAMES) {
      const text = readFileSync(new URL(`loghub-2k/${name}/${name}_2k.log`, datasets), 'utf8');
      for (const line of text.split('\n')) {
        for (const token of maskLine(line, masks).split(/\s+/)) {
          if (token === '') continue;
          checked++;
          const expected = maskToken(token, masks).replace(/(?:<\*>){2,}/g, '<*>');
          if (masker.token(token) !== expected) mismatches.push(token);
        }
      }
    }
    expect(checked).toBeGreaterThan(200_000);
    expect(mismatches).toEqual([]);
  });

  it('does not use token shapes unless told the rules are digit-agnostic', () => {
    // This rule tells 1 from 2: the shape `0` would give the wrong answer for `2`.
    const picky = compileMasks([{ name: 'one', scope: 'token', pattern: '^1$', requires: ['1'] }]);
    const masker = new Masker(picky);
    expect([masker.token('1'), masker.token('2')]).toEqual(['<*>', '2']);
  });
});
