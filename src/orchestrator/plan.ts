import type { ManagedContainer } from '../engine/index.js';
import { crashLoopDelayMs, nextAttempt, type RestartRecord } from './backoff.js';
import type { Action, DesiredService, Plan, PlanInput } from './plan-types.js';

const isRunning = (c: ManagedContainer): boolean => c.state === 'running' || c.state === 'restarting';
const isExited = (c: ManagedContainer): boolean => c.state === 'exited' || c.state === 'dead';

/** Newest-first, running first: the container to keep when a slot has duplicates. */
function preference(a: ManagedContainer, b: ManagedContainer): number {
  if (isRunning(a) !== isRunning(b)) return isRunning(a) ? -1 : 1;
  return b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1);
}

/** Whether every depends_on condition of `service` holds now (Compose: checked when creating). */
function dependencyBlock(
  service: DesiredService,
  input: PlanInput,
  byName: Map<string, DesiredService>,
): string | undefined {
  for (const [dep, rule] of Object.entries(service.dependsOn)) {
    const desired = byName.get(dep);
    if (!desired) {
      if (rule.required) return `dependency "${dep}" is not part of the app`;
      continue;
    }
    const containers = input.observed.filter((c) => c.service === dep && c.hash === desired.hash);
    if (rule.condition === 'service_completed_successfully') {
      if (!containers.some((c) => isExited(c) && c.exitCode === 0))
        return `waiting for "${dep}" to complete successfully`;
      continue;
    }
    const count =
      rule.condition === 'service_healthy'
        ? containers.filter((c) => isRunning(c) && input.health.get(c.id)?.ready === true).length
        : containers.filter(isRunning).length;
    if (count < desired.replicas) {
      const what = rule.condition === 'service_healthy' ? 'healthy' : 'running';
      return `waiting for "${dep}" to be ${what} (${count}/${desired.replicas})`;
    }
  }
  return undefined;
}

/**
 * Decides what to do to move `observed` toward `desired`. Pure and idempotent: running it again on the
 * same input gives the same actions, so the reconciler may be killed and restarted at any point.
 */
export function plan(input: PlanInput): Plan {
  const result: Plan = { actions: [], wakeAt: undefined, waiting: [], givenUp: [] };
  const desired = input.desired ?? [];
  const byName = new Map(desired.map((s) => [s.name, s]));
  const push = (action: Action): void => void result.actions.push(action);

  for (const c of input.observed) {
    if (input.desired === undefined)
      push({ type: 'remove', id: c.id, service: c.service, replica: c.replica, why: 'app-down' });
    else if (!byName.has(c.service))
      push({ type: 'remove', id: c.id, service: c.service, replica: c.replica, why: 'not-in-spec' });
  }

  for (const service of desired) {
    const mine = input.observed.filter((c) => c.service === service.name);
    const blocked = dependencyBlock(service, input, byName);
    if (blocked) result.waiting.push({ service: service.name, reason: blocked });
    const budget = service.parallelism <= 0 ? Number.POSITIVE_INFINITY : service.parallelism;

    for (const c of mine) {
      if (c.replica < 1 || c.replica > service.replicas) {
        push({ type: 'remove', id: c.id, service: c.service, replica: c.replica, why: 'scale-down' });
      }
    }

    const slots = Array.from({ length: service.replicas }, (_, i) => {
      const replica = i + 1;
      const inSlot = mine.filter((c) => c.replica === replica);
      const current = inSlot.filter((c) => c.hash === service.hash).sort(preference);
      const outdated = inSlot.filter((c) => c.hash !== service.hash);
      const keep = current[0];
      const settled = keep !== undefined && isRunning(keep) && input.health.get(keep.id)?.ready === true;
      return {
        replica,
        current,
        outdated,
        keep,
        settled,
        pendingReplacement: outdated.length > 0 && keep === undefined,
      };
    });
    // A slot being replaced counts against update_config.parallelism until its new replica is ready.
    let inFlight = slots.filter(
      (s) => !s.settled && !s.pendingReplacement && mine.some((c) => c.hash !== service.hash),
    ).length;
    // A canary step: slots that hold (or, when empty, will get) the new configuration, against its cap.
    const cap = input.replacementCaps?.get(service.name) ?? Number.POSITIVE_INFINITY;
    let newSlots = slots.filter((s) => !s.pendingReplacement).length;
    // update_config.delay: the next batch waits this long after the newest replacement became ready.
    const holdUntil = batchHold(service, mine, input);
    if (holdUntil !== undefined && slots.some((s) => s.pendingReplacement)) {
      result.wakeAt = Math.min(result.wakeAt ?? holdUntil, holdUntil);
    }

    for (const { replica, current, outdated, keep, settled, pendingReplacement } of slots) {
      for (const extra of current.slice(1))
        push({ type: 'remove', id: extra.id, service: service.name, replica, why: 'duplicate' });
      if (pendingReplacement) {
        // A paused update starts no new replacement; the old replicas keep serving (Swarm pause).
        if (inFlight >= budget || blocked || holdUntil !== undefined || service.holdReplacements) continue;
        if (newSlots >= cap) continue;
        inFlight++;
        newSlots++;
        if (service.order === 'stop-first') {
          for (const old of outdated)
            push({ type: 'remove', id: old.id, service: service.name, replica, why: 'replaced' });
        } else {
          push({ type: 'create', service: service.name, replica });
        }
        continue;
      }
      if (settled) {
        for (const old of outdated)
          push({ type: 'remove', id: old.id, service: service.name, replica, why: 'replaced' });
      }
      if (keep === undefined) {
        if (!blocked) push({ type: 'create', service: service.name, replica });
        continue;
      }
      planExisting(keep, service, input, blocked, result);
    }
  }
  return result;
}

/**
 * When the next replacement batch may start under `update_config.delay`: the time the newest replica
 * of the new configuration became ready plus the delay, if that is still ahead (undefined: go now).
 * The first batch (no new replica yet) never waits.
 */
function batchHold(
  service: DesiredService,
  mine: readonly ManagedContainer[],
  input: PlanInput,
): number | undefined {
  const delay = service.batchDelayMs ?? 0;
  if (delay <= 0 || !mine.some((c) => c.hash !== service.hash)) return undefined;
  const readyTimes = mine
    .filter((c) => c.hash === service.hash)
    .map((c) => input.health.get(c.id)?.readySinceMs)
    .filter((t): t is number => t !== undefined);
  if (readyTimes.length === 0) return undefined;
  const until = Math.max(...readyTimes) + delay;
  return until > input.now ? until : undefined;
}

/** Start, restart after a crash (with backoff), or restart on liveness failure. */
function planExisting(
  c: ManagedContainer,
  service: DesiredService,
  input: PlanInput,
  blocked: string | undefined,
  result: Plan,
): void {
  const record = input.restarts.get(c.id);
  const base = { id: c.id, service: service.name, replica: c.replica };
  const policy = service.restartPolicy;
  const backoff =
    policy.delayMs !== undefined && policy.delayMs > 0
      ? { ...input.backoff, initialMs: policy.delayMs }
      : input.backoff;

  if (isRunning(c)) {
    if (input.health.get(c.id)?.livenessFailed !== true) return;
    // Kubernetes: a liveness kill follows the restart policy and the same CrashLoopBackOff as a crash.
    const refusal = restartRefusal(policy, record, 'liveness probe failed', false);
    if (refusal) return void result.givenUp.push({ ...base, reason: refusal });
    const attempt = nextAttempt(record, input.now - c.startedAt, backoff);
    const due = (record?.lastRestartAt ?? 0) + crashLoopDelayMs(attempt, backoff);
    if (due <= input.now) result.actions.push({ type: 'restart', ...base, why: 'liveness', attempt });
    else result.wakeAt = Math.min(result.wakeAt ?? due, due);
    return;
  }
  if (c.state === 'created') {
    if (blocked) return;
    const attempt = record ? record.attempts + 1 : 1;
    const due = record ? record.lastRestartAt + crashLoopDelayMs(attempt, backoff) : input.now;
    if (due <= input.now) result.actions.push({ type: 'start', ...base, why: 'new', attempt });
    else result.wakeAt = Math.min(result.wakeAt ?? due, due);
    return;
  }
  if (!isExited(c)) return; // paused or being removed: leave it to the user / engine

  const refusal = restartRefusal(policy, record, `exited with code ${c.exitCode ?? '?'}`, c.exitCode === 0);
  if (refusal) return void result.givenUp.push({ ...base, reason: refusal });
  const attempt = nextAttempt(record, c.finishedAt - c.startedAt, backoff);
  const due = c.finishedAt + crashLoopDelayMs(attempt, backoff);
  if (due <= input.now) result.actions.push({ type: 'start', ...base, why: 'crash', attempt });
  else result.wakeAt = Math.min(result.wakeAt ?? due, due);
}

/** Why the restart policy forbids another restart (condition none, success under on-failure, max_attempts). */
function restartRefusal(
  policy: DesiredService['restartPolicy'],
  record: RestartRecord | undefined,
  what: string,
  succeeded: boolean,
): string | undefined {
  if (policy.condition === 'none') return `${what} (restart_policy: none)`;
  if (policy.condition === 'on-failure' && succeeded)
    return 'completed with code 0 (restart_policy: on-failure)';
  if (
    policy.maxAttempts !== undefined &&
    policy.maxAttempts > 0 &&
    (record?.total ?? 0) >= policy.maxAttempts
  ) {
    return `${what} after ${policy.maxAttempts} restarts (max_attempts)`;
  }
  return undefined;
}
