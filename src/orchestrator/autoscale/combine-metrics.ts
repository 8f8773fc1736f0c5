import type { MetricFailure, MetricProposal, MetricResult } from './metric-result.js';
import type { MetricKind } from './pod-sample.js';

export type CombinedRecommendation =
  | {
      ok: true;
      /** The largest count any valid metric asks for. */
      replicas: number;
      /** The metric that asked for it. */
      metric: MetricKind;
      /** Metrics that failed but did not stop a scale-up or a hold. */
      invalid: readonly MetricFailure[];
    }
  | { ok: false; reason: string; invalid: readonly MetricFailure[] };

/**
 * Several metrics → one recommendation, as horizontal.go `computeReplicasForMetrics`: the largest proposal
 * wins. When every metric failed, or some failed and the others would scale down, there is no
 * recommendation (the HPA skips this round); a scale-up, or holding the count, still goes ahead.
 *
 * @example
 * combineMetrics([cpuAsksFor4, rpsFailed], 3); // { ok: true, replicas: 4, metric: 'cpu', invalid: [rpsFailed] }
 */
export function combineMetrics(
  results: readonly MetricResult[],
  currentReplicas: number,
): CombinedRecommendation {
  let best: MetricProposal | undefined;
  const invalid: MetricFailure[] = [];
  for (const result of results) {
    if (!result.ok) invalid.push(result);
    // Same test as Kubernetes (`replicas == 0 || proposal > replicas`), so ties and zeros name the same metric.
    else if (best === undefined || best.replicas === 0 || result.replicas > best.replicas) best = result;
  }
  const [firstInvalid] = invalid;
  if (best === undefined) {
    const reason =
      firstInvalid === undefined
        ? 'no metric is configured'
        : `invalid metrics (${invalid.length} invalid out of ${results.length}), first error is: ${firstInvalid.error}`;
    return { ok: false, reason, invalid };
  }
  if (firstInvalid !== undefined && best.replicas < currentReplicas) {
    const reason = `not scaling down to ${best.replicas} while ${invalid.length} of ${results.length} metrics are invalid; first error is: ${firstInvalid.error}`;
    return { ok: false, reason, invalid };
  }
  return { ok: true, replicas: best.replicas, metric: best.metric, invalid };
}
