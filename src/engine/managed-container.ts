import type Docker from 'dockerode';
import type { ContainerState, ManagedContainer } from './engine-types.js';
import { labelKeys } from './labels.js';

/** Docker HEALTHCHECK status from the list's status text ("Up 3 seconds (healthy)"). */
export function healthOf(status: string): ManagedContainer['health'] {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return undefined;
}

const epochMs = (iso: string | undefined): number => {
  const t = iso === undefined ? NaN : Date.parse(iso);
  return Number.isFinite(t) && t > 0 ? t : 0;
};

/** Berth's view of a labelled container, from its list entry and its inspect result. Pure. */
export function toManagedContainer(
  info: Docker.ContainerInfo,
  inspected: Docker.ContainerInspectInfo,
): ManagedContainer {
  const state = inspected.State;
  const labels = info.Labels;
  const ips: Record<string, string> = {};
  for (const [name, net] of Object.entries(info.NetworkSettings.Networks)) {
    const ip = (net as { IPAddress?: string }).IPAddress;
    if (ip) ips[name] = ip;
  }
  // Inspect, not the list: right after a `die` event the list can still say "running" while inspect
  // already says "exited" (measured by bench/restart.ts), and the event is our cue to act.
  const status = (state.Status || info.State) as ContainerState;
  return {
    id: info.Id,
    name: (info.Names[0] ?? '').replace(/^\//, ''),
    app: labels[labelKeys.app] ?? '',
    service: labels[labelKeys.service] ?? '',
    replica: Number(labels[labelKeys.replica] ?? 0),
    release: Number(labels[labelKeys.release] ?? 0),
    hash: labels[labelKeys.hash] ?? '',
    state: status,
    health: healthOf(info.Status),
    exitCode: status === 'running' ? undefined : state.ExitCode,
    oomKilled: state.OOMKilled,
    startedAt: epochMs(state.StartedAt),
    finishedAt: epochMs(state.FinishedAt),
    ips,
    publishedPorts: info.Ports.filter((p) => p.PublicPort).map((p) => ({
      hostIp: p.IP,
      hostPort: p.PublicPort,
      containerPort: p.PrivatePort,
      protocol: p.Type,
    })),
  };
}
