/**
 * The metrics Berth autoscales on. As in Kubernetes, only `cpu` gets the readiness and CPU-initialization
 * handling (replica_calculator.go groupPods checks `resource == v1.ResourceCPU`).
 */
export type MetricKind = 'cpu' | 'memory' | 'rps';

/**
 * One replica's reading of one metric. Kubernetes calls a replica a pod; the field names follow the pod
 * status fields that kube-controller-manager's HPA reads (phase, Ready condition, startTime).
 */
export interface PodSample {
  /** Replica name, unique within the service. */
  pod: string;
  /** CPU in cores, memory in bytes, or requests per second; `undefined` when the replica has no metric. */
  value?: number;
  /** Readiness as Berth's probes see it (the pod's Ready condition). */
  ready: boolean;
  startedAtMs: number;
  /** When a ready replica became ready (the Ready condition's lastTransitionTime); defaults to `startedAtMs`. */
  readySinceMs?: number;
  /** When a not-ready replica became not ready; defaults to `startedAtMs` (it was never ready). */
  unreadySinceMs?: number;
  /**
   * `pending`: created but not running yet (set aside like a not-ready replica, for every metric);
   * `terminating`: stopping, removed or failed (dropped entirely, like a pod with a deletionTimestamp or in
   * phase Failed/Succeeded). Defaults to `running`.
   */
  phase?: 'pending' | 'running' | 'terminating';
  /** When the sample was taken (the end of its window); defaults to now. */
  sampleTimeMs?: number;
  /** The span the sample averages over (metrics-server's `window`); defaults to 0. */
  windowMs?: number;
}
