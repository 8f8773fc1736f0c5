import { topologicalOrder, type AppSpec, type ServiceSpec } from '../app/index.js';
import type { Release } from '../store/index.js';
import { replicaConfig } from './container-config.js';
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
      // A fixed host port can be held by one container at a time: without the ingress, replace stop-first.
      order:
        service.ports.some((p) => p.published !== undefined) && !service.ingress
          ? 'stop-first'
          : service.updateConfig.order,
      parallelism: service.updateConfig.parallelism,
    };
  });
  return { release, services, specs };
}
