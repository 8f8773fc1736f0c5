import type { MetricKind } from './pod-sample.js';

/** What one metric recommends, with everything that went into it (for the decision record). */
export interface MetricProposal {
  ok: true;
  metric: MetricKind;
  /** The replica count this metric asks for. */
  replicas: number;
  /** Current ÷ target over the measured replicas: the ratio Kubernetes reports. */
  ratio: number;
  /** Whole-percent utilization, or the average value in the metric's unit, over the measured replicas. */
  current: number;
  /** The ratio recomputed with missing and not-ready replicas filled in, when that step ran. */
  adjustedRatio?: number;
  /** Replicas whose own value counted. */
  measured: number;
  unready: readonly string[];
  missing: readonly string[];
  dropped: readonly string[];
  /** Which branch of the algorithm produced `replicas`. */
  reason: string;
}

/** A metric that could not be turned into a replica count (Kubernetes: an invalid metric). */
export interface MetricFailure {
  ok: false;
  metric: MetricKind;
  error: string;
}

export type MetricResult = MetricProposal | MetricFailure;
