import type { MetricKind, PodSample } from './pod-sample.js';

/** Replicas sorted the way replica_calculator.go `groupPods` sorts pods. */
export interface PodGroups {
  /** Replicas whose value counts as is, with their value. */
  measured: { pod: string; value: number }[];
  /** Set aside: pending replicas, and for CPU replicas not ready or still initializing. */
  unready: string[];
  /** Running replicas without a value. */
  missing: string[];
  /** Terminating replicas, left out altogether. */
  dropped: string[];
}

export interface PodTiming {
  nowMs: number;
  /** `--horizontal-pod-autoscaler-cpu-initialization-period`, 5 min by default. */
  cpuInitializationPeriodMs: number;
  /** `--horizontal-pod-autoscaler-initial-readiness-delay`, 30 s by default. */
  initialReadinessDelayMs: number;
}

/**
 * Sorts replicas as kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator.go `groupPods`
 * does: terminating replicas are dropped, pending ones set aside, replicas without a value are missing, and
 * for CPU a replica is set aside when, inside the CPU initialization period, it is not ready or its sample
 * is older than one window after its readiness changed; after that period, only when it is not ready and
 * turned not ready within the initial readiness delay of starting (it never became ready).
 *
 * @example
 * groupPods([{ pod: 'web-1', value: 0.2, ready: true, startedAtMs: 0 }], 'cpu', timing).measured; // [{ pod: 'web-1', value: 0.2 }]
 */
export function groupPods(pods: readonly PodSample[], metric: MetricKind, timing: PodTiming): PodGroups {
  const groups: PodGroups = { measured: [], unready: [], missing: [], dropped: [] };
  for (const pod of pods) {
    const phase = pod.phase ?? 'running';
    if (phase === 'terminating') groups.dropped.push(pod.pod);
    else if (phase === 'pending') groups.unready.push(pod.pod);
    else if (pod.value === undefined) groups.missing.push(pod.pod);
    else if (metric === 'cpu' && cpuSampleSetAside(pod, timing)) groups.unready.push(pod.pod);
    else groups.measured.push({ pod: pod.pod, value: pod.value });
  }
  return groups;
}

function cpuSampleSetAside(pod: PodSample, timing: PodTiming): boolean {
  const transitionMs = (pod.ready ? pod.readySinceMs : pod.unreadySinceMs) ?? pod.startedAtMs;
  if (pod.startedAtMs + timing.cpuInitializationPeriodMs > timing.nowMs) {
    const sampleTimeMs = pod.sampleTimeMs ?? timing.nowMs;
    return !pod.ready || sampleTimeMs < transitionMs + (pod.windowMs ?? 0);
  }
  return !pod.ready && pod.startedAtMs + timing.initialReadinessDelayMs > transitionMs;
}
