import type Docker from 'dockerode';
import { engineFailure, ignoreGone } from './engine-failure.js';
import { runnerLabelKeys } from './runner-labels.js';

export interface CleanupResult {
  readonly containers: number;
  readonly networks: number;
}

/**
 * Removes what a run left in the engine, found by label (docs/decisions/0001): its step and service
 * containers (killed at once) and its network. For runs interrupted by a daemon restart; `runPipeline`
 * also calls it before starting, so a retried run id starts clean. Cache volumes are kept.
 *
 * @example
 * await cleanupRun(docker, '42', { instance: 'a1b2c3' }); // { containers: 2, networks: 1 }
 */
export async function cleanupRun(
  docker: Docker,
  runId: string,
  options: { readonly instance?: string } = {},
): Promise<CleanupResult> {
  return cleanupByLabel(docker, [
    `${runnerLabelKeys.pipelineRun}=${runId}`,
    ...(options.instance === undefined ? [] : [`${runnerLabelKeys.instance}=${options.instance}`]),
  ]);
}

/** Removes the leftovers of every run of this installation (at daemon start, when no run is active). */
export async function cleanupAllRuns(docker: Docker, instance: string): Promise<CleanupResult> {
  return cleanupByLabel(docker, [runnerLabelKeys.pipelineRun, `${runnerLabelKeys.instance}=${instance}`]);
}

async function cleanupByLabel(docker: Docker, label: string[]): Promise<CleanupResult> {
  const list = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw engineFailure(error, what);
    }
  };
  const containers = await list('list run containers', () =>
    docker.listContainers({ all: true, filters: { label } }),
  );
  for (const info of containers) {
    await ignoreGone(() => docker.getContainer(info.Id).remove({ force: true, v: true }), 'remove container');
  }
  const networks = await list('list run networks', () => docker.listNetworks({ filters: { label } }));
  for (const network of networks) {
    await ignoreGone(() => docker.getNetwork(network.Id).remove(), `remove network "${network.Name}"`);
  }
  return { containers: containers.length, networks: networks.length };
}
