import type { AppSpec } from '../app/index.js';
import { BerthError } from '../errors/index.js';
import type { HostResources } from '../engine/index.js';

export interface Reservations {
  cpus: number;
  memoryBytes: number;
}

/** Sum of reservations over every replica of every service (only reservations count, like Kubernetes requests). */
export function appReservations(spec: AppSpec): Reservations {
  let cpus = 0;
  let memoryBytes = 0;
  for (const service of Object.values(spec.services)) {
    cpus += (service.reservations.cpus ?? 0) * service.replicas;
    memoryBytes += (service.reservations.memoryBytes ?? 0) * service.replicas;
  }
  return { cpus, memoryBytes };
}

const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
const cores = (n: number): string => `${Number(n.toFixed(3))} CPU`;

/**
 * Refuses a release whose reservations do not fit in what the host has left after the other apps'
 * reservations (Kubernetes NodeResourcesFit: Σ requests ≤ allocatable).
 */
export function admit(spec: AppSpec, host: HostResources, others: readonly AppSpec[]): void {
  const wanted = appReservations(spec);
  const taken = others.filter((o) => o.name !== spec.name).map(appReservations);
  const usedCpus = taken.reduce((sum, r) => sum + r.cpus, 0);
  const usedMemory = taken.reduce((sum, r) => sum + r.memoryBytes, 0);
  const freeCpus = host.cpus - usedCpus;
  const freeMemory = host.memoryBytes - usedMemory;
  const problems: string[] = [];
  if (wanted.cpus > freeCpus + 1e-9) {
    problems.push(
      `CPU: reservations total ${cores(wanted.cpus)} but the host has ${cores(freeCpus)} free (${cores(host.cpus)} total, ${cores(usedCpus)} reserved by other apps)`,
    );
  }
  if (wanted.memoryBytes > freeMemory) {
    problems.push(
      `memory: reservations total ${gib(wanted.memoryBytes)} but the host has ${gib(freeMemory)} free (${gib(host.memoryBytes)} total, ${gib(usedMemory)} reserved by other apps)`,
    );
  }
  if (problems.length > 0) {
    throw new BerthError(
      'BERTH_ADMISSION_RESOURCES',
      `app "${spec.name}" does not fit on this host: ${problems.join('; ')}`,
      {
        hint: 'Lower deploy.resources.reservations or deploy.replicas, or free capacity by scaling down other apps.',
        details: { wanted, freeCpus, freeMemoryBytes: freeMemory },
      },
    );
  }
}
