/** The part of a Docker Engine stats frame's `cpu_stats` / `precpu_stats` the CPU formula reads. */
export interface DockerCpuStats {
  cpu_usage: { total_usage: number; percpu_usage?: readonly number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The part of `memory_stats` the memory formula reads. */
export interface DockerMemoryStats {
  usage?: number;
  stats?: { inactive_file?: number; total_inactive_file?: number };
}

/**
 * CPU use between two stats frames, in percent of one CPU (so 250 means 2.5 cores), exactly as
 * docker/cli cli/command/container/stats_helpers.go `calculateCPUPercentUnix`:
 * Δcontainer ÷ Δsystem × online CPUs × 100, and 0 unless both deltas are positive. The CPU count is
 * `onlineCpus`, else the frame's `online_cpus`, else the length of `percpu_usage` (cgroup v1).
 *
 * @example
 * cpuPercentFromStats(frame.precpu_stats, frame.cpu_stats); // e.g. 37.5
 */
export function cpuPercentFromStats(
  previous: DockerCpuStats,
  current: DockerCpuStats,
  onlineCpus?: number,
): number {
  const cpuDelta = current.cpu_usage.total_usage - previous.cpu_usage.total_usage;
  const systemDelta = (current.system_cpu_usage ?? 0) - (previous.system_cpu_usage ?? 0);
  const cpus = onlineCpus || current.online_cpus || (current.cpu_usage.percpu_usage?.length ?? 0);
  if (systemDelta > 0 && cpuDelta > 0) return (cpuDelta / systemDelta) * cpus * 100;
  return 0;
}

/**
 * Memory in use without reclaimable page cache, as docker/cli stats_helpers.go
 * `calculateMemUsageUnixNoCache` (what `docker stats` shows): usage − `total_inactive_file` on cgroup v1,
 * usage − `inactive_file` on cgroup v2, or the raw usage when the subtrahend is not smaller.
 *
 * @example
 * memoryUsedBytes({ usage: 100_000_000, stats: { inactive_file: 20_000_000 } }); // 80_000_000
 */
export function memoryUsedBytes(stats: DockerMemoryStats): number {
  const usage = stats.usage ?? 0;
  const cgroupV1Inactive = stats.stats?.total_inactive_file;
  if (cgroupV1Inactive !== undefined && cgroupV1Inactive < usage) return usage - cgroupV1Inactive;
  const cgroupV2Inactive = stats.stats?.inactive_file ?? 0;
  if (cgroupV2Inactive < usage) return usage - cgroupV2Inactive;
  return usage;
}
