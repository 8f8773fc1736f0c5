import type { AutoscaleConfig } from './app-spec.js';
import { composeError } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { checkKeys, readMap } from './read-collection.js';
import { readDuration, readInt, readNumber } from './read-scalar.js';

const strict = { extensions: false } as const;
const hint =
  'Write e.g. autoscale: { min: 2, max: 10, cpu: 70 } (cpu and memory in percent, rps per replica).';

/**
 * `x-berth.autoscale: { min, max, cpu, memory, rps, syncPeriod, scaleDownStabilization, tolerance }` with
 * the Kubernetes HPA defaults (15 s loop, 300 s scale-down stabilisation, tolerance 0.1).
 */
export function loadAutoscale(node: ComposeNode): AutoscaleConfig {
  const map = readMap(node, hint);
  const f = checkKeys(
    map,
    ['min', 'max', 'cpu', 'memory', 'rps', 'syncPeriod', 'scaleDownStabilization', 'tolerance'],
    strict,
  );
  const get = <T>(key: string, read: (n: ComposeNode) => T): T | undefined => {
    const value = f.get(key);
    return value === undefined ? undefined : read(value);
  };
  const min = get('min', (n) => readInt(n, { min: 1, hint })) ?? 1;
  const maxNode = f.get('max');
  if (maxNode === undefined) throw composeError('BERTH_COMPOSE_INVALID', map, 'autoscale needs "max"', hint);
  const max = readInt(maxNode, { min: 1, max: 1000, hint });
  if (max < min) throw composeError('BERTH_COMPOSE_INVALID', maxNode, `max ${max} is below min ${min}`, hint);
  const cpuPercent = get('cpu', (n) => readNumber(n, { min: 1, max: 10_000, hint }));
  const memoryPercent = get('memory', (n) => readNumber(n, { min: 1, max: 10_000, hint }));
  const rpsPerReplica = get('rps', (n) => readNumber(n, { min: 0.001, hint }));
  if (cpuPercent === undefined && memoryPercent === undefined && rpsPerReplica === undefined) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      map,
      'autoscale needs at least one target: cpu, memory or rps',
      hint,
    );
  }
  return {
    min,
    max,
    ...(cpuPercent === undefined ? {} : { cpuPercent }),
    ...(memoryPercent === undefined ? {} : { memoryPercent }),
    ...(rpsPerReplica === undefined ? {} : { rpsPerReplica }),
    syncPeriodMs:
      get('syncPeriod', (n) => readDuration(n, { min: 1000, hint: 'Write at least 1s.' })) ?? 15_000,
    scaleDownStabilizationMs: get('scaleDownStabilization', (n) => readDuration(n)) ?? 300_000,
    tolerance:
      get('tolerance', (n) => readNumber(n, { min: 0, max: 1, hint: 'Write a fraction, e.g. 0.1.' })) ?? 0.1,
  };
}
