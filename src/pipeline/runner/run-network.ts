import type Docker from 'dockerode';
import { engineFailure, ignoreGone } from './engine-failure.js';

/**
 * Creates the run's own bridge network. Steps and services of the run join only this one, so a step
 * reaches its services by name (Docker's embedded DNS on user-defined networks resolves aliases) and
 * no container of another run or app. Not `Internal`: builds need the registry and the internet.
 */
export async function createRunNetwork(
  docker: Docker,
  name: string,
  labels: Readonly<Record<string, string>>,
): Promise<void> {
  try {
    await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: { ...labels } });
  } catch (error) {
    throw engineFailure(error, `create network "${name}"`);
  }
}

/** Removes the run network (already gone is fine). */
export async function removeRunNetwork(docker: Docker, name: string): Promise<void> {
  await ignoreGone(() => docker.getNetwork(name).remove(), `remove network "${name}"`);
}
