import { resolveBehavior, type ScalingBehavior, type ScalingRules } from './behavior.js';
import { defaultCpuInitializationPeriodMs, defaultInitialReadinessDelayMs } from './desired-replicas.js';
import { defaultTolerance } from './tolerance.js';

/**
 * A service's autoscaling settings as a user writes them. Each metric given becomes one HPA metric:
 * `cpuPercent` and `memoryPercent` are utilization targets (whole percent of the replica's
 * `deploy.resources.reservations`), `rpsPerReplica` an average-value target. With none given, CPU at 80 %
 * is used, as the autoscaling/v2 default.
 */
export interface AutoscaleSpec {
  min: number;
  max: number;
  cpuPercent?: number;
  memoryPercent?: number;
  rpsPerReplica?: number;
  /** How often the caller runs `decide` (`--horizontal-pod-autoscaler-sync-period`); default 15 s. */
  syncPeriodMs?: number;
  /** Scale-down stabilization window; default 300 s. */
  scaleDownStabilizationMs?: number;
  /** Default 0.1. */
  tolerance?: number;
  /** Default 5 min. */
  cpuInitializationPeriodMs?: number;
  /** Default 30 s. */
  initialReadinessDelayMs?: number;
  /** autoscaling/v2 `behavior.scaleUp` overrides. */
  scaleUp?: Partial<ScalingRules>;
  /** autoscaling/v2 `behavior.scaleDown` overrides (its window defaults to `scaleDownStabilizationMs`). */
  scaleDown?: Partial<ScalingRules>;
}

/** An {@link AutoscaleSpec} with every default applied. */
export interface ResolvedAutoscaleSpec {
  min: number;
  max: number;
  cpuPercent?: number;
  memoryPercent?: number;
  rpsPerReplica?: number;
  syncPeriodMs: number;
  tolerance: number;
  cpuInitializationPeriodMs: number;
  initialReadinessDelayMs: number;
  behavior: ScalingBehavior;
}

/** `--horizontal-pod-autoscaler-sync-period`. */
export const defaultSyncPeriodMs = 15_000;
/** autoscaling/v2 defaults.go `DefaultCPUUtilization`. */
export const defaultCpuPercent = 80;

/**
 * Applies the defaults. It does not validate (1 ≤ min ≤ max and positive targets are the loader's job).
 *
 * @example
 * resolveAutoscaleSpec({ min: 1, max: 10 }).cpuPercent; // 80
 */
export function resolveAutoscaleSpec(spec: AutoscaleSpec): ResolvedAutoscaleSpec {
  const noMetric =
    spec.cpuPercent === undefined && spec.memoryPercent === undefined && spec.rpsPerReplica === undefined;
  const cpuPercent = noMetric ? defaultCpuPercent : spec.cpuPercent;
  return {
    min: spec.min,
    max: spec.max,
    ...(cpuPercent === undefined ? {} : { cpuPercent }),
    ...(spec.memoryPercent === undefined ? {} : { memoryPercent: spec.memoryPercent }),
    ...(spec.rpsPerReplica === undefined ? {} : { rpsPerReplica: spec.rpsPerReplica }),
    syncPeriodMs: spec.syncPeriodMs ?? defaultSyncPeriodMs,
    tolerance: spec.tolerance ?? defaultTolerance,
    cpuInitializationPeriodMs: spec.cpuInitializationPeriodMs ?? defaultCpuInitializationPeriodMs,
    initialReadinessDelayMs: spec.initialReadinessDelayMs ?? defaultInitialReadinessDelayMs,
    behavior: resolveBehavior({
      minReplicas: spec.min,
      maxReplicas: spec.max,
      ...(spec.scaleUp === undefined ? {} : { scaleUp: spec.scaleUp }),
      scaleDown: {
        ...spec.scaleDown,
        stabilizationWindowMs: spec.scaleDown?.stabilizationWindowMs ?? spec.scaleDownStabilizationMs,
      },
    }),
  };
}
