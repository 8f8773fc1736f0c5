/**
 * The normalised app model every backend consumes. Produced from a Compose file by `loadCompose`;
 * durations are in milliseconds, sizes in bytes, CPUs as fractional cores. Frozen once built.
 */
export interface AppSpec {
  /** Project name: lowercase letters, digits, `-` and `_`, starting with a letter or digit. */
  name: string;
  services: Record<string, ServiceSpec>;
  networks: Record<string, NetworkSpec>;
  volumes: Record<string, VolumeSpec>;
  /** App-level `x-berth.logs`: overrides of the daemon's log and metric retention. */
  logs?: AppLogsSpec;
  /** App-level `x-berth.alerts`: rules on LogQL metric queries over this app's logs. */
  alerts?: AlertRuleSpec[];
}

export interface AppLogsSpec {
  retentionMs?: number;
  maxBytes?: number;
}

/**
 * An alert: fires when the metric query has a point at evaluation time (write the threshold into the
 * query, `... > 5`) for `forMs` in a row, like Prometheus and the Loki ruler. Selectors only ever see
 * this app's streams.
 */
export interface AlertRuleSpec {
  name: string;
  expr: string;
  forMs: number;
  /** Evaluation interval. */
  everyMs: number;
  severity: 'info' | 'warning' | 'critical';
  /** Called with a JSON notification when the alert fires and when it resolves. */
  webhook?: string;
  summary?: string;
}

export interface NetworkSpec {
  /** Name on the engine (`<app>_<key>` unless `external`). */
  engineName: string;
  external: boolean;
  internal: boolean;
  driver?: string;
  labels: Record<string, string>;
}

export interface VolumeSpec {
  engineName: string;
  external: boolean;
  driver?: string;
  labels: Record<string, string>;
}

export interface BuildSpec {
  /** Absolute path of the build context on the daemon's host. */
  context: string;
  /** Dockerfile path relative to the context. */
  dockerfile: string;
  args: Record<string, string>;
  target?: string;
}

export interface PortSpec {
  /** Host IP to bind; Compose's default is all interfaces, Berth keeps that default. */
  hostIp?: string;
  /** Host port; undefined publishes on an ephemeral port. */
  published?: number;
  target: number;
  protocol: 'tcp' | 'udp';
}

export type MountSpec =
  | { type: 'volume'; source: string; target: string; readOnly: boolean }
  | { type: 'bind'; source: string; target: string; readOnly: boolean }
  | { type: 'tmpfs'; target: string; readOnly: false };

export interface HealthcheckSpec {
  /** Docker `Test` array, e.g. ['CMD-SHELL', 'wget -q -O- localhost'] or ['NONE']. */
  test: string[];
  intervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  startPeriodMs?: number;
}

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface DependencySpec {
  condition: DependencyCondition;
  /** Compose `restart: true`: restart this service when the dependency restarts (recorded, not yet acted on). */
  restart: boolean;
  required: boolean;
}

export interface ResourceSpec {
  cpus?: number;
  memoryBytes?: number;
  pids?: number;
}

export interface RestartPolicySpec {
  condition: 'none' | 'on-failure' | 'any';
  delayMs?: number;
  maxAttempts?: number;
  windowMs?: number;
}

export interface UpdateConfigSpec {
  parallelism: number;
  delayMs: number;
  failureAction: 'continue' | 'rollback' | 'pause';
  monitorMs: number;
  maxFailureRatio: number;
  order: 'stop-first' | 'start-first';
}

/** Kubernetes-style probe (k8s.io/api/core/v1 Probe semantics and defaults). */
export interface ProbeSpec {
  handler: ProbeHandler;
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

export type ProbeHandler =
  | { type: 'http'; port: number; path: string; scheme: 'http' | 'https'; headers: Record<string, string> }
  | { type: 'tcp'; port: number }
  | { type: 'exec'; command: string[] };

export interface ServiceSpec {
  name: string;
  image: string;
  build?: BuildSpec;
  pullPolicy: 'missing' | 'never' | 'always' | 'build';
  command?: string[];
  entrypoint?: string[];
  environment: Record<string, string>;
  ports: PortSpec[];
  mounts: MountSpec[];
  /** Network keys (into AppSpec.networks) with the aliases to register on each. */
  networks: Record<string, { aliases: string[] }>;
  healthcheck?: HealthcheckSpec;
  dependsOn: Record<string, DependencySpec>;
  user?: string;
  workingDir?: string;
  readOnly: boolean;
  capAdd: string[];
  capDrop: string[];
  securityOpt: string[];
  labels: Record<string, string>;
  replicas: number;
  limits: ResourceSpec;
  reservations: ResourceSpec;
  restartPolicy: RestartPolicySpec;
  updateConfig: UpdateConfigSpec;
  stopGracePeriodMs: number;
  stopSignal?: string;
  init?: boolean;
  /** CPUs the replicas may run on (Compose `cpuset`, Docker CpusetCpus), e.g. "0-1". */
  cpuset?: string;
  probes: { readiness?: ProbeSpec; liveness?: ProbeSpec };
  /** HTTP ingress through Berth's proxy for the published ports (`x-berth.ingress`). */
  ingress?: IngressSpec;
  rollout: RolloutSpec;
  /** Horizontal autoscaling (`x-berth.autoscale`); replicas then only sets the starting count. */
  autoscale?: AutoscaleConfig;
  /** Log collection settings (`x-berth.logs`). */
  logs?: ServiceLogsSpec;
  /** Scheduling priority (`x-berth.priority`, `x-berth.preemptionPolicy`); absent means priority 0. */
  priority?: PrioritySpec;
}

/**
 * Kubernetes PriorityClass semantics on one host: when reservations do not fit, a replica of a higher
 * `value` may evict replicas of lower values (never equal or higher), unless its policy is `Never`.
 */
export interface PrioritySpec {
  /** -2147483648 to 1000000000, higher wins; 0 when not given (Kubernetes' default). */
  value: number;
  preemptionPolicy: 'PreemptLowerPriority' | 'Never';
}

export interface ServiceLogsSpec {
  /** Multiline grouping: a preset, or a regex whose matching line starts a new entry. */
  multiline?: 'off' | 'stacktrace' | { start: string };
}

/** Targets of the Kubernetes HPA algorithm, run by Berth on one host. */
export interface AutoscaleConfig {
  min: number;
  max: number;
  /** Average CPU use as a percent of each replica's CPU reservation (or limit, or one core). */
  cpuPercent?: number;
  /** Average memory use as a percent of each replica's memory reservation (or limit). */
  memoryPercent?: number;
  /** Requests per second per replica, measured at the ingress. */
  rpsPerReplica?: number;
  syncPeriodMs: number;
  scaleDownStabilizationMs: number;
  tolerance: number;
}

export interface IngressSpec {
  /** Host names to match; empty routes every request on the published port. */
  hosts: string[];
  /** Time a replica stays out of the proxy before it is stopped, so in-flight requests finish. */
  drainMs: number;
}

export interface RolloutSpec {
  /** A release whose replicas are not all ready after this long is rolled back (Kubernetes progressDeadlineSeconds). */
  progressDeadlineMs: number;
  /** Roll back automatically when the deadline passes or replicas crash-loop. */
  autoRollback: boolean;
  /** Kubernetes-style rollout budget (count or "25%"); when set it replaces update_config order/parallelism. */
  maxSurge?: number | `${number}%`;
  maxUnavailable?: number | `${number}%`;
  /** Analysis of the new release's traffic at the ingress before it counts as verified. */
  verify?: VerifySpec;
  /**
   * `strategy: canary` with its `steps` (absent: `strategy: rolling`, the default): the new
   * configuration gets each step's share of the ingress traffic, verified before the next step.
   */
  canary?: CanarySpec;
}

/** Argo Rollouts' setWeight + pause steps, on Berth's ingress (weights through repeated DNS records). */
export interface CanarySpec {
  /** At least one step; weights strictly increasing from 1 to 100. */
  steps: CanaryStep[];
}

export interface CanaryStep {
  /** Percent of the service's requests sent to replicas of the new configuration. */
  weight: number;
  /** How long the step holds (and its traffic is verified) before the next one; at least 1 s. */
  pauseMs: number;
}

/** Flagger/Argo-style verification: checks every `intervalMs` over `windowMs`; `failureLimit` failed checks roll back. */
export interface VerifySpec {
  windowMs: number;
  intervalMs: number;
  /** Highest acceptable share of 5xx answers, in percent. */
  maxErrorRate?: number;
  /** Highest acceptable 99th-percentile latency. */
  maxP99Ms?: number;
  /**
   * Highest acceptable rise of the 5xx share, in percentage points, over the previous release's share in
   * the same length of time just before the deploy (same access log).
   */
  maxErrorRateIncrease?: number;
  /** Highest acceptable ratio of the new p99 latency to the previous release's p99 before the deploy. */
  maxP99Ratio?: number;
  failureLimit: number;
  /** Fewer requests than this in a check makes it inconclusive (neither passed nor failed). */
  minRequests: number;
}
