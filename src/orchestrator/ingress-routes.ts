import type { ManagedContainer } from '../engine/index.js';
import { weightedUpstreams, type IngressRoute } from '../ingress/index.js';
import type { DesiredApp } from './desired-state.js';
import type { ReplicaHealth } from './plan-types.js';

/** A replica's address on its service's first network (any address when that is unknown). */
export function replicaIp(c: ManagedContainer, desired: DesiredApp | undefined): string | undefined {
  const service = desired?.specs.get(c.service);
  const key = Object.keys(service?.networks ?? {}).sort()[0];
  const network = key === undefined ? undefined : desired?.release.spec.networks[key]?.engineName;
  return (network === undefined ? undefined : c.ips[network]) ?? Object.values(c.ips)[0];
}

/** `ip:port` the proxy dials for a replica, on the service's first network. */
export function upstreamOf(c: ManagedContainer, desired: DesiredApp, target: number): string | undefined {
  const ip = replicaIp(c, desired);
  return ip === undefined ? undefined : `${ip}:${target}`;
}

/** Every `ip:port` the proxy may dial for these replicas (each published port of their services). */
export function upstreamsOf(containers: readonly ManagedContainer[], desired: DesiredApp): Set<string> {
  return new Set(
    containers.flatMap((c) =>
      (desired.specs.get(c.service)?.ports ?? []).map((p) => upstreamOf(c, desired, p.target) ?? ''),
    ),
  );
}

/**
 * How long to wait before stopping the replicas being removed: the longest drain time of those the
 * proxy routed before this pass (every one when the app is going down), 0 when none was routed.
 */
export function drainBeforeRemovalMs(
  desired: DesiredApp | undefined,
  observed: readonly ManagedContainer[],
  removing: ReadonlySet<string>,
  routedBefore: ReadonlySet<string>,
): number {
  let drainMs = 0;
  for (const c of observed) {
    if (!removing.has(c.id)) continue;
    const spec = desired?.specs.get(c.service);
    const wasRouted =
      desired !== undefined && [...upstreamsOf([c], desired)].some((u) => routedBefore.has(u));
    const routedAnyway = desired === undefined && routedBefore.size > 0;
    if (wasRouted || routedAnyway) drainMs = Math.max(drainMs, spec?.ingress?.drainMs ?? 2000);
  }
  return drainMs;
}

/**
 * A canary's traffic split for one service: replicas of configuration `canaryHash` get `percent` of the
 * requests and the other replicas the rest (0 after a failed canary: the stable replicas take it all).
 */
export interface TrafficSplit {
  service: string;
  canaryHash: string;
  percent: number;
}

/**
 * The ingress routes of one app: for every published TCP port of a service with `x-berth.ingress`,
 * the ready, running replicas that are not about to be removed. A service with a `split` lists its
 * replicas with repeats so that round robin gives the canary its weight (see weightedUpstreams). Pure.
 */
export function ingressRoutes(
  desired: DesiredApp | undefined,
  observed: readonly ManagedContainer[],
  health: ReadonlyMap<string, ReplicaHealth>,
  excluded: ReadonlySet<string>,
  /** Running replicas whose readiness is not known yet but which the proxy routed before (daemon restart). */
  keep: (c: ManagedContainer) => boolean = () => false,
  splits: readonly TrafficSplit[] = [],
): IngressRoute[] {
  if (!desired) return [];
  const app = desired.release.spec.name;
  const routes: IngressRoute[] = [];
  for (const [name, service] of desired.specs) {
    if (!service.ingress) continue;
    for (const port of service.ports) {
      if (port.protocol !== 'tcp' || port.published === undefined) continue;
      const routed = observed.filter(
        (c) =>
          c.service === name &&
          c.state === 'running' &&
          !excluded.has(c.id) &&
          (health.get(c.id)?.ready === true || keep(c)),
      );
      const addresses = (list: readonly ManagedContainer[]): string[] =>
        list
          .map((c) => upstreamOf(c, desired, port.target))
          .filter((u): u is string => u !== undefined)
          .sort();
      const split = splits.find((s) => s.service === name);
      const upstreams = split
        ? weightedUpstreams(
            addresses(routed.filter((c) => c.hash !== split.canaryHash)),
            addresses(routed.filter((c) => c.hash === split.canaryHash)),
            split.percent,
          ).upstreams
        : addresses(routed);
      routes.push({
        id: `berth_${app}_${name}_${port.published}`.replace(/[^a-zA-Z0-9_]/g, '_'),
        app,
        service: name,
        listen: { hostIp: port.hostIp, port: port.published },
        hosts: service.ingress.hosts,
        targetPort: port.target,
        upstreams,
      });
    }
  }
  return routes;
}
