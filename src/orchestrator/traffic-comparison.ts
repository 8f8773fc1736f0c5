import type { VerifySpec } from '../app/index.js';
import type { TrafficStats } from '../ingress/index.js';

/** The outcome of judging one check's traffic: what broke a limit, and both sides' numbers. */
export interface TrafficJudgement {
  /** One sentence per limit that was exceeded; empty when the check passed. */
  problems: string[];
  /** The new release's numbers next to the previous release's, for the verdict record. */
  summary: string;
}

/** How verdicts name the side the traffic is compared with. */
export interface BaselineNames {
  /** After "5xx rate 5.0% vs 1.0% …": `before` (the previous release) or `on stable` (a canary). */
  vs: string;
  /** Names the baseline in summaries: `previous release` or `stable`. */
  side: string;
  /** What a summary says when the baseline had no requests. */
  none: string;
  /** Show the baseline's numbers even when no relative limit is set. */
  always: boolean;
}

/** Release verification: the previous release's traffic just before the deploy. */
export const previousRelease: BaselineNames = {
  vs: 'before',
  side: 'previous release',
  none: 'no requests before the deploy',
  always: false,
};

/** A canary step: the stable replicas' traffic in the same window. */
export const stableSide: BaselineNames = {
  vs: 'on stable',
  side: 'stable',
  none: 'no requests',
  always: true,
};

const pct = (rate: number): string => `${rate.toFixed(1)}%`;
const ms = (value: number | undefined): string => (value === undefined ? '-' : `${Math.round(value)} ms`);

/** Whether the previous release's traffic is enough to compare with (the same minRequests as a check). */
export const baselineUsable = (baseline: TrafficStats | undefined, minRequests: number): boolean =>
  baseline !== undefined && baseline.requests >= minRequests;

/**
 * Judges one check's traffic against the absolute limits (`maxErrorRate`, `maxP99`) and the limits
 * relative to the previous release (`maxErrorRateIncrease` in percentage points, `maxP99Ratio`), as
 * Flagger's and Argo Rollouts' analyses do with a baseline. The baseline is the previous release's
 * traffic over the same length of time just before the deploy. When it had fewer than `minRequests`
 * requests (or there was no previous release), its 5xx share counts as 0 % (the new share must itself
 * stay under the increase) and the p99 ratio is not judged. Pure.
 *
 * @example
 * judgeTraffic({ ...spec, maxErrorRateIncrease: 2 }, { requests: 100, errors5xx: 5, errorRate: 5, p99Ms: 40 },
 *   { requests: 200, errors5xx: 2, errorRate: 1, p99Ms: 35 });
 * // problems: ['5xx rate 5.0% vs 1.0% before: +4.0 points > +2']
 */
export function judgeTraffic(
  spec: VerifySpec,
  traffic: TrafficStats,
  baseline: TrafficStats | undefined,
  names: BaselineNames = previousRelease,
): TrafficJudgement {
  const problems: string[] = [];
  const usable = baselineUsable(baseline, spec.minRequests) ? baseline : undefined;
  if (spec.maxErrorRate !== undefined && traffic.errorRate > spec.maxErrorRate) {
    problems.push(
      `5xx rate ${pct(traffic.errorRate)} > ${spec.maxErrorRate}% (${traffic.errors5xx} of ${traffic.requests})`,
    );
  }
  if (spec.maxP99Ms !== undefined && traffic.p99Ms !== undefined && traffic.p99Ms > spec.maxP99Ms) {
    problems.push(`p99 ${ms(traffic.p99Ms)} > ${spec.maxP99Ms} ms`);
  }
  if (spec.maxErrorRateIncrease !== undefined) {
    const before = usable?.errorRate ?? 0;
    const increase = traffic.errorRate - before;
    if (increase > spec.maxErrorRateIncrease) {
      problems.push(
        `5xx rate ${pct(traffic.errorRate)} vs ${usable ? pct(before) : 'no baseline (0%)'} ${names.vs}: +${increase.toFixed(1)} points > +${spec.maxErrorRateIncrease}`,
      );
    }
  }
  if (
    spec.maxP99Ratio !== undefined &&
    usable?.p99Ms !== undefined &&
    usable.p99Ms > 0 &&
    traffic.p99Ms !== undefined
  ) {
    const ratio = traffic.p99Ms / usable.p99Ms;
    if (ratio > spec.maxP99Ratio) {
      problems.push(
        `p99 ${ms(traffic.p99Ms)} vs ${ms(usable.p99Ms)} ${names.vs}: x${ratio.toFixed(2)} > x${spec.maxP99Ratio}`,
      );
    }
  }
  return { problems, summary: describeSides(spec, traffic, baseline, names) };
}

/** "100 requests, 5xx 1.0% (before 0.5% of 240), p99 40 ms (before 38 ms)". */
export function describeSides(
  spec: VerifySpec,
  traffic: TrafficStats,
  baseline: TrafficStats | undefined,
  names: BaselineNames = previousRelease,
): string {
  const relative = spec.maxErrorRateIncrease !== undefined || spec.maxP99Ratio !== undefined;
  const now = `${traffic.requests} requests, 5xx ${pct(traffic.errorRate)}, p99 ${ms(traffic.p99Ms)}`;
  if (!relative && !names.always) return now;
  if (!baseline || baseline.requests === 0) return `${now}; ${names.side}: ${names.none}`;
  const enough = baselineUsable(baseline, spec.minRequests) ? '' : ` (< minRequests ${spec.minRequests})`;
  return `${now}; ${names.side}: ${baseline.requests} requests${enough}, 5xx ${pct(baseline.errorRate)}, p99 ${ms(baseline.p99Ms)}`;
}
