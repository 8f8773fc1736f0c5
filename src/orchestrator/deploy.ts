import type { Logger } from 'pino';
import type { AppSpec, ServiceSpec } from '../app/index.js';
import { BerthError } from '../errors/index.js';
import { labelKeys, type DockerEngine, type ImageRef, type ProgressListener } from '../engine/index.js';
import type { Ingress } from '../ingress/index.js';
import type { Release, Store } from '../store/index.js';
import { admit } from './admission.js';
import { checkPorts } from './port-check.js';

export interface DeployContext {
  engine: DockerEngine;
  ingress: Pick<Ingress, 'checkAvailable' | 'portsOf'>;
  store: Store;
  logger: Logger;
  onProgress: ProgressListener;
  signal?: AbortSignal;
}

/** Finds, builds or pulls the image of one service, following its pull_policy. */
async function resolveImage(app: AppSpec, service: ServiceSpec, ctx: DeployContext): Promise<ImageRef> {
  const { engine, onProgress } = ctx;
  if (service.build && (service.pullPolicy === 'build' || !(await engine.findImage(service.image)))) {
    onProgress(`${service.name}: building ${service.image} from ${service.build.context}`);
    return engine.buildImage(
      service.build.context,
      {
        tag: service.image,
        dockerfile: service.build.dockerfile,
        args: service.build.args,
        labels: { [labelKeys.app]: app.name, [labelKeys.service]: service.name },
        ...(service.build.target === undefined ? {} : { target: service.build.target }),
      },
      (line) => onProgress(`${service.name}: ${line}`),
      ctx.signal,
    );
  }
  const local = service.pullPolicy === 'always' ? undefined : await engine.findImage(service.image);
  if (local) return local;
  if (service.pullPolicy === 'never') {
    throw new BerthError(
      'BERTH_IMAGE_NOT_FOUND',
      `services.${service.name}.image: "${service.image}" is not present locally (pull_policy: never)`,
      {
        hint: `Build or load the image first (docker build -t ${service.image} .), or change pull_policy.`,
      },
    );
  }
  onProgress(`${service.name}: pulling ${service.image}`);
  await engine.pullImage(service.image, (line) => onProgress(`${service.name}: ${line}`), ctx.signal);
  const pulled = await engine.findImage(service.image);
  if (!pulled)
    throw new BerthError(
      'BERTH_IMAGE_NOT_FOUND',
      `image "${service.image}" is still missing after pulling it`,
    );
  return pulled;
}

async function checkExternal(spec: AppSpec, engine: DockerEngine): Promise<void> {
  for (const [key, net] of Object.entries(spec.networks)) {
    if (net.external && !(await engine.networkExists(net.engineName))) {
      throw new BerthError(
        'BERTH_COMPOSE_INVALID',
        `networks.${key}: external network "${net.engineName}" does not exist`,
        {
          hint: `Create it with: docker network create ${net.engineName}`,
        },
      );
    }
  }
  for (const [key, vol] of Object.entries(spec.volumes)) {
    if (vol.external && !(await engine.volumeExists(vol.engineName))) {
      throw new BerthError(
        'BERTH_COMPOSE_INVALID',
        `volumes.${key}: external volume "${vol.engineName}" does not exist`,
        {
          hint: `Create it with: docker volume create ${vol.engineName}`,
        },
      );
    }
  }
}

/**
 * Turns a validated spec into a new release: resolves every image to an id, checks admission and host
 * ports, then records the release. Nothing is recorded or changed on the engine if any check fails.
 */
export async function createRelease(
  spec: AppSpec,
  input: { reason: string; projectDir: string; pipelineRun?: number },
  ctx: DeployContext,
): Promise<Release> {
  const { engine, store } = ctx;
  spec = keepAutoscaledReplicas(
    spec,
    store.releases.findApp(spec.name)?.currentRelease ? store.releases.current(spec.name) : undefined,
  );
  const host = await engine.hostResources();
  const others = store.releases
    .desiredReleases()
    .filter((r) => r.app !== spec.name)
    .map((r) => r.spec);
  admit(spec, host, others);
  await checkExternal(spec, engine);
  if (Object.values(spec.services).some((s) => s.ingress !== undefined)) await ctx.ingress.checkAvailable();
  await checkPorts(spec, await engine.listManaged(spec.name), ctx.ingress.portsOf(spec.name));
  const images: Release['images'] = {};
  for (const service of Object.values(spec.services)) {
    ctx.signal?.throwIfAborted();
    images[service.name] = await resolveImage(spec, service, ctx);
  }
  const release = store.releases.create({
    spec,
    images,
    reason: input.reason,
    projectDir: input.projectDir,
    ...(input.pipelineRun === undefined ? {} : { pipelineRun: input.pipelineRun }),
  });
  store.events.add(spec.name, 'release.created', `release ${release.number} created (${input.reason})`, {
    release: release.number,
  });
  ctx.logger.info({ app: spec.name, release: release.number, reason: input.reason }, 'release created');
  return release;
}

/** A copy of the spec with some services' replica counts changed (`berth scale`). */
export function withReplicas(spec: AppSpec, replicas: Record<string, number>): AppSpec {
  const services: Record<string, ServiceSpec> = {};
  for (const [name, service] of Object.entries(spec.services)) {
    services[name] = replicas[name] === undefined ? service : { ...service, replicas: replicas[name] };
  }
  for (const [name, count] of Object.entries(replicas)) {
    const fixed = spec.services[name]?.ports.find((p) => p.published !== undefined);
    if (fixed && count > 1 && !spec.services[name]?.ingress) {
      throw new BerthError(
        'BERTH_COMPOSE_INVALID',
        `services.${name}.ports: host port ${fixed.published} cannot be published by ${count} replicas`,
        {
          hint: "Route the port through Berth's proxy with `x-berth: { ingress: {} }` in the Compose file, or publish an ephemeral port.",
        },
      );
    }
    if (!spec.services[name]) {
      throw new BerthError('BERTH_SERVICE_NOT_FOUND', `app "${spec.name}" has no service "${name}"`, {
        hint: `Services: ${Object.keys(spec.services).join(', ')}`,
      });
    }
  }
  return { ...spec, services };
}

/**
 * An autoscaled service keeps the count the autoscaler reached when the app is deployed again (as a
 * Deployment's replicas survive `kubectl apply` under an HPA), clamped to the new min and max.
 */
function keepAutoscaledReplicas(spec: AppSpec, current: Release | undefined): AppSpec {
  if (!current) return spec;
  const replicas: Record<string, number> = {};
  for (const [name, service] of Object.entries(spec.services)) {
    const previous = current.spec.services[name];
    if (!service.autoscale || !previous?.autoscale) continue;
    replicas[name] = Math.min(service.autoscale.max, Math.max(service.autoscale.min, previous.replicas));
  }
  return Object.keys(replicas).length === 0 ? spec : withReplicas(spec, replicas);
}
