import { describe, expect, it } from 'vitest';
import { dagColumns, variantsOf } from './dag-layout';
import { refLabel, runWindow, triggerLabel } from './run-format';
import { maxLinesPerStep, parseRunEvent, RunStream, stepKey } from './run-stream';
import type { RunGraph, StepRecord } from './types';

const record = (name: string, status: string, variant = ''): StepRecord => ({
  variant,
  name,
  kind: 'run',
  status,
  exitCode: null,
  startedAt: 1,
  finishedAt: null,
  message: null,
  reports: null,
  artifacts: null,
  decidedBy: null,
});

const graph: RunGraph = {
  variants: [''],
  steps: [
    { name: 'build', kind: 'build', needs: [] },
    { name: 'test', kind: 'run', needs: ['build'] },
    { name: 'lint', kind: 'run', needs: ['build'] },
    { name: 'approve', kind: 'approval', needs: ['test', 'lint'], message: 'ship it?' },
    { name: 'deploy', kind: 'deploy', needs: ['approve'] },
  ],
};

describe('dagColumns', () => {
  it('puts each step one column right of the furthest step it needs', () => {
    const columns = dagColumns(graph, [record('build', 'success')], '');
    expect(columns.map((c) => c.map((n) => n.name))).toEqual([
      ['build'],
      ['test', 'lint'],
      ['approve'],
      ['deploy'],
    ]);
    expect(columns[0]?.[0]?.record?.status).toBe('success');
    expect(columns[1]?.[0]?.record).toBeUndefined();
    expect(columns[2]?.[0]?.detail).toBe('ship it?');
  });

  it('draws a step with a long chain and a short one at the depth of the long one', () => {
    const g: RunGraph = {
      variants: [''],
      steps: [
        { name: 'a', kind: 'run', needs: [] },
        { name: 'b', kind: 'run', needs: ['a'] },
        { name: 'c', kind: 'run', needs: ['a', 'b'] },
      ],
    };
    expect(dagColumns(g, [], '').map((c) => c.map((n) => n.name))).toEqual([['a'], ['b'], ['c']]);
  });

  it('shows recorded steps in start order without a graph, and unknown ones in a last column', () => {
    expect(dagColumns(null, [record('x', 'success'), record('y', 'running')], '')).toHaveLength(2);
    const extra = dagColumns(graph, [record('renamed', 'failure')], '');
    expect(extra.at(-1)?.map((n) => n.name)).toEqual(['renamed']);
  });

  it('keeps only the chosen matrix variant', () => {
    const records = [record('build', 'success', 'NODE=20'), record('build', 'failure', 'NODE=22')];
    expect(dagColumns(graph, records, 'NODE=22')[0]?.[0]?.record?.status).toBe('failure');
    expect(variantsOf(null, records)).toEqual(['NODE=20', 'NODE=22']);
    expect(variantsOf(null, [])).toEqual(['']);
  });
});

describe('RunStream', () => {
  it('keeps each step’s lines and status, and forgets everything on reset (the stream replays)', () => {
    const live = new RunStream();
    live.apply({ type: 'run', status: 'running' });
    live.apply({ type: 'step', variant: '', step: 'test', status: 'running' });
    live.apply({ type: 'log', variant: '', step: 'test', stream: 'stdout', text: 'ok 1' });
    live.apply({ type: 'log', variant: '', step: 'test', stream: 'stderr', text: 'warn' });
    const key = stepKey('', 'test');
    expect(live.lines(key)).toEqual([
      { n: 1, stream: 'stdout', text: 'ok 1' },
      { n: 2, stream: 'stderr', text: 'warn' },
    ]);
    expect(live.step(key)?.status).toBe('running');
    expect(live.run?.status).toBe('running');
    live.reset();
    expect(live.lines(key)).toEqual([]);
    expect(live.run).toBeUndefined();
  });

  it('keeps at most the newest lines of a chatty step and still counts every line', () => {
    const live = new RunStream();
    const n = maxLinesPerStep * 2;
    for (let i = 1; i <= n; i++) {
      live.apply({ type: 'log', variant: '', step: 'b', stream: 'stdout', text: `line ${i}` });
    }
    const lines = live.lines(stepKey('', 'b'));
    expect(lines.length).toBeLessThanOrEqual(maxLinesPerStep * 1.1);
    expect(lines.at(-1)?.text).toBe(`line ${n}`);
    expect(live.total(stepKey('', 'b'))).toBe(n);
  });

  it('ignores data that is not a run event', () => {
    expect(
      parseRunEvent('{"type":"log","variant":"","step":"a","stream":"stdout","text":"x"}'),
    ).toMatchObject({
      type: 'log',
    });
    expect(parseRunEvent('{"id":3,"status":"success"}')).toBeUndefined();
    expect(parseRunEvent('not json')).toBeUndefined();
  });
});

describe('run formatting and paging', () => {
  it.each([
    [95, 1, 20, { before: 96, from: 76, pageCount: 5 }],
    [95, 5, 20, { before: 16, from: 1, pageCount: 5 }],
    [95, 9, 20, { before: 16, from: 1, pageCount: 5 }],
    [0, 1, 20, { before: 1, from: 1, pageCount: 1 }],
  ])('runWindow(%i, page %i, size %i) is %o', (newest, page, size, expected) => {
    expect(runWindow(newest, page, size)).toEqual(expected);
  });

  it('names refs and triggers as a user reads them', () => {
    expect(refLabel({ ref: 'refs/heads/main', trigger: { sender: 'ada' } })).toBe('main');
    expect(refLabel({ ref: 'refs/tags/v1.2', trigger: { sender: 'ada' } })).toBe('v1.2');
    expect(refLabel({ ref: null, trigger: { sender: 'ada' } })).toBe('default branch');
    expect(triggerLabel({ event: 'push', trigger: { sender: 'ada' } })).toBe('push by ada');
    expect(triggerLabel({ event: 'cron', trigger: { sender: 'cron', cron: 'nightly' } })).toBe(
      'cron nightly',
    );
  });
});
