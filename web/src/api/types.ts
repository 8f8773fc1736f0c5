/**
 * The JSON the daemon answers, as the dashboard reads it. These mirror the server's types
 * (src/orchestrator/app-status.ts, src/server/release-view.ts, src/store/*) without importing them,
 * because the browser program must not depend on server code; docs/api.md is the reference.
 */

export type Role = 'viewer' | 'deployer' | 'admin';

/** Who is logged in (`GET /auth/session`). The admin token shows as `admin-token` with role admin. */
export interface SessionUser {
  name: string;
  role: Role;
  /** Apps the user may see or change; null means every app. */
  apps: string[] | null;
}

export interface SessionInfo {
  user: SessionUser;
  /** Only for cookie sessions: send it as X-CSRF-Token on mutating calls. */
  csrfToken?: string;
}

export type ReleaseStatus = 'pending' | 'active' | 'failed' | 'rolled-back' | 'superseded';

export interface ReplicaStatus {
  service: string;
  replica: number;
  id: string;
  name: string;
  state: 'created' | 'running' | 'restarting' | 'paused' | 'exited' | 'dead' | 'removing';
  ready: boolean;
  health?: 'starting' | 'healthy' | 'unhealthy';
  restarts: number;
  exitCode?: number;
  startedAt: number;
  outdated: boolean;
  release: number;
  ip?: string;
  ports: string[];
  message?: string;
}

export interface ServiceStatus {
  name: string;
  desired: number;
  running: number;
  ready: number;
  settled: number;
  completed: number;
  waiting?: string;
  replicas: ReplicaStatus[];
}

/** `GET /apps` (`{apps: AppStatus[]}`) and `GET /apps/{app}`. */
export interface AppStatus {
  app: string;
  release: number | null;
  releaseStatus: ReleaseStatus | null;
  converged: boolean;
  services: ServiceStatus[];
  failures: { service: string; replica: number; reason: string }[];
  /** Epoch milliseconds. */
  observedAt: number;
}

/** `GET /apps/{app}/releases` (`{releases}`), newest first. */
export interface ReleaseSummary {
  app: string;
  number: number;
  /** ISO 8601. */
  createdAt: string;
  reason: string;
  status: ReleaseStatus;
  message: string | null;
  verifiedAt: string | null;
  /** The deploying pipeline run's id (internal) and its number (what links and the CLI use). */
  pipelineRun: number | null;
  pipelineRunNumber?: number | null;
  services: Record<string, { image: string; imageId?: string; replicas: number }>;
}

/** `GET /apps/{app}/events` (`{events}`), newest first. */
export interface AppEvent {
  id: number;
  app: string;
  /** Epoch milliseconds. */
  at: number;
  kind: string;
  message: string;
  data: Record<string, unknown>;
}

export interface ActiveAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  activeSinceMs: number;
  firedAtMs?: number;
  value: number;
}

/** `GET /apps/{app}/alerts` (`{app, alerts}`): one entry per rule. */
export interface AlertRule {
  name: string;
  expr: string;
  severity: string;
  forMs: number;
  state: 'inactive' | 'pending' | 'firing';
  active: ActiveAlert[];
  lastEvaluatedMs?: number;
  lastError?: string;
}

export type RunStatus =
  'queued' | 'running' | 'waiting' | 'success' | 'failure' | 'cancelled' | 'superseded' | 'error';

/** `GET /apps/{app}/pipelines/runs` (`{runs}`), newest first. Times are epoch milliseconds. */
export interface PipelineRun {
  id: number;
  app: string;
  number: number;
  status: RunStatus;
  event: 'push' | 'tag' | 'manual' | 'cron';
  ref: string | null;
  commit: string | null;
  trigger: { sender: string; message?: string; branch?: string; tag?: string };
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  message: string | null;
}
