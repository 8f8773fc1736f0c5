import type { ReplicaUnit, UnitPlacement } from './preemption-placement.js';

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where a service's replica slots stand under the host's capacity. */
export interface ServiceRoom {
  /** Slots that keep or get room now. */
  placed: number;
  /** Slots with no room and none that can be made (they wait). */
  pending: number;
  /** What `berth ps` shows; undefined when every slot has room. */
  reason: string | undefined;
}

/**
 * Says why some slots of one service have no room: being preempted (and by whom), waiting for preempted
 * replicas to stop, or pending with the placement's reason. `preemptedBy(replica)` tells who evicted a
 * pending slot earlier, if this daemon saw it.
 *
 * @example
 * serviceRoom(slots, placement, () => 'preempted by shop/api (priority 1000)').reason
 * // 'capacity: 2/4 replicas have room; 2 pending (preempted by shop/api (priority 1000)): each needs …'
 */
export function serviceRoom(
  slots: readonly ReplicaUnit[],
  placement: ReadonlyMap<ReplicaUnit, UnitPlacement>,
  preemptedBy: (replica: number) => string | undefined,
): ServiceRoom {
  const of = (state: UnitPlacement['state']): ReplicaUnit[] =>
    slots.filter((u) => placement.get(u)?.state === state);
  const [evicted, nominated, pending] = [of('evicted'), of('nominated'), of('pending')];
  const parts: string[] = [];
  const first = evicted[0] && placement.get(evicted[0]);
  if (first?.state === 'evicted') {
    const by = first.by;
    parts.push(
      `${plural(evicted.length, 'replica')} preempted by ${by.app}/${by.service} (priority ${by.priority}), stopping`,
    );
  }
  if (nominated.length > 0) parts.push(`${nominated.length} waiting for preempted replicas to stop`);
  const firstPending = pending[0] && placement.get(pending[0]);
  if (pending[0] && firstPending?.state === 'pending') {
    const before = preemptedBy(pending[0].replica);
    parts.push(`${pending.length} pending${before ? ` (${before})` : ''}: each ${firstPending.reason}`);
  }
  const placed = slots.length - evicted.length - nominated.length - pending.length;
  return {
    placed,
    pending: pending.length,
    reason:
      parts.length === 0
        ? undefined
        : `capacity: ${placed}/${slots.length} replicas have room; ${parts.join('; ')}`,
  };
}
