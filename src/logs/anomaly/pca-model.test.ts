import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { PcaModel, qStatistic } from './index.js';
import type { PcaOptions } from './index.js';
import { seededRandom, session } from './testing/synthetic-sessions.js';

/** Two kinds of normal session (open/close pairs, or one put and two acks) plus small noise over 8 templates. */
function normalSessions(n: number, seed = 7) {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const k = 1 + Math.floor(random() * 3);
    const noise = Object.fromEntries(
      Array.from({ length: 8 }, (_, j) => [`noise${j}`, random() < 0.2 ? 1 : 0]),
    );
    return i % 2 === 0
      ? session(`s${i}`, { open: k, close: k, ...noise })
      : session(`s${i}`, { put: k, ack: 2 * k, ...noise });
  });
}

describe('PcaModel', () => {
  it('flags sessions off the normal space and passes the normal ones', () => {
    const sessions = normalSessions(2000);
    const model = PcaModel.fit(sessions);
    const flagged = sessions.filter((s) => model.score(s).score > model.threshold);
    // Q at alpha 0.001 allows a few false alarms, not many.
    expect(flagged.length).toBeLessThan(sessions.length * 0.01);
    // Counts are TF-IDF weighted (ln 2 for open and close), so the break must stand out from the noise templates.
    const broken = model.score(session('x', { open: 6, close: 0 }));
    expect(broken.score).toBeGreaterThan(model.threshold);
    expect(broken.reasons.join('\n')).toMatch(/count\((open|close)\)/);
    expect(model.score(session('ok', { put: 2, ack: 4 })).score).toBeLessThanOrEqual(model.threshold);
  });

  it('scores a template unseen while fitting as far off the normal space', () => {
    const model = PcaModel.fit(normalSessions(500));
    const scored = model.score(session('x', { open: 1, close: 1, panic: 1 }));
    expect(scored.score).toBeGreaterThan(model.threshold);
    expect(scored.reasons).toContain('template panic never seen while fitting (1 lines)');
  });

  it('describes its threshold rule with alpha and the number of components', () => {
    const model = PcaModel.fit(normalSessions(500), { alpha: 0.01 });
    expect(model.thresholdRule).toContain('alpha 0.01');
    expect(model.thresholdRule).toContain(`${model.components} components`);
    expect(model.threshold).toBeGreaterThan(0);
  });

  it('a smaller alpha gives a higher threshold', () => {
    const sessions = normalSessions(500);
    expect(PcaModel.fit(sessions, { alpha: 0.0001 }).threshold).toBeGreaterThan(
      PcaModel.fit(sessions, { alpha: 0.05 }).threshold,
    );
  });

  it.each<[string, PcaOptions]>([
    ['varianceKept', { varianceKept: 1 }],
    ['varianceKept', { varianceKept: 0 }],
    ['alpha', { alpha: 0 }],
    ['alpha', { alpha: 0.7 }],
  ])('fit() rejects an invalid %s with BERTH_CONFIG', (name, options) => {
    let error: unknown;
    try {
      PcaModel.fit(normalSessions(10), options);
    } catch (e) {
      error = e;
    }
    expect(isBerthError(error) && error.code).toBe('BERTH_CONFIG');
    expect(String(error)).toContain(name);
  });
});

describe('qStatistic', () => {
  it('approximates λ·χ²₁ quantile for one residual eigenvalue (exact: 10.83λ at alpha 0.001)', () => {
    expect(qStatistic([2], 0.001) / (2 * 10.828)).toBeCloseTo(1, 1);
  });

  it('scales linearly with the residual eigenvalues', () => {
    const base = qStatistic([3, 2, 1, 0.5], 0.001);
    expect(qStatistic([30, 20, 10, 5], 0.001)).toBeCloseTo(10 * base, 6);
  });

  it('is 0 without residual variance', () => {
    expect(qStatistic([], 0.001)).toBe(0);
    expect(qStatistic([0, 0], 0.001)).toBe(0);
  });

  it('stays finite and above the mean SPE when one eigenvalue dominates (h0 ≤ 0, Box approximation)', () => {
    const lambdas = [10, ...new Array<number>(100).fill(1)];
    const q = qStatistic(lambdas, 0.001);
    expect(Number.isFinite(q)).toBe(true);
    expect(q).toBeGreaterThan(110);
  });
});
