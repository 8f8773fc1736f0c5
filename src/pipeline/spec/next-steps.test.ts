import { describe, expect, it } from 'vitest';
import { loadPipeline } from './load-pipeline.js';
import { nextSteps, runOutcome, type RunState } from './next-steps.js';
import { buildStepGraph } from './step-graph.js';

const pipeline = (...lines: string[]) => loadPipeline(['steps:', ...lines].join('\n'), { file: 'p.yaml' });

const sequential = buildStepGraph(
  pipeline(
    '  a: { image: x }',
    '  b: { image: x }',
    '  c: { image: x, when: { status: [success, failure] } }',
  ),
  { event: 'push', branch: 'main' },
);

const dag = (branch: string) =>
  buildStepGraph(
    pipeline(
      '  build: { image: x }',
      '  test: { image: x, depends_on: [build] }',
      '  lint: { image: x, depends_on: [build], failure: ignore }',
      '  deploy: { image: x, depends_on: [test, lint], when: { branch: main } }',
      '  notify: { image: x, depends_on: [deploy], when: { status: failure } }',
      '  docs: { image: x }',
    ),
    { event: 'push', branch },
  );

describe('nextSteps', () => {
  it.each<[string, RunState, string[], string[]]>([
    ['starts with the first step', {}, ['a'], []],
    ['runs the next step after a success', { succeeded: ['a'] }, ['b'], []],
    ['waits while a step runs', { running: ['a'] }, [], []],
    ['skips the rest after a failure but runs a step that accepts failure', { failed: ['a'] }, ['c'], ['b']],
    ['has nothing left once everything finished', { succeeded: ['a', 'b', 'c'] }, [], []],
  ])('sequential: %s', (_name, state, ready, skip) => {
    expect(nextSteps(sequential, state)).toEqual({ ready, skip });
  });

  it.each<[string, string, RunState, string[], string[]]>([
    ['starts every step without dependencies at once', 'main', {}, ['build', 'docs'], []],
    ['fans out when a dependency succeeds', 'main', { succeeded: ['build', 'docs'] }, ['test', 'lint'], []],
    [
      'waits for every dependency',
      'main',
      { succeeded: ['build', 'docs', 'test'], running: ['lint'] },
      [],
      [],
    ],
    [
      'treats an ignored failure as a success',
      'main',
      { succeeded: ['build', 'docs', 'test'], failed: ['lint'] },
      ['deploy'],
      [],
    ],
    [
      'skips dependents of a failure and runs the failure handler',
      'main',
      { succeeded: ['build', 'docs', 'lint'], failed: ['test'] },
      ['notify'],
      ['deploy'],
    ],
    [
      'skips a step whose when does not hold, and its success-only dependents',
      'dev',
      { succeeded: ['build', 'docs', 'test', 'lint'] },
      [],
      ['deploy', 'notify'],
    ],
    [
      'skips the failure handler when all went well',
      'main',
      { succeeded: ['build', 'docs', 'test', 'lint', 'deploy'] },
      [],
      ['notify'],
    ],
    [
      'skips everything below a failed root',
      'main',
      { failed: ['build'], succeeded: ['docs'] },
      ['notify'],
      ['test', 'lint', 'deploy'],
    ],
  ])('dag: %s', (_name, branch, state, ready, skip) => {
    expect(nextSteps(dag(branch), state)).toEqual({ ready, skip });
  });

  it('drives a whole run to its end when fed its own answers', () => {
    const graph = dag('main');
    const succeeded: string[] = [];
    const skipped: string[] = [];
    const failed: string[] = [];
    const started: string[] = [];
    for (
      let round = 0;
      round < 10 && runOutcome(graph, { succeeded, skipped, failed }) === 'running';
      round++
    ) {
      const { ready, skip } = nextSteps(graph, { succeeded, skipped, failed });
      skipped.push(...skip);
      for (const name of ready) (name === 'test' ? failed : succeeded).push(name);
      started.push(...ready);
    }
    expect(started).toEqual(['build', 'docs', 'test', 'lint', 'notify']);
    expect(skipped).toEqual(['deploy']);
    expect(runOutcome(graph, { succeeded, skipped, failed })).toBe('failure');
  });
});

describe('runOutcome', () => {
  it.each<[string, RunState, string]>([
    ['running while a step has not finished', { succeeded: ['a', 'b'] }, 'running'],
    [
      'success when every step succeeded or was skipped',
      { succeeded: ['a', 'c'], skipped: ['b'] },
      'success',
    ],
    ['failure when a step failed', { succeeded: ['b', 'c'], failed: ['a'] }, 'failure'],
  ])('is %s', (_name, state, outcome) => {
    expect(runOutcome(sequential, state)).toBe(outcome);
  });

  it('is success when the only failure is ignored', () => {
    expect(
      runOutcome(dag('main'), {
        succeeded: ['build', 'test', 'deploy', 'docs'],
        failed: ['lint'],
        skipped: ['notify'],
      }),
    ).toBe('success');
  });
});
