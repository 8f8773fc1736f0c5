import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { BerthError } from '../../errors/index.js';
import { engineFailure, engineStatus } from './engine-failure.js';

/**
 * Creates a container, pulling its image first when the engine does not have it (Engine API:
 * `POST /containers/create` answers 404 for a missing image). Pull progress is not logged line by
 * line; `log` gets one line before and one after.
 */
export async function createContainer(
  docker: Docker,
  spec: Docker.ContainerCreateOptions,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<Docker.Container> {
  const image = spec.Image ?? '';
  try {
    return await docker.createContainer(spec);
  } catch (error) {
    if (engineStatus(error) !== 404) throw engineFailure(error, `create container "${spec.name ?? ''}"`);
  }
  log(`pulling image ${image}`);
  await pullImage(docker, image, signal);
  log(`pulled image ${image}`);
  try {
    return await docker.createContainer(spec);
  } catch (error) {
    throw engineFailure(error, `create container "${spec.name ?? ''}"`);
  }
}

/** `docker pull`, following its progress stream to the end (an error inside the stream fails it). */
async function pullImage(docker: Docker, image: string, signal: AbortSignal): Promise<void> {
  try {
    const stream = (await docker.pull(image)) as Readable;
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        stream.destroy();
        reject(new BerthError('BERTH_ENGINE_ERROR', `pulling image "${image}" was stopped`));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      docker.modem.followProgress(stream, (error: Error | null) => {
        signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      });
    });
  } catch (error) {
    if (error instanceof BerthError) throw error;
    throw new BerthError(
      'BERTH_IMAGE_NOT_FOUND',
      `image "${image}" is not in the Docker Engine and could not be pulled: ${engineFailure(error, 'pull').message}`,
      {
        hint: 'Check the image name and tag, or build or load the image on this host first.',
        cause: error,
      },
    );
  }
}
