import type { ManagedContainer } from '../engine/index.js';
import type { Release, Store } from '../store/index.js';
import type { AppStatus } from './app-status.js';
import type { DesiredApp } from './desired-state.js';
import { decideFailureAction, type FailureDecision } from './failure-policy.js';
import type { ReplicaHealth } from './plan-types.js';
import { watchTasks, type TaskObservation, type TaskWatch } from './update-tasks.js';

/** What the guard remembers of an app's current release (lost on restart, like probe state). */
interface Memory {
  release: number;
  /** Services that had replicas of another configuration when the release was first seen. */
  updating: Set<string>;
  tasks: Map<string, TaskWatch>;
  /** Failed tasks a resume acknowledged: they no longer count towards max_failure_ratio. */
  acknowledged: Set<string>;
  /** Seen paused: a later `pending` means someone resumed it. */
  seenPaused: boolean;
  /** When it was last resumed: its progress deadline counts from then. */
  resumedAt: number | undefined;
}

export interface GuardInput {
  release: Release;
  desired: DesiredApp;
  observed: readonly ManagedContainer[];
  health: ReadonlyMap<string, ReplicaHealth>;
  status: AppStatus;
  now: number;
}

export interface GuardResult {
  decision: FailureDecision;
  /** Update tasks that failed in this pass (each is reported once). */
  newlyFailed: TaskWatch[];
  /** Until when replacement replicas that are ready are still monitored; promotion waits for it. */
  monitoringUntil: number | undefined;
  /** `service/replica` slots whose failures the failure policy judged (the progress check skips them). */
  handledSlots: ReadonlySet<string>;
}

const isExited = (c: ManagedContainer): boolean => c.state === 'exited' || c.state === 'dead';

/**
 * Applies `deploy.update_config` (monitor, max_failure_ratio, failure_action) to the replacement
 * replicas of a pending release, Swarm-style: it turns what the engine and probes show into update-task
 * observations for the pure `watchTasks` and `decideFailureAction`.
 */
export class UpdateGuard {
  readonly #store: Pick<Store, 'events'>;
  readonly #apps = new Map<string, Memory>();

  constructor(store: Pick<Store, 'events'>) {
    this.#store = store;
  }

  /**
   * Notes the release's status. True when the release was seen `paused` and is `pending` again: it was
   * resumed, so the failures seen so far are acknowledged and the progress deadline starts over.
   */
  noteStatus(
    release: Release,
    desired: DesiredApp,
    observed: readonly ManagedContainer[],
    now: number,
  ): boolean {
    const memory = this.#memory(release, desired, observed);
    if (release.status === 'paused') {
      memory.seenPaused = true;
      return false;
    }
    if (release.status !== 'pending' || !memory.seenPaused) return false;
    memory.seenPaused = false;
    memory.resumedAt = now;
    for (const task of memory.tasks.values()) if (task.failed !== undefined) memory.acknowledged.add(task.id);
    return true;
  }

  /** The lifecycle paused the app's current release (no pass may see it paused before a resume). */
  markPaused(app: string): void {
    const memory = this.#apps.get(app);
    if (memory) memory.seenPaused = true;
  }

  /** When the app's current release was last resumed, if it was. */
  resumedAt(app: string): number | undefined {
    return this.#apps.get(app)?.resumedAt;
  }

  check(input: GuardInput): GuardResult {
    const { release, desired, status, now } = input;
    const memory = this.#memory(release, desired, input.observed);
    const handledSlots = new Set<string>();
    const observations: TaskObservation[] = [];
    for (const service of desired.services) {
      if (!memory.updating.has(service.name)) continue;
      const spec = desired.specs.get(service.name);
      const monitorMs = spec?.updateConfig.monitorMs ?? 0;
      const tasks = input.observed.filter(
        (c) => c.service === service.name && c.hash === service.hash && c.release === release.number,
      );
      for (const c of tasks) {
        const health = input.health.get(c.id);
        const failure = status.failures.find(
          (f) => f.service === service.name && f.replica === c.replica && f.reason.startsWith(`${c.name}:`),
        );
        if (failure) handledSlots.add(`${service.name}/${c.replica}`);
        observations.push({
          id: c.id,
          name: c.name,
          service: service.name,
          replica: c.replica,
          state: c.state,
          startedAt: c.startedAt,
          finishedAt: c.finishedAt,
          exitCode: c.exitCode,
          completed: isExited(c) && c.exitCode === 0 && service.restartPolicy.condition !== 'any',
          ready: health?.ready === true,
          readySinceMs: health?.readySinceMs,
          livenessFailed: health?.livenessFailed === true,
          failure: failure?.reason,
          monitorMs,
        });
      }
      // A slot whose replacement could not even be created is a task that never started (Swarm counts it).
      for (const f of status.failures) {
        if (f.service !== service.name || tasks.some((c) => c.replica === f.replica)) continue;
        handledSlots.add(`${service.name}/${f.replica}`);
        observations.push({
          id: `slot:${service.name}/${f.replica}`,
          name: `${service.name}.${f.replica}`,
          service: service.name,
          replica: f.replica,
          state: 'missing',
          startedAt: 0,
          finishedAt: 0,
          exitCode: undefined,
          completed: false,
          ready: false,
          readySinceMs: undefined,
          livenessFailed: false,
          failure: f.reason,
          monitorMs,
        });
      }
    }
    const watched = watchTasks(memory.tasks, observations, now);
    memory.tasks = watched.tasks;
    const decision = decideFailureAction(
      desired.services
        .filter((s) => memory.updating.has(s.name))
        .map((s) => {
          const spec = desired.specs.get(s.name);
          return {
            service: s.name,
            slots: s.replicas,
            failureAction: spec?.updateConfig.failureAction ?? 'rollback',
            maxFailureRatio: spec?.updateConfig.maxFailureRatio ?? 0,
            failed: [...memory.tasks.values()]
              .filter((t) => t.service === s.name && t.failed !== undefined && !memory.acknowledged.has(t.id))
              .map((t) => t.failed ?? ''),
          };
        }),
    );
    return { decision, newlyFailed: watched.failed, monitoringUntil: watched.monitoringUntil, handledSlots };
  }

  #memory(release: Release, desired: DesiredApp, observed: readonly ManagedContainer[]): Memory {
    const known = this.#apps.get(release.app);
    if (known?.release === release.number) return known;
    const updating = new Set(
      desired.services
        .filter((s) => observed.some((c) => c.service === s.name && c.hash !== s.hash))
        .map((s) => s.name),
    );
    const memory: Memory = {
      release: release.number,
      updating,
      tasks: new Map(),
      acknowledged: new Set(),
      seenPaused: false,
      resumedAt: this.#lastResume(release),
    };
    this.#apps.set(release.app, memory);
    return memory;
  }

  /** After a daemon restart: when this release was last resumed, from the events. */
  #lastResume(release: Release): number | undefined {
    return this.#store.events
      .list(release.app, { limit: 200 })
      .find((e) => e.kind === 'rollout.resumed' && e.data?.['release'] === release.number)?.at;
  }
}
