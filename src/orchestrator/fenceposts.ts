/** An absolute count or a percentage of the desired replicas, as in Kubernetes' IntOrString. */
export type IntOrPercent = number | `${number}%`;

function scaled(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const percent = Number(value.slice(0, -1));
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * Kubernetes' ResolveFenceposts (pkg/controller/deployment/util/deployment_util.go): maxSurge rounds
 * up, maxUnavailable rounds down, and when both end up 0, maxUnavailable becomes 1 so a rollout can
 * always make progress.
 *
 * @example
 * resolveFenceposts(10, '25%', '25%'); // { surge: 3, unavailable: 2 }
 */
export function resolveFenceposts(
  replicas: number,
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
): { surge: number; unavailable: number } {
  const surge = scaled(maxSurge, replicas, true);
  let unavailable = scaled(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
