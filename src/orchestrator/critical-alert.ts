import type { AppEvent } from '../store/index.js';

/**
 * The first critical alert that fired at or after `sinceMs` (issue 5: "firing alerts are events in the
 * API so rollout verification can use them"): a release being verified fails when one fires.
 */
export function criticalAlertSince(events: readonly AppEvent[], sinceMs: number): AppEvent | undefined {
  return events
    .filter((e) => e.kind === 'alert.firing' && e.at >= sinceMs && e.data?.['severity'] === 'critical')
    .sort((a, b) => a.at - b.at)[0];
}
