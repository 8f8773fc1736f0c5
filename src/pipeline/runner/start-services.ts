import type Docker from 'dockerode';
import { BerthError } from '../../errors/index.js';
import type { ResourcesSpec, ServiceSpec } from '../spec/index.js';
import { buildContainerSpec } from './container-spec.js';
import { createContainer } from './create-container.js';
import { engineFailure, ignoreGone } from './engine-failure.js';
import { serviceContainerName } from './run-object-names.js';
import { runnerLabelKeys } from './runner-labels.js';
import { buildStepEnvironment, toDockerEnv } from './step-environment.js';

export interface StartServicesOptions {
  readonly runId: string;
  readonly network: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
  readonly secrets: ReadonlyMap<string, string>;
  readonly defaults: ResourcesSpec;
  readonly maxResources?: ResourcesSpec;
  readonly pidsLimit: number;
  readonly stopGraceSeconds: number;
  /** Progress lines (pulling an image). */
  readonly log: (line: string) => void;
  readonly signal: AbortSignal;
}

/**
 * Starts the pipeline's `services` detached on the run network, each reachable by its name (network
 * alias), with the same limits as steps and without the workspace (docs/pipeline.md, "Services").
 * Their output is not kept. Returns the containers so they can be removed at the end of the run.
 */
export async function startServices(
  docker: Docker,
  services: readonly ServiceSpec[],
  options: StartServicesOptions,
): Promise<Docker.Container[]> {
  const started: Docker.Container[] = [];
  for (const service of services) {
    const env = buildStepEnvironment({
      variables: options.variables,
      environment: service.environment,
      secretNames: service.secrets,
      secrets: options.secrets,
    });
    if (!env.ok) {
      throw new BerthError('BERTH_BAD_REQUEST', `service "${service.name}": ${env.reason}`, {
        hint: 'Store the secret in Berth, or run the pipeline from a branch that may see it.',
      });
    }
    const spec = buildContainerSpec({
      name: serviceContainerName(options.runId, service.name),
      image: service.image,
      commands: service.commands,
      ...(service.entrypoint === undefined ? {} : { entrypoint: service.entrypoint }),
      env: toDockerEnv(env.value),
      labels: { ...options.labels, [runnerLabelKeys.pipelineService]: service.name },
      resources: service.resources,
      defaults: options.defaults,
      ...(options.maxResources === undefined ? {} : { maxResources: options.maxResources }),
      pidsLimit: options.pidsLimit,
      stopGraceSeconds: options.stopGraceSeconds,
      network: options.network,
      aliases: [service.name],
    });
    const container = await createContainer(docker, spec, options.log, options.signal);
    started.push(container);
    try {
      await container.start();
    } catch (error) {
      throw engineFailure(error, `start service "${service.name}"`);
    }
  }
  return started;
}

/** Removes service containers at once (their state is thrown away with the run). */
export async function removeServices(containers: readonly Docker.Container[]): Promise<void> {
  for (const container of containers) {
    await ignoreGone(() => container.remove({ force: true, v: true }), 'remove service container');
  }
}
