import type { ContainerState } from '../engine/index.js';
import type { ReleaseStatus } from '../store/index.js';

/** One replica as `berth ps` shows it. */
export interface ReplicaStatus {
  service: string;
  replica: number;
  id: string;
  name: string;
  state: ContainerState;
  ready: boolean;
  /** Docker HEALTHCHECK status, if the image or Compose file defines one. */
  health: 'starting' | 'healthy' | 'unhealthy' | undefined;
  /** Restarts Berth made (crash or liveness), since the daemon started. */
  restarts: number;
  exitCode: number | undefined;
  startedAt: number;
  /** True while a replica of an older configuration waits to be replaced. */
  outdated: boolean;
  release: number;
  ip: string | undefined;
  ports: string[];
  /** Why it is not ready or not running (probe result, engine error, crash loop). */
  message: string | undefined;
}

export interface ServiceStatus {
  name: string;
  desired: number;
  running: number;
  ready: number;
  /** Ready for at least the minimum ready time, or completed successfully (one-shot jobs). */
  settled: number;
  /** Replicas of a run-to-completion service that exited 0. */
  completed: number;
  waiting: string | undefined;
  replicas: ReplicaStatus[];
}

export interface ReplicaFailure {
  service: string;
  replica: number;
  reason: string;
}

export interface AppStatus {
  app: string;
  release: number | null;
  releaseStatus: ReleaseStatus | null;
  /** Every desired replica runs the current configuration and is ready; nothing else is left. */
  converged: boolean;
  services: ServiceStatus[];
  /** Replicas that crash-loop, failed to start, or were given up on: `berth up` reports these. */
  failures: ReplicaFailure[];
  observedAt: number;
}
