import type { ContainerCreateOptions } from 'dockerode';

/** Docker's container states (Engine API `ContainerState.Status`). */
export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** A container carrying Berth's labels, as observed on the engine. */
export interface ManagedContainer {
  id: string;
  name: string;
  app: string;
  service: string;
  replica: number;
  release: number;
  hash: string;
  state: ContainerState;
  /** Docker HEALTHCHECK status, when the container has one. */
  health: 'starting' | 'healthy' | 'unhealthy' | undefined;
  exitCode: number | undefined;
  oomKilled: boolean;
  /** Epoch ms; 0 when never started/finished. */
  startedAt: number;
  finishedAt: number;
  /** IP on each network, by engine network name. */
  ips: Record<string, string>;
  publishedPorts: { hostIp: string; hostPort: number; containerPort: number; protocol: string }[];
}

export interface EngineEvent {
  type: string;
  action: string;
  id: string;
  labels: Record<string, string>;
  timeNano: number;
}

export interface ImageRef {
  id: string;
  repoDigest?: string;
}

export interface HostResources {
  cpus: number;
  memoryBytes: number;
}

export type CreateContainerSpec = ContainerCreateOptions & { name: string };

/** Progress of a long engine operation (pull, build), one line at a time. */
export type ProgressListener = (line: string) => void;

/** The fields of a Docker stats sample Berth reads (Engine API ContainerStatsResponse). */
export interface ContainerStatsSample {
  read: string;
  cpu_stats: {
    cpu_usage: { total_usage: number; percpu_usage?: number[] };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  precpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number };
  memory_stats: { usage?: number; limit?: number; stats?: Record<string, number> };
  /** Per interface, cumulative since the container started (absent with `network_mode: none`/host). */
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
  /** Cumulative block I/O; `op` is `Read`/`Write` on cgroup v1 and `read`/`write` on v2. */
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
}
