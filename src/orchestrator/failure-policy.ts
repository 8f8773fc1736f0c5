import type { UpdateConfigSpec } from '../app/index.js';

/** The failed update tasks of one service being updated, with its `update_config`. */
export interface ServiceUpdate {
  service: string;
  /** Slots being updated: the failure ratio's denominator (Swarm's dirty slots). */
  slots: number;
  failureAction: UpdateConfigSpec['failureAction'];
  maxFailureRatio: number;
  /** Why each failed replacement replica counts as failed (not counting those a resume acknowledged). */
  failed: readonly string[];
}

/**
 * What to do about failed update tasks: nothing failed (`none`), failures within `max_failure_ratio`
 * (`tolerate`), or the service's `failure_action` once the ratio is exceeded.
 */
export type FailureDecision =
  | { action: 'none' }
  | { action: 'tolerate' | 'continue' | 'pause' | 'rollback'; service: string; why: string };

const severity = { none: 0, tolerate: 1, continue: 2, pause: 3, rollback: 4 } as const;

/**
 * Swarm's rule (swarmkit `updater.go`): once failed tasks / updated slots is **greater than**
 * `max_failure_ratio`, `failure_action` applies — `pause` stops the update, `rollback` goes back,
 * `continue` goes on. With the default ratio 0 the first failure decides. Across services the most
 * severe decision wins (rollback > pause > continue > tolerate). Pure.
 *
 * @example
 * decideFailureAction([{ service: 'web', slots: 4, failureAction: 'pause', maxFailureRatio: 0.25,
 *   failed: ['web.1 exited'] }]); // tolerate: 1 of 4 is not above 0.25
 */
export function decideFailureAction(updates: readonly ServiceUpdate[]): FailureDecision {
  let decision: FailureDecision = { action: 'none' };
  for (const update of updates) {
    if (update.failed.length === 0) continue;
    const slots = Math.max(1, update.slots);
    const exceeded = update.failed.length / slots > update.maxFailureRatio;
    const action = exceeded ? update.failureAction : 'tolerate';
    const verdict = exceeded ? `failure_action: ${update.failureAction}` : 'tolerated';
    const why = `${update.failed.length} of ${slots} replacement replicas of ${update.service} failed (max_failure_ratio ${update.maxFailureRatio}, ${verdict}): ${update.failed.join('; ')}`;
    if (severity[action] > severity[decision.action]) decision = { action, service: update.service, why };
  }
  return decision;
}
