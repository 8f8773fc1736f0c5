import { createHash } from 'node:crypto';
import type { AppSpec, MountSpec, ServiceSpec } from '../app/index.js';
import { labelKeys, type CreateContainerSpec, type ImageRef } from '../engine/index.js';

export interface ReplicaConfig {
  /** Hash of everything that shapes the container; unchanged hash => the replica is left alone. */
  hash: string;
  /** Networks to connect after create (the engine attaches only one at create time on API < 1.44). */
  extraNetworks: { name: string; aliases: string[] }[];
  create: CreateContainerSpec;
}

const nanos = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : Math.round(ms * 1e6);

function mountToDocker(
  mount: MountSpec,
): NonNullable<NonNullable<CreateContainerSpec['HostConfig']>['Mounts']>[number] {
  if (mount.type === 'tmpfs') return { Type: 'tmpfs', Target: mount.target, ReadOnly: false, Source: '' };
  return { Type: mount.type, Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly };
}

/** Stable JSON (sorted keys) so equal configurations always hash alike. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Docker create options for one replica of a service. Pure: the same inputs always give the same
 * body and hash. Berth restarts containers itself (RestartPolicy "no") so it can apply backoff and
 * liveness restarts that the engine cannot (moby/moby#28400).
 */
export function replicaConfig(
  app: AppSpec,
  service: ServiceSpec,
  image: ImageRef,
  replica: number,
  release: number,
): ReplicaConfig {
  const networkKeys = Object.keys(service.networks).sort();
  const attach = networkKeys.map((key) => ({
    name: app.networks[key]?.engineName ?? `${app.name}_${key}`,
    aliases: [service.name, ...(service.networks[key]?.aliases ?? [])],
  }));
  const [primary, ...extraNetworks] = attach;
  const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  const exposed: Record<string, object> = {};
  for (const port of service.ports) {
    const key = `${port.target}/${port.protocol}`;
    exposed[key] = {};
    // Behind the ingress the proxy owns the host port and dials replicas on their network address.
    if (service.ingress && port.protocol === 'tcp' && port.published !== undefined) continue;
    (portBindings[key] ??= []).push({
      HostIp: port.hostIp ?? '',
      HostPort: port.published === undefined ? '' : String(port.published),
    });
  }
  const mounts = service.mounts.map((m) =>
    m.type === 'volume'
      ? mountToDocker({ ...m, source: app.volumes[m.source]?.engineName ?? `${app.name}_${m.source}` })
      : mountToDocker(m),
  );
  const hc = service.healthcheck;
  const body = {
    Image: image.id,
    Cmd: service.command,
    Entrypoint: service.entrypoint,
    Env: Object.entries(service.environment)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`),
    User: service.user,
    WorkingDir: service.workingDir,
    StopSignal: service.stopSignal,
    StopTimeout: Math.ceil(service.stopGracePeriodMs / 1000),
    ExposedPorts: exposed,
    Healthcheck:
      hc === undefined
        ? undefined
        : {
            Test: hc.test,
            Interval: nanos(hc.intervalMs),
            Timeout: nanos(hc.timeoutMs),
            Retries: hc.retries,
            StartPeriod: nanos(hc.startPeriodMs),
          },
    HostConfig: {
      RestartPolicy: { Name: 'no' },
      PortBindings: portBindings,
      Mounts: mounts,
      ReadonlyRootfs: service.readOnly,
      CapAdd: service.capAdd,
      CapDrop: service.capDrop,
      SecurityOpt: service.securityOpt,
      NanoCpus: service.limits.cpus === undefined ? undefined : Math.round(service.limits.cpus * 1e9),
      Memory: service.limits.memoryBytes,
      MemoryReservation: service.reservations.memoryBytes,
      CpuShares:
        service.reservations.cpus === undefined
          ? undefined
          : Math.max(2, Math.round(service.reservations.cpus * 1024)),
      PidsLimit: service.limits.pids,
      CpusetCpus: service.cpuset,
      Init: service.init,
      NetworkMode: primary?.name ?? 'none',
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
    },
    NetworkingConfig:
      primary === undefined
        ? undefined
        : { EndpointsConfig: { [primary.name]: { Aliases: primary.aliases } } },
    Labels: { ...service.labels },
  };
  const hash = createHash('sha256')
    .update(stableStringify({ body, extraNetworks }))
    .digest('hex')
    .slice(0, 12);
  const create: CreateContainerSpec = {
    ...body,
    name: `${app.name}-${service.name}-${replica}-${hash.slice(0, 8)}`,
    Labels: {
      ...service.labels,
      [labelKeys.managed]: 'true',
      [labelKeys.app]: app.name,
      [labelKeys.service]: service.name,
      [labelKeys.replica]: String(replica),
      [labelKeys.release]: String(release),
      [labelKeys.hash]: hash,
    },
  };
  return { hash, extraNetworks, create };
}
