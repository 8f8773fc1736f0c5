import type { DependencySpec, RestartPolicySpec } from '../app/index.js';
import type { ManagedContainer } from '../engine/index.js';
import type { BackoffConfig, RestartRecord } from './backoff.js';

/** What one service should look like, reduced to what planning needs. */
export interface DesiredService {
  name: string;
  replicas: number;
  hash: string;
  dependsOn: Readonly<Record<string, DependencySpec>>;
  restartPolicy: RestartPolicySpec;
  order: 'start-first' | 'stop-first';
  /** How many replica slots may be replaced at once (Compose update_config.parallelism; 0 = all). */
  parallelism: number;
  /** Compose update_config.delay: the wait after a batch is ready before the next one starts. */
  batchDelayMs?: number;
  /** The release is paused (update_config.failure_action: pause): start no further replacements. */
  holdReplacements?: boolean;
}

export interface ReplicaHealth {
  ready: boolean;
  livenessFailed: boolean;
  /** When the replica was first seen ready (as far as this daemon knows). */
  readySinceMs?: number;
}

export interface PlanInput {
  /** Services in dependency order; undefined when the app is taken down. */
  desired: readonly DesiredService[] | undefined;
  observed: readonly ManagedContainer[];
  /** By container id; a missing entry means "not ready". */
  health: ReadonlyMap<string, ReplicaHealth>;
  /** By container id. */
  restarts: ReadonlyMap<string, RestartRecord>;
  now: number;
  backoff: BackoffConfig;
  /**
   * By service: how many replica slots may hold a replica of the new configuration (a canary step's
   * `ceil(replicas × weight / 100)`); the other slots keep their old replicas. Absent: no limit.
   */
  replacementCaps?: ReadonlyMap<string, number>;
}

export type RemoveReason =
  | 'scale-down'
  | 'replaced'
  | 'duplicate'
  | 'not-in-spec'
  | 'app-down'
  /** Evicted for a higher-priority replica (set by the preemption scheduler, not by plan()). */
  | 'preempted';

export type Action =
  | { type: 'create'; service: string; replica: number }
  | { type: 'start'; id: string; service: string; replica: number; why: 'new' | 'crash'; attempt: number }
  | { type: 'restart'; id: string; service: string; replica: number; why: 'liveness'; attempt: number }
  | { type: 'remove'; id: string; service: string; replica: number; why: RemoveReason };

export interface Plan {
  actions: Action[];
  /** Earliest time a backoff expires; the reconciler wakes up then. */
  wakeAt: number | undefined;
  /** Services held back, e.g. by an unmet depends_on condition. */
  waiting: { service: string; reason: string }[];
  /** Replicas that will not be restarted again (restart policy exhausted or says no). */
  givenUp: { service: string; replica: number; id: string; reason: string }[];
}
