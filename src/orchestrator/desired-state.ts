import { topologicalOrder, type AppSpec, type ServiceSpec } from '../app/index.js';
import type { Release } from '../store/index.js';
import { replicaConfig } from './container-config.js';
import { resolveFenceposts } from './fenceposts.js';
import type { DesiredService } from './plan-types.js';

export interface DesiredApp {
  release: Release;
  services: DesiredService[];
  specs: Map<string, ServiceSpec>;
}

/** Reduces a release to the per-service facts plan() needs, in dependency order. */
export function desiredState(release: Release): DesiredApp {
  const spec: AppSpec = release.spec;
  const specs = new Map<string, ServiceSpec>();
  const services = topologicalOrder(spec).map((name): DesiredService => {
    const service = spec.services[name];
    const image = release.images[name];
    if (!service || !image)
      throw new Error(`release ${release.number} of "${spec.name}" lacks service or image "${name}"`);
    specs.set(name, service);
    return {
      name,
      replicas: service.replicas,
      hash: replicaConfig(spec, service, image, 1, release.number).hash,
      dependsOn: service.dependsOn,
      restartPolicy: service.restartPolicy,
      ...replacementBudget(service),
      ...(service.updateConfig.delayMs > 0 ? { batchDelayMs: service.updateConfig.delayMs } : {}),
      ...(release.status === 'paused' ? { holdReplacements: true } : {}),
    };
  });
  return { release, services, specs };
}

/**
 * How replicas are replaced: Kubernetes fenceposts when `x-berth.rollout.maxSurge/maxUnavailable` are
 * given (surge > 0: start new ones first, `surge` at a time; else stop `unavailable` at a time), otherwise
 * Compose's update_config. A fixed host port without the ingress can be held by one container at a time,
 * so such services are always replaced stop-first.
 */
export function replacementBudget(service: ServiceSpec): {
  order: 'start-first' | 'stop-first';
  parallelism: number;
} {
  const fixedPort = service.ports.some((p) => p.published !== undefined) && !service.ingress;
  const { maxSurge, maxUnavailable } = service.rollout ?? {};
  if (maxSurge !== undefined || maxUnavailable !== undefined) {
    const { surge, unavailable } = resolveFenceposts(
      service.replicas,
      maxSurge ?? '25%',
      maxUnavailable ?? '25%',
    );
    if (surge > 0 && !fixedPort) return { order: 'start-first', parallelism: surge };
    return { order: 'stop-first', parallelism: Math.max(1, unavailable) };
  }
  return {
    order: fixedPort ? 'stop-first' : service.updateConfig.order,
    parallelism: service.updateConfig.parallelism,
  };
}
