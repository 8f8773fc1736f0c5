import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { Anomaly, NewTemplateDetector } from './index.js';
import type { NewTemplateDetectorOptions } from './index.js';

const line = (templateId: string, template: string, atMs: number) => ({ templateId, template, atMs });
const RELEASE = 1_000;

function released(options: NewTemplateDetectorOptions = {}): NewTemplateDetector {
  const detector = new NewTemplateDetector(options);
  detector.observe(line('T1', 'GET <*> took <*> ms', 10));
  detector.observe(line('T2', 'connected to <*>', 20));
  detector.release('r7', RELEASE);
  return detector;
}

describe('NewTemplateDetector', () => {
  it('reports a template unlike any earlier one at its first line after the release', () => {
    const detector = released();
    expect(detector.observe(line('T1', 'GET <*> took <*> ms', 1_100))).toBeUndefined();
    const anomaly = detector.observe(line('T3', 'panic: nil pointer dereference', 1_200));
    expect(anomaly).toEqual({
      kind: 'new-template',
      key: 'T3',
      atMs: 1_200,
      score: 1,
      message:
        'New log template after release r7: "panic: nil pointer dereference" (1 lines, resembling no earlier template).',
      details: {
        templateId: 'T3',
        template: 'panic: nil pointer dereference',
        count: 1,
        firstSeenMs: 1_200,
        releaseId: 'r7',
        releaseAtMs: RELEASE,
        nearest: null,
      },
    });
    expect(Anomaly.parse(anomaly)).toEqual(anomaly);
  });

  it('reports a near-duplicate of an earlier template only at its minCount-th line, and only once', () => {
    const detector = released({ minCount: 3 });
    const reworded = line('T4', 'GET <*> took <*> s', 1_100);
    expect(detector.observe(reworded)).toBeUndefined();
    expect(detector.observe({ ...reworded, atMs: 1_200 })).toBeUndefined();
    const third = detector.observe({ ...reworded, atMs: 1_300 });
    expect(third?.details).toMatchObject({
      count: 3,
      firstSeenMs: 1_100,
      nearest: { templateId: 'T1', template: 'GET <*> took <*> ms', similarity: 0.8 },
    });
    expect(third?.score).toBeCloseTo(0.2, 9);
    expect(third?.message).toContain('nearest earlier template T1 at similarity 0.80');
    expect(detector.observe({ ...reworded, atMs: 1_400 })).toBeUndefined();
  });

  it.each([
    [0.8, 'near-duplicate, waits', undefined],
    [0.9, 'not similar enough to be a near-duplicate, reported', 'T4'],
  ])('nearDuplicateSimilarity %f: a 0.8-similar template is a %s', (nearDuplicateSimilarity, _case, key) => {
    const detector = released({ nearDuplicateSimilarity });
    expect(detector.observe(line('T4', 'GET <*> took <*> s', 1_100))?.key).toBe(key);
  });

  it('lines stamped before the release boundary teach the known set, even when they arrive late', () => {
    const detector = released();
    expect(detector.observe(line('T5', 'shutting down', 900))).toBeUndefined();
    expect(detector.observe(line('T5', 'shutting down', 1_500))).toBeUndefined();
    expect(detector.newTemplates()).toEqual([]);
  });

  it('reports nothing before the first release', () => {
    const detector = new NewTemplateDetector();
    expect(detector.observe(line('T1', 'anything', 1))).toBeUndefined();
    expect(detector.newTemplates()).toEqual([]);
  });

  it('a later release makes the templates new in the previous one known', () => {
    const detector = released();
    detector.observe(line('T3', 'panic: <*>', 1_100));
    expect(detector.newTemplates()).toEqual(['T3']);
    detector.release('r8', 2_000);
    expect(detector.newTemplates()).toEqual([]);
    expect(detector.observe(line('T3', 'panic: <*>', 2_100))).toBeUndefined();
  });

  it('learn() restores a known template list, e.g. after a daemon restart', () => {
    const detector = new NewTemplateDetector();
    detector.learn([{ templateId: 'T1', template: 'ready' }]);
    detector.release('r2', 0);
    expect(detector.observe(line('T1', 'ready', 5))).toBeUndefined();
    expect(detector.observe(line('T2', 'failed to bind <*>', 6))?.key).toBe('T2');
  });

  it.each<[string, NewTemplateDetectorOptions]>([
    ['minCount', { minCount: 0 }],
    ['minCount', { minCount: 1.5 }],
    ['nearDuplicateSimilarity', { nearDuplicateSimilarity: 0 }],
    ['nearDuplicateSimilarity', { nearDuplicateSimilarity: 1.1 }],
  ])('rejects an invalid %s with BERTH_CONFIG', (name, options) => {
    let error: unknown;
    try {
      new NewTemplateDetector(options);
    } catch (e) {
      error = e;
    }
    expect(isBerthError(error) && error.code).toBe('BERTH_CONFIG');
    expect(String(error)).toContain(name);
  });
});
