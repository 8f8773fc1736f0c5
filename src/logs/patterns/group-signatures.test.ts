import { describe, expect, it } from 'vitest';
import { groupSignatures, wildcardWithAffixes } from './group-signatures.js';
import { isParamLike } from './token-dictionary.js';

const sig = (line: string, count = 1) => ({ tokens: line.split(' '), count });
const templates = (lines: [string, number][], threshold = 4) =>
  groupSignatures(
    lines.map(([l, c]) => sig(l, c)),
    threshold,
  ).map((g) => g.template.join(' '));

describe('groupSignatures', () => {
  it('keeps a position with fewer distinct words than the threshold as constants that split events', () => {
    expect(
      templates([
        ['VM Started now', 20],
        ['VM Paused now', 20],
        ['VM Resumed now', 40],
      ]),
    ).toEqual(['VM Started now', 'VM Paused now', 'VM Resumed now']);
  });

  it('turns a position with at least `variableThreshold` distinct words into <*>', () => {
    const users = ['alice', 'bob', 'carol', 'dave'].map((u): [string, number] => [`user ${u} logged in`, 3]);
    expect(templates(users)).toEqual(['user <*> logged in']);
    expect(templates(users, 5)).toHaveLength(4);
  });

  it('turns a position into <*> as soon as one member already has <*> there', () => {
    expect(
      templates([
        ['open <*> ok', 5],
        ['open x ok', 1],
      ]),
    ).toEqual(['open <*> ok']);
  });

  it('treats a column of mostly parameter-like tokens as a parameter despite an odd literal value', () => {
    expect(
      templates([
        ['sync to <*>, stratum', 50],
        ['sync to LOCAL(<*>), stratum', 1],
      ]),
    ).toEqual(['sync to <*>, stratum']);
  });

  it('keeps a literal that most lines of a column have apart from the <*> of the others (`****` fan speeds)', () => {
    expect(
      templates([
        ['speeds ( <*> **** <*> )', 79],
        ['speeds ( <*> <*> <*> )', 11],
      ]),
    ).toEqual(['speeds ( <*> **** <*> )', 'speeds ( <*> <*> <*> )']);
  });

  it('counts an empty value (`()`) as a parameter, so a column of `()` and `(<*>)` is one parameter', () => {
    expect(
      templates([
        ['from <*> () at <*>', 60],
        ['from <*> (<*>) at <*>', 30],
      ]),
    ).toEqual(['from <*> (<*>) at <*>']);
  });

  it('separates events of one length by their frequent words (longest common pattern) before splitting', () => {
    const lines: [string, number][] = [
      ['disk a full', 10],
      ['disk b full', 10],
      ['disk c full', 10],
      ['disk d full', 10],
      ['net up now', 30],
      ['net down now', 30],
    ];
    expect(templates(lines)).toEqual(['disk <*> full', 'net up now', 'net down now']);
  });

  it('returns groups in order of their first member, members ascending', () => {
    const groups = groupSignatures([sig('b x'), sig('a y', 5), sig('b x2'), sig('a y2', 5)], 2);
    expect(groups.map((g) => g.members)).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('returns no groups for no signatures and one group for empty lines', () => {
    expect(groupSignatures([], 4)).toEqual([]);
    expect(groupSignatures([{ tokens: [], count: 3 }], 4)).toEqual([{ members: [0], template: [] }]);
  });
});

describe('wildcardWithAffixes', () => {
  it.each([
    [['(a),', '(bb),'], '(<*>),'],
    [['[x]', '[y]'], '[<*>]'],
    [['ab', 'ac'], '<*>'],
    [['<*>,', 'LOCAL(<*>),'], '<*>,'],
    [['-', '--'], '<*>'],
  ])('wraps the wildcard of %j as %j', (values, expected) => {
    expect(wildcardWithAffixes(values)).toBe(expected);
  });
});

describe('isParamLike', () => {
  it.each([
    ['<*>', true],
    ['(<*>),', true],
    ['<*>:<*>', true],
    ['node-<*>', false],
    ['<*>ms', false],
    ['()', true],
    ["'',", true],
    ['', true],
    ['****', false],
    ['plain', false],
  ])('%j → %j', (token, expected) => {
    expect(isParamLike(token)).toBe(expected);
  });
});
