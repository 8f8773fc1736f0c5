import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { describeInvariant, InvariantModel } from './index.js';
import type { InvariantOptions } from './index.js';
import { hdfsLikeSessions, session } from './testing/synthetic-sessions.js';

const relations = (model: InvariantModel): string[] => model.invariants.map(describeInvariant);

describe('InvariantModel', () => {
  it('fit() mines the count relations that hold in every normal session, without labels', () => {
    const { sessions } = hdfsLikeSessions(500, { lost: 5, error: 3 });
    const model = InvariantModel.fit(sessions);
    expect(relations(model)).toEqual(
      expect.arrayContaining(['count(recv) = count(ack)', 'count(ack) = count(stored)', 'count(err) = 0']),
    );
    // The variable read count takes part in no invariant.
    expect(relations(model).some((r) => r.includes('read'))).toBe(false);
  });

  it('finds relations with coefficients other than 1', () => {
    const sessions = Array.from({ length: 200 }, (_, i) =>
      session(`s${i}`, { open: 1 + (i % 4), chunk: 3 * (1 + (i % 4)) }),
    );
    expect(relations(InvariantModel.fit(sessions))).toEqual(['3 × count(open) = count(chunk)']);
  });

  it('score() counts the broken invariants of a session and explains each with its counts', () => {
    const { sessions } = hdfsLikeSessions(300);
    const model = InvariantModel.fit(sessions);
    expect(model.score(session('ok', { alloc: 1, recv: 3, ack: 3, stored: 3, read: 2 }))).toEqual({
      score: 0,
      reasons: [],
    });
    const lost = model.score(session('lost', { alloc: 1, recv: 3, ack: 2, stored: 2 }));
    expect(lost.score).toBeGreaterThan(0);
    expect(lost.reasons).toContain('count(recv) = count(ack) broken (recv=3, ack=2)');
  });

  it('score() counts every template never seen while fitting as broken', () => {
    const model = InvariantModel.fit(hdfsLikeSessions(100).sessions);
    const scored = model.score(session('x', { alloc: 1, recv: 2, ack: 2, stored: 2, panic: 4 }));
    expect(scored).toEqual({ score: 1, reasons: ['template panic never seen while fitting (4 lines)'] });
  });

  it('a relation broken in more than 1 − minSupport of sessions is not an invariant', () => {
    // recv = ack holds in 95 % of sessions: an invariant at support 0.9, not at 0.98.
    const { sessions } = hdfsLikeSessions(95, { lost: 5 });
    expect(relations(InvariantModel.fit(sessions, { minSupport: 0.9 }))).toContain(
      'count(recv) = count(ack)',
    );
    expect(relations(InvariantModel.fit(sessions, { minSupport: 0.98 }))).not.toContain(
      'count(recv) = count(ack)',
    );
  });

  it('reports each invariant with the share of sessions where it held', () => {
    const { sessions } = hdfsLikeSessions(99, { error: 1 });
    const err = InvariantModel.fit(sessions).invariants.find((i) => i.terms[0]?.templateId === 'err');
    expect(err?.support).toBeCloseTo(0.99, 9);
  });

  it('skips supersets of a found invariant', () => {
    const { sessions } = hdfsLikeSessions(200);
    const model = InvariantModel.fit(sessions);
    // recv = ack and ack = stored are found, so no three-term relation over recv, ack, stored is added.
    expect(model.invariants.every((i) => i.terms.length <= 2)).toBe(true);
  });

  it.each<[string, InvariantOptions]>([
    ['minSupport', { minSupport: 0.4 }],
    ['minSupport', { minSupport: 1.5 }],
    ['maxTerms', { maxTerms: 0 }],
    ['maxCoefficient', { maxCoefficient: 1.5 }],
    ['maxTemplates', { maxTemplates: -1 }],
  ])('fit() rejects an invalid %s with BERTH_CONFIG', (name, options) => {
    let error: unknown;
    try {
      InvariantModel.fit([], options);
    } catch (e) {
      error = e;
    }
    expect(isBerthError(error) && error.code).toBe('BERTH_CONFIG');
    expect(String(error)).toContain(name);
  });
});

describe('describeInvariant', () => {
  it.each([
    [[{ templateId: 'T7', coefficient: 1 }], 'count(T7) = 0'],
    [
      [
        { templateId: 'T1', coefficient: -1 },
        { templateId: 'T2', coefficient: 3 },
      ],
      '3 × count(T2) = count(T1)',
    ],
    [
      [
        { templateId: 'a', coefficient: 2 },
        { templateId: 'b', coefficient: -1 },
        { templateId: 'c', coefficient: -1 },
      ],
      '2 × count(a) = count(b) + count(c)',
    ],
  ])('writes %j as %s', (terms, text) => {
    expect(describeInvariant({ terms, support: 1 })).toBe(text);
  });
});
