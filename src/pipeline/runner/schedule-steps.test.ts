import { describe, expect, it } from 'vitest';
import { buildStepGraph, loadPipeline } from '../spec/index.js';
import { scheduleSteps, type SkipReason } from './schedule-steps.js';

const graphOf = (...lines: string[]) =>
  buildStepGraph(loadPipeline(lines.join('\n'), { file: '.berth/pipeline.yaml' }), {
    event: 'push',
    branch: 'main',
  });

const step = (name: string, extra: string[] = []) => [
  `  ${name}:`,
  '    image: alpine',
  '    commands: [x]',
  ...extra,
];

/** Runs a graph with steps that take `ms` and end as `outcomes` says (default success). */
async function schedule(
  graph: ReturnType<typeof graphOf>,
  options: { maxParallel?: number; outcomes?: Record<string, 'success' | 'failure'>; ms?: number } = {},
  signal = new AbortController().signal,
) {
  const log: string[] = [];
  const skips: [string, SkipReason][] = [];
  let running = 0;
  let peak = 0;
  const result = await scheduleSteps(
    graph,
    {
      maxParallel: options.maxParallel ?? 2,
      execute: async (name, runSignal) => {
        log.push(`start ${name}`);
        peak = Math.max(peak, ++running);
        const stopped = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), options.ms ?? 5);
          runSignal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        running--;
        log.push(`end ${name}`);
        return stopped ? 'cancelled' : (options.outcomes?.[name] ?? 'success');
      },
      onSkip: (name, reason) => skips.push([name, reason]),
    },
    signal,
  );
  return { result, log, skips, peak, steps: Object.fromEntries(result.steps) };
}

describe('scheduleSteps', () => {
  it('runs sequential steps one after another', async () => {
    const { log, result } = await schedule(graphOf('steps:', ...step('a'), ...step('b'), ...step('c')));
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(result.status).toBe('success');
  });

  it('runs independent DAG branches together up to the parallel limit', async () => {
    const graph = graphOf(
      'steps:',
      ...step('a', ['    depends_on: []']),
      ...step('b', ['    depends_on: []']),
      ...step('c', ['    depends_on: []']),
      ...step('d', ['    depends_on: [a, b, c]']),
    );
    expect((await schedule(graph, { maxParallel: 2 })).peak).toBe(2);
    expect((await schedule(graph, { maxParallel: 3 })).peak).toBe(3);
    const sequential = await schedule(graph, { maxParallel: 1 });
    expect(sequential.peak).toBe(1);
    expect(sequential.log.at(-2)).toBe('start d');
  });

  it('skips the steps after a failure, but runs a step that waits for failures', async () => {
    const { steps, skips, result } = await schedule(
      graphOf(
        'steps:',
        ...step('build'),
        ...step('test'),
        ...step('deploy'),
        ...step('notify', ['    when: { status: [success, failure] }']),
      ),
      { outcomes: { build: 'failure' } },
    );
    expect(steps).toEqual({ build: 'failure', test: 'skipped', deploy: 'skipped', notify: 'success' });
    expect(skips).toEqual([
      ['test', 'condition'],
      ['deploy', 'condition'],
    ]);
    expect(result.status).toBe('failure');
  });

  it('lets the run succeed past a step whose failure is ignored', async () => {
    const { steps, result } = await schedule(
      graphOf('steps:', ...step('lint', ['    failure: ignore']), ...step('test')),
      { outcomes: { lint: 'failure' } },
    );
    expect(steps).toEqual({ lint: 'failure', test: 'success' });
    expect(result.status).toBe('success');
  });

  it('on cancel stops waiting, starts nothing new and skips the rest as cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const { steps, skips, result } = await schedule(
      graphOf(
        'steps:',
        ...step('slow'),
        ...step('next'),
        ...step('notify', ['    when: { status: failure }']),
      ),
      { ms: 10_000 },
      controller.signal,
    );
    expect(result.status).toBe('cancelled');
    expect(steps).toEqual({ slow: 'cancelled', next: 'skipped', notify: 'skipped' });
    expect(skips).toEqual([
      ['next', 'cancelled'],
      ['notify', 'cancelled'],
    ]);
  });

  it('counts a step that throws as failed', async () => {
    const graph = graphOf('steps:', ...step('a'), ...step('b'));
    const result = await scheduleSteps(
      graph,
      { maxParallel: 2, execute: () => Promise.reject(new Error('boom')), onSkip: () => undefined },
      new AbortController().signal,
    );
    expect(Object.fromEntries(result.steps)).toEqual({ a: 'failure', b: 'skipped' });
  });
});
