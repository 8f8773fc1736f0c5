/** Cores as people write them: `0.5 CPU`, `2 CPU` (at most 3 decimals). */
export const formatCpus = (n: number): string => `${Number(n.toFixed(3))} CPU`;

/** Memory in GiB with two decimals (the admission messages' unit). */
export const formatGib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;

/** Memory in the largest unit that keeps it readable: `64 MiB`, `1.5 GiB`. */
export function formatMemory(bytes: number): string {
  if (Math.abs(bytes) >= 1024 ** 3) return `${Number((bytes / 1024 ** 3).toFixed(2))} GiB`;
  return `${Number((bytes / 1024 ** 2).toFixed(1))} MiB`;
}

/** `0.5 CPU, 64 MiB`: both dimensions of a reservation. */
export const formatResources = (r: { cpus: number; memoryBytes: number }): string =>
  `${formatCpus(r.cpus)}, ${formatMemory(r.memoryBytes)}`;
