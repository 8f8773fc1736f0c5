import type { ServiceSpec } from '../app/index.js';
import type { ManagedContainer } from '../engine/index.js';
import type { Release } from '../store/index.js';
import type { ReplicaUnit } from './preemption-placement.js';
import { sumResources, type Resources } from './preemption-victims.js';
import { slotKey } from './slot-key.js';

/** What one replica of a service reserves (Kubernetes requests); missing values are 0. */
export const replicaRequest = (service: ServiceSpec): Resources => ({
  cpus: service.reservations.cpus ?? 0,
  memoryBytes: service.reservations.memoryBytes ?? 0,
});

/** A service's priority value: 0 when `x-berth.priority` is not given, as in Kubernetes. */
export const priorityOf = (service: ServiceSpec): number => service.priority?.value ?? 0;

/** Whether a service takes part in scheduling at all (a replica that reserves nothing always fits). */
export const reservesResources = (service: ServiceSpec): boolean => {
  const r = replicaRequest(service);
  return r.cpus > 0 || r.memoryBytes > 0;
};

/**
 * Whether a container still takes its room: a replica that finished its job (exit 0 under a restart
 * policy that will not restart it) no longer does, like a Kubernetes pod in phase Succeeded; a crashed
 * one waiting for its backoff does.
 */
function holdsRoom(c: ManagedContainer, service: ServiceSpec): boolean {
  if (c.state === 'removing') return false;
  if (c.state !== 'exited' && c.state !== 'dead') return true;
  return !(c.exitCode === 0 && service.restartPolicy.condition !== 'any');
}

export interface UnitInput {
  /** The current release of every app. */
  releases: readonly Release[];
  /** Every container of this installation. */
  containers: readonly ManagedContainer[];
  /** Slots given room whose container does not exist yet, with when they got it. */
  bound: ReadonlyMap<string, number>;
  /** What a container outside every desired slot reserves (from the release that created it). */
  leftoverRequest: (c: ManagedContainer) => Resources;
}

/**
 * Turns releases and containers into the replica slots the placement works on, and the room taken by
 * containers outside them (scaled down, apps taken down: they hold room until they are gone).
 *
 * Within a service, a higher slot never counts as older than a lower one, so preemption takes a
 * service's highest slots first, the same ones a scale-down of the reduced count removes.
 */
export function replicaUnits(input: UnitInput): { units: ReplicaUnit[]; leftover: Resources } {
  const bySlot = new Map<string, ManagedContainer[]>();
  for (const c of input.containers) {
    const key = slotKey(c.app, c.service, c.replica);
    bySlot.set(key, [...(bySlot.get(key) ?? []), c]);
  }
  const units: ReplicaUnit[] = [];
  const claimed = new Set<string>();
  for (const release of input.releases) {
    for (const service of Object.values(release.spec.services)) {
      if (!reservesResources(service)) {
        for (let r = 1; r <= service.replicas; r++) claimed.add(slotKey(release.app, service.name, r));
        continue;
      }
      let newest = 0;
      const slots: ReplicaUnit[] = [];
      for (let replica = 1; replica <= service.replicas; replica++) {
        const key = slotKey(release.app, service.name, replica);
        claimed.add(key);
        const holders = (bySlot.get(key) ?? []).filter((c) => holdsRoom(c, service));
        const boundAt = input.bound.get(key);
        const startedAt = Math.max(0, ...holders.map((c) => c.startedAt), boundAt ?? 0);
        newest = Math.max(newest, startedAt);
        slots.push({
          app: release.app,
          service: service.name,
          replica,
          priority: priorityOf(service),
          preemptionPolicy: service.priority?.preemptionPolicy ?? 'PreemptLowerPriority',
          request: replicaRequest(service),
          startedAt: newest,
          holding: holders.length > 0 || boundAt !== undefined,
          queuedAt: release.createdAt,
        });
      }
      // Highest slot first: among equally new replicas the first listed is evicted first.
      units.push(...slots.reverse());
    }
  }
  // A container outside every slot is on its way out: it holds room only while it still runs.
  const leftovers = input.containers.filter(
    (c) =>
      !claimed.has(slotKey(c.app, c.service, c.replica)) &&
      ['running', 'restarting', 'paused', 'created'].includes(c.state),
  );
  return { units, leftover: sumResources(leftovers.map(input.leftoverRequest)) };
}
