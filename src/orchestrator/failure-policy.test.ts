import { describe, expect, it } from 'vitest';
import { decideFailureAction, type ServiceUpdate } from './failure-policy.js';

const update = (over: Partial<ServiceUpdate> = {}): ServiceUpdate => ({
  service: 'web',
  slots: 4,
  failureAction: 'rollback',
  maxFailureRatio: 0,
  failed: [],
  ...over,
});

const failed = (n: number): string[] => Array.from({ length: n }, (_, i) => `web.${i + 1} exited`);

describe('decideFailureAction (update_config.failure_action and max_failure_ratio)', () => {
  it.each([
    ['no failure', update(), 'none'],
    ['the first failure with the default ratio 0 and rollback', update({ failed: failed(1) }), 'rollback'],
    ['pause', update({ failureAction: 'pause', failed: failed(1) }), 'pause'],
    ['continue', update({ failureAction: 'continue', failed: failed(1) }), 'continue'],
    ['1 of 4 at ratio 0.25 (not greater)', update({ maxFailureRatio: 0.25, failed: failed(1) }), 'tolerate'],
    ['2 of 4 at ratio 0.25', update({ maxFailureRatio: 0.25, failed: failed(2) }), 'rollback'],
    ['4 of 4 at ratio 1', update({ maxFailureRatio: 1, failed: failed(4) }), 'tolerate'],
    ['a failure with 0 slots (counted as 1)', update({ slots: 0, failed: failed(1) }), 'rollback'],
  ] as const)('%s -> %s', (_what, input, action) => {
    expect(decideFailureAction([input]).action).toBe(action);
  });

  it('says how many of how many failed, the ratio, the action and each failure', () => {
    const decision = decideFailureAction([
      update({ slots: 2, failureAction: 'pause', failed: ['shop-web-1-ab exited with code 1'] }),
    ]);
    expect(decision).toEqual({
      action: 'pause',
      service: 'web',
      why: '1 of 2 replacement replicas of web failed (max_failure_ratio 0, failure_action: pause): shop-web-1-ab exited with code 1',
    });
  });

  it('takes the most severe decision across services (rollback over pause over continue)', () => {
    const decision = decideFailureAction([
      update({ service: 'api', failureAction: 'continue', failed: failed(1) }),
      update({ service: 'web', failureAction: 'pause', failed: failed(1) }),
      update({ service: 'jobs', maxFailureRatio: 0.5, failed: failed(1) }),
    ]);
    expect(decision).toMatchObject({ action: 'pause', service: 'web' });
  });
});
