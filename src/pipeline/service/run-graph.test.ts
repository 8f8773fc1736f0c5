import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../spec/index.js';
import { readRunGraph, runGraph } from './run-graph.js';

const load = (text: string) => runGraph(loadPipeline(text, { file: '.berth/pipeline.yaml' }));

describe('runGraph', () => {
  it('chains steps in file order when no step has depends_on', () => {
    const graph = load(
      'steps:\n  a:\n    image: x\n    commands: [make]\n  b:\n    image: x\n    commands: [make]\n',
    );
    expect(graph).toEqual({
      variants: [''],
      steps: [
        { name: 'a', kind: 'run', needs: [] },
        { name: 'b', kind: 'run', needs: ['a'] },
      ],
    });
  });

  it('keeps depends_on as written, with the approval question and the scan policy', () => {
    const graph = load(`steps:
  build:
    image: x
    commands: [make]
  lint:
    image: x
    commands: [make]
  scan:
    kind: scan
    image: web:1
    depends_on: [build]
    policy: { severity: high }
  approve:
    kind: approval
    message: ship it?
    depends_on: [scan, lint]
`);
    expect(graph.steps.map((s) => [s.name, s.needs])).toEqual([
      ['build', []],
      ['lint', []],
      ['scan', ['build']],
      ['approve', ['scan', 'lint']],
    ]);
    expect(graph.steps[2]).toMatchObject({ kind: 'scan', target: 'web:1', policy: { severity: 'high' } });
    expect(graph.steps[3]).toMatchObject({ kind: 'approval', message: 'ship it?', role: 'deployer' });
  });

  it('names one variant per matrix combination, as the recorded steps do', () => {
    const graph = load(
      'matrix:\n  NODE: [20, 22]\nsteps:\n  test:\n    image: node:${NODE}\n    commands: [make]\n',
    );
    expect(graph.variants).toEqual(['NODE=20', 'NODE=22']);
  });
});

describe('readRunGraph', () => {
  it('answers undefined for a run without a pipeline file, or with one that does not load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-graph-'));
    try {
      const file = join(dir, '.berth/pipeline.yaml');
      expect(readRunGraph(file)).toBeUndefined();
      mkdirSync(join(dir, '.berth'));
      writeFileSync(file, 'steps: [not, a, mapping]\n');
      expect(readRunGraph(file)).toBeUndefined();
      writeFileSync(file, 'steps:\n  a:\n    image: x\n    commands: [make]\n');
      expect(readRunGraph(file)?.steps.map((s) => s.name)).toEqual(['a']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
