import type { Logger } from 'pino';
import type { AppSpec } from '../app/index.js';
import type { DockerEngine, ManagedContainer } from '../engine/index.js';
import type { Store } from '../store/index.js';
import { formatResources } from './admission-format.js';
import type { DesiredApp } from './desired-state.js';
import type { Action, DesiredService } from './plan-types.js';
import { placeReplicas, type ReplicaUnit, type UnitPlacement } from './preemption-placement.js';
import { plural, serviceRoom } from './preemption-status.js';
import { replicaRequest, replicaUnits, reservesResources } from './preemption-units.js';
import { subtractResources, type Resources } from './preemption-victims.js';
import { slotKey } from './slot-key.js';

export interface SchedulerDeps {
  engine: Pick<DockerEngine, 'hostResources' | 'listManaged'>;
  store: Store;
  logger: Logger;
  /** Schedules a reconcile of another app (one that must stop evicted replicas or may start new ones). */
  wake: (app: string) => void;
}

/** What one reconcile pass of an app may do under the host's capacity. */
export interface Schedule {
  /** The app's services with replica counts cut to the slots that have room: the input of plan(). */
  services: DesiredService[] | undefined;
  /** Services with replicas that wait for room, and why (`berth ps`). */
  waiting: { service: string; reason: string }[];
  /** The plan's actions, with removals of preempted replicas labelled `preempted`. */
  label: (actions: Action[]) => Action[];
}

/** The host's capacity is read again after this long (docker info on every pass would be wasted). */
const capacityTtlMs = 10_000;

const atLeastZero = (r: Resources): Resources => ({
  cpus: Math.max(0, r.cpus),
  memoryBytes: Math.max(0, r.memoryBytes),
});
const name = (u: ReplicaUnit): string => `${u.app}/${u.service}.${u.replica}`;

/**
 * Priority and preemption on one host (issue 3, Kubernetes PriorityClass semantics), as a gate in
 * front of plan(): every pass places the replicas of every app (placeReplicas), cuts this app's counts
 * to the slots that have room, so preempted replicas are removed like a scale-down (out of the ingress,
 * drained, stopped with their grace period) and pending ones are not created, and wakes the other apps
 * whose replicas must go or may start. Nothing is stored: after a daemon restart the same placement is
 * computed from the engine's containers. Events: `schedule.preempted`, `schedule.pending`,
 * `schedule.resumed`.
 */
export class PreemptionScheduler {
  readonly #deps: SchedulerDeps;
  /** Slots given room whose container does not exist yet (so two apps' passes cannot both take it). */
  readonly #bound = new Map<string, number>();
  /** Evictions already recorded, by victim container id (or slot when it had none). */
  readonly #announced = new Set<string>();
  /** Who preempted a slot, for the reason shown while it waits. */
  readonly #preemptedBy = new Map<string, string>();
  /** Replicas of each app/service pending at the last pass (events on change). */
  readonly #pending = new Map<string, number>();
  /** What each other app was last woken for. */
  readonly #woken = new Map<string, string>();
  readonly #specs = new Map<string, AppSpec | null>();
  #capacity: { value: Resources; at: number } | undefined;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  async schedule(app: string, desired: DesiredApp | undefined): Promise<Schedule> {
    const releases = this.#deps.store.releases.desiredReleases();
    const unchanged: Schedule = { services: desired?.services, waiting: [], label: (a) => a };
    if (!releases.some((r) => Object.values(r.spec.services).some(reservesResources))) {
      this.#bound.clear();
      return unchanged;
    }
    const [capacity, containers] = await Promise.all([this.#hostCapacity(), this.#deps.engine.listManaged()]);
    const { units, leftover } = replicaUnits({
      releases,
      containers,
      bound: this.#bound,
      leftoverRequest: (c) => this.#requestOf(c),
    });
    const placement = placeReplicas(subtractResources(capacity, leftover), units);
    this.#remember(units, placement, containers);
    this.#announce(placement, containers);
    this.#wakeOthers(app, units, placement);
    if (!desired) return unchanged;
    const mine = units.filter((u) => u.app === app);
    const waiting = this.#waiting(app, desired, mine, placement);
    const evicted = new Set(
      mine.filter((u) => placement.get(u)?.state === 'evicted').map((u) => `${u.service}/${u.replica}`),
    );
    return {
      services: desired.services.map((s) => {
        const slots = mine.filter((u) => u.service === s.name);
        if (slots.length !== s.replicas) return s;
        const placed = slots.filter((u) => ['running', 'start'].includes(placement.get(u)?.state ?? ''));
        return placed.length === s.replicas ? s : { ...s, replicas: placed.length };
      }),
      waiting,
      label: (actions) =>
        actions.map((a) =>
          a.type === 'remove' && evicted.has(`${a.service}/${a.replica}`) ? { ...a, why: 'preempted' } : a,
        ),
    };
  }

  /** Binds slots that got room; forgets slots that have a container, are evicted or no longer wanted. */
  #remember(
    units: readonly ReplicaUnit[],
    placement: ReadonlyMap<ReplicaUnit, UnitPlacement>,
    containers: readonly ManagedContainer[],
  ): void {
    const occupied = new Set(
      containers
        .filter((c) => c.state !== 'exited' && c.state !== 'dead')
        .map((c) => slotKey(c.app, c.service, c.replica)),
    );
    const wanted = new Set<string>();
    for (const unit of units) {
      const key = slotKey(unit.app, unit.service, unit.replica);
      const state = placement.get(unit)?.state;
      wanted.add(key);
      if (state === 'start') this.#bound.set(key, Date.now());
      if (state === 'evicted' || occupied.has(key)) this.#bound.delete(key);
      if (state === 'running' || state === 'start') this.#preemptedBy.delete(key);
    }
    for (const key of this.#bound.keys()) if (!wanted.has(key)) this.#bound.delete(key);
    for (const key of this.#preemptedBy.keys()) if (!wanted.has(key)) this.#preemptedBy.delete(key);
  }

  /** Records each eviction once, in the victim's app and the preemptor's. */
  #announce(
    placement: ReadonlyMap<ReplicaUnit, UnitPlacement>,
    containers: readonly ManagedContainer[],
  ): void {
    const { store, logger } = this.#deps;
    // Forget victims that are gone (container removed, or a slot that is no longer being evicted).
    const live = new Set(containers.map((c) => c.id));
    for (const [unit, place] of placement)
      if (place.state === 'evicted') live.add(`slot:${slotKey(unit.app, unit.service, unit.replica)}`);
    for (const key of this.#announced) if (!live.has(key)) this.#announced.delete(key);
    for (const [victim, place] of placement) {
      if (place.state !== 'evicted') continue;
      const slot = slotKey(victim.app, victim.service, victim.replica);
      const container = containers.find(
        (c) => c.app === victim.app && c.service === victim.service && c.replica === victim.replica,
      );
      const key = container?.id ?? `slot:${slot}`;
      const by = place.by;
      this.#preemptedBy.set(slot, `preempted by ${by.app}/${by.service} (priority ${by.priority})`);
      if (this.#announced.has(key)) continue;
      this.#announced.add(key);
      const message = `${name(victim)} (priority ${victim.priority}) preempted by ${name(by)} (priority ${by.priority}), which needs ${formatResources(by.request)}; ${formatResources(atLeastZero(place.free))} was free`;
      const data = {
        victim: {
          app: victim.app,
          service: victim.service,
          replica: victim.replica,
          priority: victim.priority,
        },
        preemptor: { app: by.app, service: by.service, replica: by.replica, priority: by.priority },
        needed: by.request,
        free: place.free,
        ...(container ? { container: container.name } : {}),
      };
      for (const app of new Set([victim.app, by.app]))
        store.events.add(app, 'schedule.preempted', message, data);
      logger.info(data, 'replica preempted');
    }
  }

  /** Wakes every other app that has replicas to stop or to start, once per change. */
  #wakeOthers(
    app: string,
    units: readonly ReplicaUnit[],
    placement: ReadonlyMap<ReplicaUnit, UnitPlacement>,
  ): void {
    const todo = new Map<string, string[]>();
    for (const unit of units) {
      const state = placement.get(unit)?.state;
      if (unit.app === app || (state !== 'start' && state !== 'evicted')) continue;
      todo.set(unit.app, [...(todo.get(unit.app) ?? []), `${unit.service}.${unit.replica}:${state}`]);
    }
    for (const other of new Set([...todo.keys(), ...this.#woken.keys()])) {
      const signature = (todo.get(other) ?? []).sort().join(',');
      if (signature === (this.#woken.get(other) ?? '')) continue;
      if (signature === '') this.#woken.delete(other);
      else {
        this.#woken.set(other, signature);
        this.#deps.wake(other);
      }
    }
  }

  /** Why some replicas of each service of the app have no room; records pending/resumed events. */
  #waiting(
    app: string,
    desired: DesiredApp,
    mine: readonly ReplicaUnit[],
    placement: ReadonlyMap<ReplicaUnit, UnitPlacement>,
  ): { service: string; reason: string }[] {
    const { store } = this.#deps;
    const waiting: { service: string; reason: string }[] = [];
    for (const { name: service } of desired.services) {
      const slots = mine.filter((u) => u.service === service);
      const room = serviceRoom(slots, placement, (replica) =>
        this.#preemptedBy.get(slotKey(app, service, replica)),
      );
      const key = `${app}/${service}`;
      const was = this.#pending.get(key) ?? 0;
      if (room.pending > 0 && room.pending !== was) {
        store.events.add(
          app,
          'schedule.pending',
          `${service}: ${room.pending} of ${slots.length} replicas wait for room (${room.reason ?? ''})`,
          { service, pending: room.pending, replicas: slots.length },
        );
      } else if (room.pending === 0 && was > 0) {
        store.events.add(app, 'schedule.resumed', `${service}: ${plural(was, 'replica')} got room again`, {
          service,
          resumed: was,
        });
      }
      if (room.pending > 0) this.#pending.set(key, room.pending);
      else this.#pending.delete(key);
      if (room.reason !== undefined) waiting.push({ service, reason: room.reason });
    }
    return waiting;
  }

  async #hostCapacity(): Promise<Resources> {
    const now = Date.now();
    if (this.#capacity && now - this.#capacity.at < capacityTtlMs) return this.#capacity.value;
    const value = await this.#deps.engine.hostResources();
    this.#capacity = { value, at: now };
    return value;
  }

  /** A container outside every slot reserves what its own release said (0 if that release is gone). */
  #requestOf(c: ManagedContainer): Resources {
    const key = `${c.app}/${c.release}`;
    if (!this.#specs.has(key)) {
      if (this.#specs.size > 1000) this.#specs.clear();
      let spec: AppSpec | null = null;
      try {
        spec = this.#deps.store.releases.get(c.app, c.release).spec;
      } catch {
        // The release was deleted: nothing to count.
      }
      this.#specs.set(key, spec);
    }
    const service = this.#specs.get(key)?.services[c.service];
    return service ? replicaRequest(service) : { cpus: 0, memoryBytes: 0 };
  }
}
