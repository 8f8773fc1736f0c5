import type { AutoscaleState, ScaleEvent } from './autoscale-state.js';
import type { ScalingBehavior, ScalingRules } from './behavior.js';

/**
 * horizontal.go `getReplicasChangePerPeriod`: replicas added (or removed) by events younger than the
 * period. The period is open at the old end: an event exactly `periodMs` old no longer counts.
 *
 * @example
 * replicasChangePerPeriod(15_000, [{ change: 4, atMs: 0, outdated: false }], 10_000); // 4
 */
export function replicasChangePerPeriod(
  periodMs: number,
  events: readonly ScaleEvent[],
  nowMs: number,
): number {
  const cutoffMs = nowMs - periodMs;
  let change = 0;
  for (const event of events) if (event.atMs > cutoffMs) change += event.change;
  return change;
}

/**
 * horizontal.go `calculateScaleUpLimitWithScalingRules`: for each policy, the count at the start of its
 * period (current − added + removed within it) plus the pods or percent it allows; `Max` takes the most
 * permissive policy, `Min` the least. Percent rounds up so a small count can always grow.
 */
export function scaleUpLimit(
  currentReplicas: number,
  state: AutoscaleState,
  rules: ScalingRules,
  nowMs: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  let result = rules.selectPolicy === 'Min' ? Infinity : -Infinity;
  for (const policy of rules.policies) {
    const start = periodStartReplicas(currentReplicas, state, policy.periodMs, nowMs);
    const proposed =
      policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = rules.selectPolicy === 'Min' ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/**
 * horizontal.go `calculateScaleDownLimitWithBehaviors`: the mirror image; Percent truncates (Go's int32
 * conversion), so at 72 replicas a 10 % policy allows 64, i.e. removes 8.
 */
export function scaleDownLimit(
  currentReplicas: number,
  state: AutoscaleState,
  rules: ScalingRules,
  nowMs: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  let result = rules.selectPolicy === 'Min' ? -Infinity : Infinity;
  for (const policy of rules.policies) {
    const start = periodStartReplicas(currentReplicas, state, policy.periodMs, nowMs);
    const proposed =
      policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = rules.selectPolicy === 'Min' ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

function periodStartReplicas(
  currentReplicas: number,
  state: AutoscaleState,
  periodMs: number,
  nowMs: number,
) {
  const added = replicasChangePerPeriod(periodMs, state.scaleUpEvents, nowMs);
  const removed = replicasChangePerPeriod(periodMs, state.scaleDownEvents, nowMs);
  return currentReplicas - added + removed;
}

/**
 * horizontal.go `storeScaleEvent`: records a scale that was carried out. Events older than the
 * direction's longest policy period are marked outdated, and the last outdated slot is reused.
 *
 * @example
 * recordScaleEvent(state, behavior, 1, 5, nowMs).scaleUpEvents; // [{ change: 4, atMs: nowMs, outdated: false }]
 */
export function recordScaleEvent(
  state: AutoscaleState,
  behavior: ScalingBehavior,
  fromReplicas: number,
  toReplicas: number,
  nowMs: number,
): AutoscaleState {
  if (toReplicas === fromReplicas) return state;
  const up = toReplicas > fromReplicas;
  const rules = up ? behavior.scaleUp : behavior.scaleDown;
  const longestPeriodMs = Math.max(0, ...rules.policies.map((p) => p.periodMs));
  const cutoffMs = nowMs - longestPeriodMs;
  const events = (up ? state.scaleUpEvents : state.scaleDownEvents).map((event) =>
    event.atMs < cutoffMs ? { ...event, outdated: true } : event,
  );
  const entry: ScaleEvent = { change: Math.abs(toReplicas - fromReplicas), atMs: nowMs, outdated: false };
  const reuse = events.findLastIndex((event) => event.outdated);
  const next = reuse >= 0 ? events.with(reuse, entry) : [...events, entry];
  return up ? { ...state, scaleUpEvents: next } : { ...state, scaleDownEvents: next };
}
