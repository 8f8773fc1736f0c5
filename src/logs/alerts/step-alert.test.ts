import { describe, expect, it } from 'vitest';
import { stepAlert, type ActiveAlert } from './step-alert.js';

const web = { service: 'web' };

function run(forMs: number, evaluations: [number, number | undefined][]) {
  let active = new Map<string, ActiveAlert>();
  const log: string[] = [];
  for (const [now, value] of evaluations) {
    const step = stepAlert(active, value === undefined ? [] : [{ labels: web, value }], forMs, now);
    active = step.active;
    log.push(
      [...active.values()].map((a) => a.state).join(',') +
        step.transitions.map((t) => ` ${t.kind}@${t.atMs}`).join(''),
    );
  }
  return log;
}

describe('stepAlert', () => {
  it('is pending until the condition held for "for", then fires once', () => {
    expect(
      run(30_000, [
        [0, 7],
        [15_000, 9],
        [30_000, 8],
        [45_000, 8],
      ]),
    ).toEqual(['pending', 'pending', 'firing firing@30000', 'firing']);
  });

  it('resets a pending alert whose condition stopped holding', () => {
    expect(
      run(30_000, [
        [0, 7],
        [15_000, undefined],
        [30_000, 8],
        [45_000, 8],
      ]),
    ).toEqual(['pending', '', 'pending', 'pending']);
  });

  it('fires at once without "for" and resolves when the series disappears', () => {
    expect(
      run(0, [
        [0, 7],
        [15_000, undefined],
        [30_000, undefined],
      ]),
    ).toEqual(['firing firing@0', ' resolved@15000', '']);
  });

  it('tracks each label set on its own', () => {
    const first = stepAlert(new Map(), [{ labels: { path: '/a' }, value: 1 }], 0, 0);
    const second = stepAlert(first.active, [{ labels: { path: '/b' }, value: 1 }], 0, 10);
    expect(second.transitions.map((t) => `${t.kind} ${t.labels['path'] ?? ''}`)).toEqual([
      'firing /b',
      'resolved /a',
    ]);
  });
});
