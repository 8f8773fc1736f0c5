import { describe, expect, it } from 'vitest';
import { expandMatrix } from './expand-matrix.js';
import { loadPipeline } from './load-pipeline.js';
import type { BuildStep, RunStep } from './pipeline-spec.js';

const spec = loadPipeline(
  [
    'matrix:',
    '  NODE: [20, 22]',
    '  DB: [postgres]',
    'services:',
    '  db: { image: "${DB}:16" }',
    'steps:',
    '  test:',
    '    image: node:${NODE}',
    '    commands: ["echo ${NODE} $HOME $$PATH", "echo ${DB}"]',
    '    environment:',
    '      TARGET: node${NODE}',
    '      TOKEN: { from_secret: token }',
    '    reports: [{ junit: "reports/${NODE}/*.xml" }]',
    '    when: { branch: "${NODE}" }',
    '  image:',
    '    kind: build',
    '    tags: ["shop/web:${BERTH_COMMIT_SHORT}-node${NODE}"]',
  ].join('\n'),
  { file: 'p.yaml' },
);

describe('expandMatrix', () => {
  const variants = expandMatrix(spec, { BERTH_COMMIT_SHORT: 'abc1234' });

  it('makes one pipeline per combination, named after its axes', () => {
    expect(variants.map((v) => [v.name, v.axes])).toEqual([
      ['NODE=20 DB=postgres', { NODE: '20', DB: 'postgres' }],
      ['NODE=22 DB=postgres', { NODE: '22', DB: 'postgres' }],
    ]);
  });

  it('substitutes axes and run variables in images, commands, environment, reports and services', () => {
    const [first] = variants;
    const test = first?.spec.steps[0] as RunStep;
    expect(test.image).toBe('node:20');
    expect(test.commands).toEqual(['echo 20 $HOME $PATH', 'echo postgres']);
    expect(test.environment).toEqual({ TARGET: 'node20', TOKEN: { fromSecret: 'token' } });
    expect(test.reports[0]?.path).toBe('reports/20/*.xml');
    expect((first?.spec.steps[1] as BuildStep).tags).toEqual(['shop/web:abc1234-node20']);
    expect(first?.spec.services[0]?.image).toBe('postgres:16');
  });

  it('never substitutes in conditions', () => {
    expect(variants[0]?.spec.steps[0]?.when[0]?.branch?.include).toEqual(['${NODE}']);
  });

  it('leaves run variables it was not given as written', () => {
    const [first] = expandMatrix(spec);
    expect((first?.spec.steps[1] as BuildStep).tags).toEqual(['shop/web:${BERTH_COMMIT_SHORT}-node20']);
  });

  it('returns one frozen pipeline without matrix axes when there is no matrix', () => {
    const plain = loadPipeline('steps:\n  a: { image: "x:${BERTH_BRANCH}" }\n', { file: 'p.yaml' });
    const [only, ...rest] = expandMatrix(plain, { BERTH_BRANCH: 'main' });
    expect(rest).toEqual([]);
    expect(only?.name).toBe('');
    expect((only?.spec.steps[0] as RunStep).image).toBe('x:main');
    expect(Object.isFrozen(only?.spec.steps[0])).toBe(true);
  });

  it('does not change the spec it expands', () => {
    expect((spec.steps[0] as RunStep).image).toBe('node:${NODE}');
    expect(spec.matrix).toHaveLength(2);
    expect(variants[0]?.spec.matrix).toEqual([]);
  });
});
