import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { TemplateMiner } from '../patterns/index.js';
import { Anomaly, groupSessions, hdfsBlockKeys, SessionDetector } from './index.js';
import { hdfsLikeSessions, withNoise } from './testing/synthetic-sessions.js';

describe('SessionDetector', () => {
  it.each(['invariants', 'pca'] as const)(
    'with %s, fit() uses no labels and detect() finds the anomalous sessions',
    (method) => {
      // Background noise templates give PCA a residual space. At 1 % errors instead of 0.2 %, the TF-IDF-weighted error
      // template carries enough variance to become a principal component and PCA misses every error session.
      const generated = hdfsLikeSessions(2000, { error: 4 }, 3);
      const sessions = withNoise(generated.sessions, 12, 0.3);
      const { anomalous } = generated;
      const detector = SessionDetector.fit(sessions, { method });
      const flagged = new Set(detector.detect(sessions).map((a) => a.key));
      expect([...anomalous].every((k) => flagged.has(k))).toBe(true);
      expect(flagged.size).toBeLessThanOrEqual(anomalous.size + 20);
    },
  );

  it('invariants catch a lost acknowledgement that leaves every template present', () => {
    const { sessions, anomalous } = hdfsLikeSessions(1000, { lost: 10 }, 5);
    const flagged = SessionDetector.fit(sessions)
      .detect(sessions)
      .map((a) => a.key);
    expect(new Set(flagged)).toEqual(anomalous);
  });

  it('detect() returns valid session Anomaly events that explain themselves', () => {
    const { sessions } = hdfsLikeSessions(300, { lost: 1 });
    const [anomaly, ...rest] = SessionDetector.fit(sessions).detect(sessions);
    expect(rest).toEqual([]);
    expect(Anomaly.parse(anomaly)).toEqual(anomaly);
    expect(anomaly).toMatchObject({
      kind: 'session',
      key: 'lost0',
      atMs: sessions.find((s) => s.key === 'lost0')?.endMs,
      details: { method: 'invariants', threshold: 0, segment: 0 },
    });
    expect(anomaly?.message).toMatch(
      /^Session lost0 \(\d+ lines\) looks anomalous: count\(recv\) = count\(ack\) broken/,
    );
    expect(anomaly?.kind === 'session' && anomaly.details.reasons.length).toBe(anomaly?.score);
  });

  it('a model fitted on an early period flags later sessions with templates it never saw', () => {
    const early = hdfsLikeSessions(500).sessions;
    const later = hdfsLikeSessions(200, { error: 4 }, 9).sessions;
    const detector = SessionDetector.fit(early);
    expect(detector.detect(later).map((a) => a.key)).toEqual(['err0', 'err1', 'err2', 'err3']);
  });

  it('reports its threshold and how it was chosen', () => {
    const { sessions } = hdfsLikeSessions(100);
    expect(SessionDetector.fit(sessions).threshold.rule).toMatch(
      /^breaks >= 1 of \d+ invariants mined at support >= 0.98/,
    );
    const pca = SessionDetector.fit(sessions, { method: 'pca' }).threshold;
    expect(pca.rule).toMatch(/Q-statistic .* alpha 0.001/);
    expect(pca.value).toBeGreaterThan(0);
  });

  it('works on mined log lines: a block whose replicas never report back is flagged', () => {
    const lines: { atMs: number; text: string }[] = [];
    const write = (block: string, t: number, received: number): void => {
      lines.push({ atMs: t, text: `BLOCK* NameSystem.allocateBlock: /user/f ${block}` });
      for (let r = 0; r < 3; r++)
        lines.push({
          atMs: t + 1,
          text: `Receiving block ${block} src: /10.0.0.${r}:5 dest: /10.0.0.${r}:50010`,
        });
      for (let r = 0; r < received; r++)
        lines.push({ atMs: t + 2, text: `Received block ${block} of size 67108864 from /10.0.0.${r}` });
    };
    for (let i = 0; i < 300; i++) write(`blk_${1000 + i}`, i * 10, 3);
    write('blk_-7', 5000, 1);
    const miner = new TemplateMiner();
    const events = lines.map((l) => ({ ...l, templateId: miner.add(l.text).templateId }));
    const sessions = groupSessions(events, { keysOf: hdfsBlockKeys });
    expect(
      SessionDetector.fit(sessions)
        .detect(sessions)
        .map((a) => a.key),
    ).toEqual(['blk_-7']);
  });

  it('fit() on no sessions throws BERTH_BAD_REQUEST', () => {
    let error: unknown;
    try {
      SessionDetector.fit([]);
    } catch (e) {
      error = e;
    }
    expect(isBerthError(error) && error.code).toBe('BERTH_BAD_REQUEST');
  });
});
