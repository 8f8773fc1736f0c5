import { describe, expect, it } from 'vitest';
import type { ContainerStatsSample } from '../engine/index.js';
import { containerPoint, countersOf } from './container-point.js';

function frame(overrides: {
  read: string;
  cpuNs: number;
  net?: Record<string, { rx_bytes: number; tx_bytes: number }>;
  blkio?: { op: string; value: number }[];
}): ContainerStatsSample {
  return {
    read: overrides.read,
    cpu_stats: { cpu_usage: { total_usage: overrides.cpuNs } },
    precpu_stats: { cpu_usage: { total_usage: 0 } },
    memory_stats: { usage: 1000 },
    ...(overrides.net ? { networks: overrides.net } : {}),
    ...(overrides.blkio ? { blkio_stats: { io_service_bytes_recursive: overrides.blkio } } : {}),
  };
}

describe('containerPoint', () => {
  it('turns cumulative counters 10 s apart into cores and bytes per second', () => {
    const before = countersOf(
      frame({
        read: '2026-11-26T10:00:00Z',
        cpuNs: 1e9,
        net: { eth0: { rx_bytes: 1000, tx_bytes: 0 }, eth1: { rx_bytes: 0, tx_bytes: 500 } },
        blkio: [
          { op: 'Read', value: 4096 },
          { op: 'Write', value: 0 },
        ],
      }),
      0,
    );
    const after = countersOf(
      frame({
        read: '2026-11-26T10:00:10Z',
        cpuNs: 6e9,
        net: { eth0: { rx_bytes: 11_000, tx_bytes: 0 }, eth1: { rx_bytes: 0, tx_bytes: 2500 } },
        blkio: [
          { op: 'read', value: 4096 },
          { op: 'write', value: 40_960 },
        ],
      }),
      0,
    );
    expect(containerPoint(before, after, { usedBytes: 5e6, limitBytes: 1e8 })).toEqual({
      cpuCores: 0.5,
      memoryBytes: 5e6,
      memoryLimitBytes: 1e8,
      netRxBps: 1000,
      netTxBps: 200,
      blkReadBps: 0,
      blkWriteBps: 4096,
    });
  });

  it('never reports a negative rate when counters restart', () => {
    const before = countersOf(frame({ read: '2026-11-26T10:00:00Z', cpuNs: 9e9 }), 0);
    const after = countersOf(frame({ read: '2026-11-26T10:00:10Z', cpuNs: 1e9 }), 0);
    expect(containerPoint(before, after, { usedBytes: 1 })?.cpuCores).toBe(0);
  });

  it('has no point for frames at the same instant', () => {
    const a = countersOf(frame({ read: '2026-11-26T10:00:00Z', cpuNs: 1 }), 0);
    expect(containerPoint(a, a, { usedBytes: 1 })).toBeUndefined();
  });

  it('uses the fallback time for the zero time of a stopped container', () => {
    expect(countersOf(frame({ read: '0001-01-01T00:00:00Z', cpuNs: 1 }), 42).atMs).toBe(42);
  });
});
