/** autoscaling/v2 HPAScalingPolicy: at most `value` pods, or `value` percent, of change per period. */
export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodMs: number;
}

/** autoscaling/v2 HPAScalingRules for one direction. */
export interface ScalingRules {
  stabilizationWindowMs: number;
  /** `Max` picks the policy allowing the most change, `Min` the least, `Disabled` forbids this direction. */
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: readonly ScalingPolicy[];
}

/** The replica bounds plus autoscaling/v2 `behavior`, fully defaulted. */
export interface ScalingBehavior {
  minReplicas: number;
  maxReplicas: number;
  scaleUp: ScalingRules;
  scaleDown: ScalingRules;
}

export interface ScalingBehaviorInput {
  minReplicas: number;
  maxReplicas: number;
  scaleUp?: Partial<ScalingRules>;
  scaleDown?: Partial<ScalingRules>;
}

/** `--horizontal-pod-autoscaler-downscale-stabilization`. */
export const defaultScaleDownStabilizationMs = 300_000;

/**
 * Defaults of kubernetes/kubernetes pkg/apis/autoscaling/v2/defaults.go, documented under "Default
 * Behavior" on https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/: scale up at
 * once by max(4 pods, 100 %) per 15 s; scale down by up to 100 % per 15 s after a 300 s window.
 */
export const defaultScaleUpRules: ScalingRules = {
  stabilizationWindowMs: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodMs: 15_000 },
    { type: 'Percent', value: 100, periodMs: 15_000 },
  ],
};

export const defaultScaleDownRules: ScalingRules = {
  stabilizationWindowMs: defaultScaleDownStabilizationMs,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodMs: 15_000 }],
};

/**
 * Fills unset fields with the Kubernetes defaults, field by field (defaults.go `copyHPAScalingRules`).
 *
 * @example
 * resolveBehavior({ minReplicas: 1, maxReplicas: 10, scaleDown: { stabilizationWindowMs: 60_000 } });
 */
export function resolveBehavior(input: ScalingBehaviorInput): ScalingBehavior {
  return {
    minReplicas: input.minReplicas,
    maxReplicas: input.maxReplicas,
    scaleUp: { ...defaultScaleUpRules, ...definedFields(input.scaleUp) },
    scaleDown: { ...defaultScaleDownRules, ...definedFields(input.scaleDown) },
  };
}

function definedFields(rules: Partial<ScalingRules> | undefined): Partial<ScalingRules> {
  if (rules === undefined) return {};
  return Object.fromEntries(Object.entries(rules).filter(([, value]) => value !== undefined));
}
