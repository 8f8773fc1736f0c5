import type { ManagedContainer } from '../engine/index.js';
import type { AppStatus, ReplicaFailure, ReplicaStatus, ServiceStatus } from './app-status.js';
import type { DesiredApp } from './desired-state.js';
import type { RuntimeMemory } from './orchestrator.js';
import type { DesiredService, Plan, ReplicaHealth } from './plan-types.js';
import type { Prober } from './prober.js';
import { slotKey } from './slot-key.js';

export interface StatusInput {
  app: string;
  desired: DesiredApp | undefined;
  observed: readonly ManagedContainer[];
  health: ReadonlyMap<string, ReplicaHealth>;
  plan: Plan;
  memory: RuntimeMemory;
  prober: Prober;
  now: number;
}

function replicaMessage(c: ManagedContainer, input: StatusInput, ready: boolean): string | undefined {
  const error = input.memory.errors.get(c.id);
  if (error) return error.message;
  if (c.state === 'exited' || c.state === 'dead') {
    const why = c.oomKilled ? 'OOM-killed' : `exited with code ${c.exitCode ?? '?'}`;
    const given = input.plan.givenUp.find((g) => g.id === c.id);
    return given ? given.reason : `${why}; restart pending (backoff)`;
  }
  if (c.state === 'created') return 'created, not started yet';
  if (ready) return undefined;
  const probes = input.prober.state(c.id);
  if (probes?.liveness && !probes.liveness.passing) return `liveness failed: ${probes.liveness.lastMessage}`;
  if (probes?.readiness) return `readiness: ${probes.readiness.lastMessage}`;
  if (c.health !== undefined) return `healthcheck: ${c.health}`;
  return undefined;
}

/**
 * A replica must have been ready this long before the release counts as converged, so a process that
 * starts and crashes at once is not reported ready (Kubernetes minReadySeconds, here fixed at 0.5 s).
 */
export const minReadyMs = 500;

/** A run-to-completion replica (restart policy none/on-failure) that exited 0 is done, not failed. */
function isCompleted(c: ManagedContainer, want: DesiredService | undefined): boolean {
  return (
    (c.state === 'exited' || c.state === 'dead') &&
    c.exitCode === 0 &&
    want !== undefined &&
    want.restartPolicy.condition !== 'any'
  );
}

/** Builds what `berth ps` and `berth up` show from one reconcile's observations. */
export function buildStatus(input: StatusInput): AppStatus {
  const { desired, observed, health, memory } = input;
  const failures: ReplicaFailure[] = [];
  const names = new Set([...(desired?.services.map((s) => s.name) ?? []), ...observed.map((c) => c.service)]);
  const services: ServiceStatus[] = [...names].map((name) => {
    const want = desired?.services.find((s) => s.name === name);
    const replicas: ReplicaStatus[] = observed
      .filter((c) => c.service === name)
      .sort((a, b) => a.replica - b.replica || a.name.localeCompare(b.name))
      .map((c) => {
        const ready = health.get(c.id)?.ready === true;
        const restarts = memory.restarts.get(c.id);
        const message = replicaMessage(c, input, ready);
        const outdated = want === undefined || c.hash !== want.hash;
        const crashLooping = (restarts?.attempts ?? 0) >= 2 && c.state !== 'running';
        if (
          !outdated &&
          !isCompleted(c, want) &&
          (memory.errors.has(c.id) || crashLooping || input.plan.givenUp.some((g) => g.id === c.id))
        ) {
          failures.push({ service: name, replica: c.replica, reason: `${c.name}: ${message ?? 'failed'}` });
        }
        return {
          service: name,
          replica: c.replica,
          id: c.id,
          name: c.name,
          state: c.state,
          ready,
          health: c.health,
          restarts: restarts?.total ?? 0,
          exitCode: c.exitCode,
          startedAt: c.startedAt,
          outdated,
          release: c.release,
          ip: Object.values(c.ips)[0],
          ports: c.publishedPorts.map(
            (p) => `${p.hostIp || '0.0.0.0'}:${p.hostPort}->${p.containerPort}/${p.protocol}`,
          ),
          message,
        };
      });
    for (let replica = 1; replica <= (want?.replicas ?? 0); replica++) {
      const error = memory.errors.get(slotKey(input.app, name, replica));
      if (error) failures.push({ service: name, replica, reason: `${name}.${replica}: ${error.message}` });
    }
    const current = replicas.filter((r) => !r.outdated);
    const completed = observed.filter(
      (c) => c.service === name && c.hash === want?.hash && isCompleted(c, want),
    ).length;
    const settled = current.filter((r) => r.ready && input.now - r.startedAt >= minReadyMs).length;
    return {
      name,
      settled: settled + completed,
      completed,
      desired: want?.replicas ?? 0,
      running: current.filter((r) => r.state === 'running').length,
      ready: current.filter((r) => r.ready).length,
      waiting: input.plan.waiting.find((w) => w.service === name)?.reason,
      replicas,
    };
  });
  const converged =
    desired !== undefined &&
    services.every(
      (s) =>
        s.settled === s.desired && s.replicas.every((r) => !r.outdated) && s.replicas.length === s.desired,
    );
  return {
    app: input.app,
    release: desired?.release.number ?? null,
    releaseStatus: desired?.release.status ?? null,
    converged,
    services,
    failures,
    observedAt: input.now,
  };
}
