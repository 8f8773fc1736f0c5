import { describe, expect, it } from 'vitest';
import { cpuPercentFromStats, memoryUsedBytes, type DockerCpuStats } from './docker-stats.js';

function cpuStats(total: number, system: number, extra: Partial<DockerCpuStats> = {}): DockerCpuStats {
  return { cpu_usage: { total_usage: total }, system_cpu_usage: system, ...extra };
}

// docker/cli cli/command/container/stats_helpers.go
describe('cpuPercentFromStats', () => {
  it.each([
    [
      'Δcontainer ÷ Δsystem × online CPUs × 100',
      cpuStats(1e8, 1e9),
      cpuStats(3e8, 2e9, { online_cpus: 4 }),
      undefined,
      80,
    ],
    [
      'uses the CPU count given over the frame’s',
      cpuStats(1e8, 1e9),
      cpuStats(3e8, 2e9, { online_cpus: 4 }),
      2,
      40,
    ],
    [
      'falls back to the per-CPU usage list (cgroup v1)',
      cpuStats(1e8, 1e9),
      { cpu_usage: { total_usage: 3e8, percpu_usage: [1, 1] }, system_cpu_usage: 2e9 },
      undefined,
      40,
    ],
    [
      'is 0 when the container used no CPU',
      cpuStats(1e8, 1e9),
      cpuStats(1e8, 2e9, { online_cpus: 4 }),
      undefined,
      0,
    ],
    [
      'is 0 on the first frame (no system delta)',
      cpuStats(0, 0),
      cpuStats(3e8, 0, { online_cpus: 4 }),
      undefined,
      0,
    ],
  ])('%s', (_name, previous, current, onlineCpus, percent) => {
    expect(cpuPercentFromStats(previous, current, onlineCpus)).toBeCloseTo(percent, 10);
  });
});

describe('memoryUsedBytes', () => {
  it.each([
    ['subtracts inactive_file on cgroup v2', { usage: 100, stats: { inactive_file: 30 } }, 70],
    [
      'subtracts total_inactive_file on cgroup v1',
      { usage: 100, stats: { total_inactive_file: 40, inactive_file: 30 } },
      60,
    ],
    [
      'falls through to inactive_file when the v1 value is not smaller',
      { usage: 100, stats: { total_inactive_file: 100 } },
      100,
    ],
    ['keeps the usage when inactive_file is not smaller', { usage: 100, stats: { inactive_file: 150 } }, 100],
    ['is the usage without a stats map', { usage: 100 }, 100],
    ['is 0 for a stopped container', {}, 0],
  ])('%s', (_name, stats, bytes) => {
    expect(memoryUsedBytes(stats)).toBe(bytes);
  });
});
