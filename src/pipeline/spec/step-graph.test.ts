import { describe, expect, it } from 'vitest';
import { loadPipeline } from './load-pipeline.js';
import { buildStepGraph, findDependencyProblem } from './step-graph.js';

const pipeline = (...lines: string[]) => loadPipeline(['steps:', ...lines].join('\n'), { file: 'p.yaml' });
const push = { event: 'push', branch: 'main' } as const;

describe('buildStepGraph', () => {
  it('chains steps in file order when no step declares depends_on', () => {
    const graph = buildStepGraph(
      pipeline('  c: { image: x }', '  a: { image: x }', '  b: { image: x }'),
      push,
    );
    expect(graph.order).toEqual(['c', 'a', 'b']);
    expect(graph.nodes['a']?.needs).toEqual(['c']);
    expect(graph.nodes['b']?.ancestors).toEqual(['c', 'a']);
  });

  it('uses depends_on alone once any step declares it; steps without it need nothing', () => {
    const graph = buildStepGraph(
      pipeline(
        '  deploy: { image: x, depends_on: [test, lint] }',
        '  test: { image: x, depends_on: [build] }',
        '  build: { image: x }',
        '  lint: { image: x, depends_on: [build] }',
        '  docs: { image: x }',
      ),
      push,
    );
    expect(graph.order).toEqual(['build', 'test', 'lint', 'deploy', 'docs']);
    expect(graph.nodes['docs']?.needs).toEqual([]);
    expect(graph.nodes['deploy']?.ancestors).toEqual(['test', 'build', 'lint']);
  });

  it('works out the statuses each step runs at from its when and the trigger', () => {
    const spec = pipeline(
      '  a: { image: x }',
      '  b: { image: x, when: { branch: main } }',
      '  c: { image: x, when: { status: [success, failure] } }',
      '  d: { image: x, when: [{ event: tag }, { branch: dev, status: failure }] }',
    );
    const runsOn = (trigger: Parameters<typeof buildStepGraph>[1]) =>
      Object.values(buildStepGraph(spec, trigger).nodes).map((n) => [n.name, n.runsOn]);
    expect(runsOn(push)).toEqual([
      ['a', ['success']],
      ['b', ['success']],
      ['c', ['success', 'failure']],
      ['d', []],
    ]);
    expect(runsOn({ event: 'push', branch: 'dev' })).toEqual([
      ['a', ['success']],
      ['b', []],
      ['c', ['success', 'failure']],
      ['d', ['failure']],
    ]);
  });

  it('refuses a hand-made spec whose dependencies form a cycle', () => {
    const base = {
      when: [],
      timeoutMs: 1,
      ignoreFailure: false,
      kind: 'approval',
      role: 'deployer',
    } as const;
    const steps = [
      { ...base, name: 'a', dependsOn: ['b'] },
      { ...base, name: 'b', dependsOn: ['a'] },
    ];
    expect(() => buildStepGraph({ steps, dag: true }, push)).toThrow('steps: dependency cycle a -> b -> a');
  });
});

describe('findDependencyProblem', () => {
  const step = (name: string, ...dependsOn: string[]) => ({ name, dependsOn });
  it.each([
    ['no problem', [step('a'), step('b', 'a')], undefined],
    [
      'an unknown name',
      [step('a'), step('b', 'a', 'x')],
      { kind: 'unknown', step: 'b', index: 1, name: 'x' },
    ],
    ['a self-dependency', [step('a', 'a')], { kind: 'self', step: 'a', index: 0 }],
    ['a two-step cycle', [step('a', 'b'), step('b', 'a')], { kind: 'cycle', cycle: ['a', 'b', 'a'] }],
    [
      'a cycle behind a tail',
      [step('t', 'a'), step('a', 'b'), step('b', 'c'), step('c', 'a')],
      { kind: 'cycle', cycle: ['a', 'b', 'c', 'a'] },
    ],
    ['a diamond (no cycle)', [step('a'), step('b', 'a'), step('c', 'a'), step('d', 'b', 'c')], undefined],
  ])('finds %s', (_name, steps, expected) => {
    expect(findDependencyProblem(steps)).toEqual(expected);
  });
});
