import { describe, expect, it } from 'vitest';
import { artifactSelector, planArtifacts } from './plan-artifacts.js';

const files = (...entries: [string, number][]) => entries.map(([path, size]) => ({ path, size }));

describe('planArtifacts', () => {
  it('keeps every file within the limits, in path order', () => {
    const plan = planArtifacts(files(['b', 10], ['a', 20]), { maxBytes: 100, maxFiles: 10 });
    expect(plan.keep.map((f) => f.path)).toEqual(['a', 'b']);
    expect(plan.dropped).toEqual([]);
    expect(plan.keptBytes).toBe(30);
  });

  it('skips a file that would pass the byte limit but keeps smaller ones after it', () => {
    const plan = planArtifacts(files(['a', 60], ['b', 50], ['c', 40]), { maxBytes: 100, maxFiles: 10 });
    expect(plan.keep.map((f) => f.path)).toEqual(['a', 'c']);
    expect(plan.dropped.map((f) => f.path)).toEqual(['b']);
    expect(plan.keptBytes).toBe(100);
  });

  it('stops at the file limit', () => {
    const plan = planArtifacts(files(['a', 1], ['b', 1], ['c', 1]), { maxBytes: 100, maxFiles: 2 });
    expect(plan.dropped.map((f) => f.path)).toEqual(['c']);
  });
});

describe('artifactSelector', () => {
  it.each([
    [['dist'], 'dist/js/app.js', true],
    [['coverage/**'], 'coverage/lcov.info', true],
    [['*.log'], 'build.log', true],
    [['*.log'], 'logs/build.log', false],
    [['**/*.log'], 'logs/build.log', true],
    [['../dist'], 'dist/app.js', false],
    [['/dist'], 'dist/app.js', false],
  ])('%j selects %j: %s', (patterns, path, selected) => {
    expect(artifactSelector(patterns)(path)).toBe(selected);
  });
});
