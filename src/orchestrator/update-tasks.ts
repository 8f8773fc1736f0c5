import type { ContainerState } from '../engine/index.js';

/**
 * One replacement replica of a rolling update (a Swarm "update task") as one reconcile saw it. A slot
 * whose replica could not even be created is observed with the id `slot:<service>/<replica>`.
 */
export interface TaskObservation {
  id: string;
  name: string;
  service: string;
  replica: number;
  state: ContainerState | 'missing';
  startedAt: number;
  finishedAt: number;
  exitCode: number | undefined;
  /** Exited 0 under restart policy none/on-failure: done, not failed. */
  completed: boolean;
  ready: boolean;
  /** When the daemon first saw it ready. */
  readySinceMs: number | undefined;
  livenessFailed: boolean;
  /** Why the status reports it failed (crash loop, start error, restart policy gave up). */
  failure: string | undefined;
  /** `update_config.monitor` of its service. */
  monitorMs: number;
}

/** What is remembered of one update task between reconciles. */
export interface TaskWatch {
  id: string;
  name: string;
  service: string;
  replica: number;
  startedAt: number;
  monitorMs: number;
  /** When it was first ready; its monitor window runs from then. */
  readyAt?: number;
  /** Why it counts as a failed update task. */
  failed?: string;
  /** Its monitor window passed without a failure. */
  passed?: boolean;
}

const seconds = (ms: number): string => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

function failureOf(watch: TaskWatch, o: TaskObservation, now: number): string | undefined {
  const end = watch.readyAt === undefined ? Infinity : watch.readyAt + o.monitorMs;
  const when = (at: number): string =>
    watch.readyAt === undefined
      ? 'before becoming ready'
      : `${seconds(at - watch.readyAt)} after becoming ready (monitor ${seconds(o.monitorMs)})`;
  if (o.failure !== undefined) return o.failure;
  const exited = o.state === 'exited' || o.state === 'dead';
  if (exited && !o.completed && o.finishedAt <= end)
    return `${o.name} exited with code ${o.exitCode ?? '?'} ${when(o.finishedAt)}`;
  if (o.startedAt > watch.startedAt && o.startedAt <= end) return `${o.name} restarted ${when(o.startedAt)}`;
  if (watch.readyAt !== undefined && now <= end && o.state === 'running') {
    if (o.livenessFailed) return `${o.name} failed its liveness probe ${when(now)}`;
    if (!o.ready) return `${o.name} stopped being ready ${when(now)}`;
  }
  return undefined;
}

/**
 * Follows update tasks through their `update_config.monitor` window, as Swarm's updater does: a task
 * that exits, restarts, fails its liveness probe or stops being ready before `monitor` has passed since
 * it became ready (or that never got that far: crash loop, start error) is a failed task. A task whose
 * window passed is done and no longer watched. Pure: returns the new memory, the tasks that failed in
 * this observation, and until when tasks that are ready are still being monitored.
 */
export function watchTasks(
  previous: ReadonlyMap<string, TaskWatch>,
  observed: readonly TaskObservation[],
  now: number,
): { tasks: Map<string, TaskWatch>; failed: TaskWatch[]; monitoringUntil: number | undefined } {
  const tasks = new Map(previous);
  const failed: TaskWatch[] = [];
  for (const o of observed) {
    let watch = tasks.get(o.id) ?? {
      id: o.id,
      name: o.name,
      service: o.service,
      replica: o.replica,
      startedAt: o.startedAt,
      monitorMs: o.monitorMs,
    };
    if (watch.failed !== undefined || watch.passed) continue;
    const failure = failureOf(watch, o, now);
    if (failure !== undefined) {
      watch = { ...watch, failed: failure };
      failed.push(watch);
    } else {
      if (watch.readyAt === undefined && o.ready && o.state === 'running')
        watch = { ...watch, readyAt: o.readySinceMs ?? now };
      if (watch.readyAt !== undefined && now >= watch.readyAt + o.monitorMs)
        watch = { ...watch, passed: true };
    }
    tasks.set(o.id, watch);
  }
  const watching = [...tasks.values()].filter(
    (t) => t.readyAt !== undefined && t.failed === undefined && !t.passed,
  );
  const monitoringUntil =
    watching.length === 0 ? undefined : Math.max(...watching.map((t) => (t.readyAt ?? now) + t.monitorMs));
  return { tasks, failed, monitoringUntil };
}
