import type { AppSpec } from '../app/index.js';
import { BerthError } from '../errors/index.js';
import type { HostResources } from '../engine/index.js';
import { formatCpus, formatGib } from './admission-format.js';
import { priorityOf, replicaRequest } from './preemption-units.js';

export interface Reservations {
  cpus: number;
  memoryBytes: number;
}

/**
 * Sum of reservations over every replica of every service (only reservations count, like Kubernetes
 * requests), or only of the services at `minPriority` and above.
 */
export function appReservations(spec: AppSpec, minPriority = -Infinity): Reservations {
  let cpus = 0;
  let memoryBytes = 0;
  for (const service of Object.values(spec.services)) {
    if (priorityOf(service) < minPriority) continue;
    const request = replicaRequest(service);
    cpus += request.cpus * service.replicas;
    memoryBytes += request.memoryBytes * service.replicas;
  }
  return { cpus, memoryBytes };
}

/**
 * Refuses a release whose reservations can never fit on the host (Kubernetes NodeResourcesFit:
 * Σ requests ≤ allocatable). With priorities, replicas of a lower priority can be preempted, so for each
 * priority p of the app's services the check is: everything at priority ≥ p, of this app and every other
 * app with a current release, fits. Replicas that fit only after preemption, or that wait for room
 * (`preemptionPolicy: Never`), are admitted; the scheduler then places them (see preemption-placement.ts).
 * Without priorities this is the plain sum over every app.
 */
export function admit(spec: AppSpec, host: HostResources, others: readonly AppSpec[]): void {
  const rest = others.filter((o) => o.name !== spec.name);
  const everyPriority = [spec, ...rest].flatMap((s) => Object.values(s.services).map(priorityOf));
  const lowest = Math.min(...everyPriority);
  const levels = [...new Set(Object.values(spec.services).map(priorityOf))].sort((a, b) => b - a);
  for (const level of levels) {
    const problems = shortfall(spec, host, rest, level, level > lowest);
    if (problems.length === 0) continue;
    throw new BerthError(
      'BERTH_ADMISSION_RESOURCES',
      `app "${spec.name}" does not fit on this host${level > lowest ? ' even after preempting lower-priority replicas' : ''}: ${problems.join('; ')}`,
      {
        hint:
          level > lowest
            ? 'Lower deploy.resources.reservations or deploy.replicas, scale down the apps of the same or a higher priority, or raise x-berth.priority above theirs.'
            : 'Lower deploy.resources.reservations or deploy.replicas, or free capacity by scaling down other apps.',
        details: { priority: level, wanted: appReservations(spec, level) },
      },
    );
  }
}

/** What is missing for the services at priority ≥ `level`, one sentence per resource. */
function shortfall(
  spec: AppSpec,
  host: HostResources,
  others: readonly AppSpec[],
  level: number,
  withPriority: boolean,
): string[] {
  const wanted = appReservations(spec, level);
  const taken = others.map((o) => appReservations(o, level));
  const usedCpus = taken.reduce((sum, r) => sum + r.cpus, 0);
  const usedMemory = taken.reduce((sum, r) => sum + r.memoryBytes, 0);
  const freeCpus = host.cpus - usedCpus;
  const freeMemory = host.memoryBytes - usedMemory;
  const what = withPriority ? `reservations at priority ≥ ${level}` : 'reservations';
  const byOthers = withPriority ? `reserved by other apps at priority ≥ ${level}` : 'reserved by other apps';
  const problems: string[] = [];
  if (wanted.cpus > freeCpus + 1e-9) {
    problems.push(
      `CPU: ${what} total ${formatCpus(wanted.cpus)} but the host has ${formatCpus(freeCpus)} free (${formatCpus(host.cpus)} total, ${formatCpus(usedCpus)} ${byOthers})`,
    );
  }
  if (wanted.memoryBytes > freeMemory) {
    problems.push(
      `memory: ${what} total ${formatGib(wanted.memoryBytes)} but the host has ${formatGib(freeMemory)} free (${formatGib(host.memoryBytes)} total, ${formatGib(usedMemory)} ${byOthers})`,
    );
  }
  return problems;
}
