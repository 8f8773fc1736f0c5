import {
  choosePreemptionVictims,
  fitsIn,
  subtractResources,
  sumResources,
  type PreemptionPolicy,
  type Resources,
  type RunningReplica,
} from './preemption-victims.js';

/** One replica slot of a service that reserves resources, on this host. */
export interface ReplicaUnit extends RunningReplica {
  app: string;
  service: string;
  replica: number;
  preemptionPolicy: PreemptionPolicy;
  /** It has a container, or was given room and its container is not created yet. */
  holding: boolean;
  /** When its release was recorded: among equal priorities, the one waiting longest goes first. */
  queuedAt: number;
}

export type UnitPlacement =
  /** Keeps its room. */
  | { state: 'running' }
  /** Has room now: create it. */
  | { state: 'start' }
  /** Has room once replicas being evicted have stopped (Kubernetes' nominated node). */
  | { state: 'nominated'; victims: ReplicaUnit[] }
  /** Must stop to make room for `by`; `free` is what the host had left before. */
  | { state: 'evicted'; by: ReplicaUnit; free: Resources }
  /** No room, and none can be made: waits. */
  | { state: 'pending'; reason: string };

const queueOrder = (a: ReplicaUnit, b: ReplicaUnit): number =>
  b.priority - a.priority ||
  a.queuedAt - b.queuedAt ||
  a.app.localeCompare(b.app) ||
  a.service.localeCompare(b.service) ||
  a.replica - b.replica;

/**
 * Decides which replica slots of every app have room on the host. Replicas that hold room keep it;
 * the others are taken in Kubernetes' scheduling-queue order (priority, then the longest waiting) and
 * each either fits, preempts lower-priority replicas (`choosePreemptionVictims`), or stays pending
 * without evicting anyone. Pure: the reconciler of every app computes the same answer from the same
 * observations, so the app that owns a victim removes it in its own pass.
 *
 * A replica placed by preemption is not started until its victims have stopped (their room is still
 * taken), like a pod nominated to a node.
 */
export function placeReplicas(
  capacity: Resources,
  units: readonly ReplicaUnit[],
): Map<ReplicaUnit, UnitPlacement> {
  const result = new Map<ReplicaUnit, UnitPlacement>();
  const placed = units.filter((u) => u.holding);
  for (const unit of placed) result.set(unit, { state: 'running' });
  // Room actually free now: evicted replicas still hold theirs until they are gone.
  let taken = sumResources(placed.map((u) => u.request));
  for (const unit of units.filter((u) => !u.holding).sort(queueOrder)) {
    const decision = choosePreemptionVictims(unit, capacity, placed);
    if (decision.outcome === 'unschedulable') {
      result.set(unit, { state: 'pending', reason: decision.reason });
      continue;
    }
    if (decision.outcome === 'preempt') {
      const free = subtractResources(capacity, sumResources(placed.map((u) => u.request)));
      for (const victim of decision.victims) {
        result.set(victim, { state: 'evicted', by: unit, free });
        placed.splice(placed.indexOf(victim), 1);
      }
      placed.push(unit);
      result.set(unit, { state: 'nominated', victims: decision.victims });
      continue;
    }
    placed.push(unit);
    if (fitsIn(unit.request, subtractResources(capacity, taken))) {
      taken = sumResources([taken, unit.request]);
      result.set(unit, { state: 'start' });
    } else {
      result.set(unit, { state: 'nominated', victims: [] });
    }
  }
  return result;
}
