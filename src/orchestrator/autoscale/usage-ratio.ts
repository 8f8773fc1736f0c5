/**
 * Kubernetes holds metric values as int64 milli-units (`resource.Quantity.MilliValue()`) and divides them
 * as integers, which truncates. Berth does the same with bigint so that results match to the replica:
 * e.g. 24.75 % utilization is reported, and compared with the target, as 24 %.
 *
 * @example
 * toMilli(0.25); // 250n
 */
export function toMilli(value: number): bigint {
  return BigInt(Math.round(value * 1000));
}

export interface UsageMeasure {
  /** Current value ÷ target value. */
  ratio: number;
  /** The value Kubernetes reports in HPA status: whole-percent utilization, or the average value. */
  current: number;
}

/**
 * Utilization ratio as kubernetes/kubernetes pkg/controller/podautoscaler/metrics/utilization.go
 * `GetResourceUtilizationRatio`: utilization = ⌊Σusage × 100 ÷ Σrequest⌋ over the replicas that have both;
 * ratio = utilization ÷ target. Returns a message when no replica has a request.
 *
 * @example
 * resourceUtilizationRatio(new Map([['a', 500n]]), new Map([['a', 1000n]]), 30); // { ratio: 50 / 30, current: 50 }
 */
export function resourceUtilizationRatio(
  usage: ReadonlyMap<string, bigint>,
  requests: ReadonlyMap<string, bigint>,
  targetPercent: number,
): UsageMeasure | string {
  let usageTotal = 0n;
  let requestTotal = 0n;
  for (const [pod, value] of usage) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    usageTotal += value;
    requestTotal += request;
  }
  if (requestTotal === 0n) return 'no measured replica has a non-zero reservation to divide its usage by';
  const utilization = Number((usageTotal * 100n) / requestTotal);
  return { ratio: utilization / targetPercent, current: utilization };
}

/**
 * Average-value ratio as utilization.go `GetMetricUsageRatio`: average = ⌊Σvalue ÷ n⌋ in milli-units;
 * ratio = average ÷ target. `current` is the average in the metric's own unit.
 *
 * @example
 * metricUsageRatio(new Map([['a', 20_000n], ['b', 10_000n], ['c', 30_000n]]), 15_000n); // { ratio: 4 / 3, current: 20 }
 */
export function metricUsageRatio(usage: ReadonlyMap<string, bigint>, targetMilli: bigint): UsageMeasure {
  let total = 0n;
  for (const value of usage.values()) total += value;
  const average = total / BigInt(usage.size);
  return { ratio: Number(average) / Number(targetMilli), current: Number(average) / 1000 };
}
