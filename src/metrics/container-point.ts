import type { ContainerStatsSample } from '../engine/index.js';

/** The cumulative counters of one stats frame that rates are computed from. */
export interface Counters {
  atMs: number;
  cpuTotalNs: number;
  netRxBytes: number;
  netTxBytes: number;
  blkReadBytes: number;
  blkWriteBytes: number;
}

/** Resource use between two frames: CPU in cores, traffic and disk I/O in bytes per second. */
export interface ContainerPoint {
  cpuCores: number;
  memoryBytes: number;
  memoryLimitBytes?: number;
  netRxBps: number;
  netTxBps: number;
  blkReadBps: number;
  blkWriteBps: number;
}

/** Reads the cumulative counters of a frame; `atMs` is the frame's own `read` time. */
export function countersOf(sample: ContainerStatsSample, fallbackAtMs: number): Counters {
  let netRxBytes = 0;
  let netTxBytes = 0;
  for (const net of Object.values(sample.networks ?? {})) {
    netRxBytes += net.rx_bytes;
    netTxBytes += net.tx_bytes;
  }
  let blkReadBytes = 0;
  let blkWriteBytes = 0;
  for (const io of sample.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = io.op.toLowerCase();
    if (op === 'read') blkReadBytes += io.value;
    else if (op === 'write') blkWriteBytes += io.value;
  }
  const read = Date.parse(sample.read);
  return {
    // A stopped container's frame has read "0001-01-01T00:00:00Z".
    atMs: Number.isFinite(read) && read > 0 ? read : fallbackAtMs,
    cpuTotalNs: sample.cpu_stats.cpu_usage.total_usage,
    netRxBytes,
    netTxBytes,
    blkReadBytes,
    blkWriteBytes,
  };
}

/**
 * Average use between two frames taken `Δt` apart. CPU is Δ(cgroup CPU time) / Δ(wall time), i.e.
 * cores, which unlike `docker stats`' percentage does not depend on the host's core count. A counter
 * that went backwards (container restarted in place) yields 0 for that interval, never a negative rate.
 */
export function containerPoint(
  previous: Counters,
  current: Counters,
  memory: { usedBytes: number; limitBytes?: number },
): ContainerPoint | undefined {
  const seconds = (current.atMs - previous.atMs) / 1000;
  if (!(seconds > 0)) return undefined;
  const rate = (now: number, before: number): number => Math.max(0, now - before) / seconds;
  return {
    cpuCores: rate(current.cpuTotalNs, previous.cpuTotalNs) / 1e9,
    memoryBytes: memory.usedBytes,
    ...(memory.limitBytes === undefined ? {} : { memoryLimitBytes: memory.limitBytes }),
    netRxBps: rate(current.netRxBytes, previous.netRxBytes),
    netTxBps: rate(current.netTxBytes, previous.netTxBytes),
    blkReadBps: rate(current.blkReadBytes, previous.blkReadBytes),
    blkWriteBps: rate(current.blkWriteBytes, previous.blkWriteBytes),
  };
}
