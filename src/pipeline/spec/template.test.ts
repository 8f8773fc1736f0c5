import { describe, expect, it } from 'vitest';
import { checkTemplate, substitute } from './template.js';

describe('substitute', () => {
  const vars = { NODE: '20', DB: 'postgres', EMPTY: '' };
  it.each([
    ['node:${NODE}', 'node:20'],
    ['${DB}-${NODE}', 'postgres-20'],
    ['x${EMPTY}y', 'xy'],
    ['$$', '$'],
    ['$${NODE}', '${NODE}'],
    ['$$$${NODE}', '$${NODE}'],
    ['$$${NODE}', '$20'],
    ['echo $HOME ${HOME} ${HOME:-/root}', 'echo $HOME ${HOME} ${HOME:-/root}'],
    ['$NODE', '$NODE'],
    ['cost: 5$', 'cost: 5$'],
    ['${', '${'],
    ['${NODE', '${NODE'],
    ['no variables', 'no variables'],
  ])('substitute(%j) is %j', (text, expected) => {
    expect(substitute(text, vars)).toBe(expected);
  });
});

describe('checkTemplate', () => {
  const known = new Set(['NODE', 'BERTH_COMMIT']);
  it.each([
    ['node:${NODE}', undefined],
    ['app:${BERTH_COMMIT}', undefined],
    ['literal $${OTHER}', undefined],
    ['plain $HOME', undefined],
    ['node:${NOD}', { unknown: 'NOD' }],
    ['${1abc}', { malformed: '${1abc}' }],
    ['${A:-b}', { malformed: '${A:-b}' }],
    ['tail ${', { malformed: '${' }],
  ])('checkTemplate(%j) is %j', (text, expected) => {
    expect(checkTemplate(text, known)).toEqual(expected);
  });
});
