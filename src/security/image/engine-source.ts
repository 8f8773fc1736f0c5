import Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { BerthError } from '../../errors/index.js';
import { readDockerArchive } from './docker-archive.js';
import { imageError } from './image-errors.js';
import type { ImageHandle, ImageSource } from './image-types.js';
import { metered } from './metered.js';

type EngineSource = Extract<ImageSource, { kind: 'engine' }>;

/** Docker's own default; callers pass the resolved `dockerHost` from Berth's config. */
const defaultDockerHost = '/var/run/docker.sock';

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ETIMEDOUT',
]);

/** DOCKER_HOST syntax (unix path or URL, tcp://host:port) to dockerode options, as the engine pillar does. */
function connection(dockerHost: string): Docker.DockerOptions {
  if (dockerHost.startsWith('tcp://') || dockerHost.startsWith('http://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
  }
  return { socketPath: dockerHost.replace(/^unix:\/\//, '') };
}

function engineFailure(error: unknown, ref: string, dockerHost: string): Error {
  const e = error as {
    statusCode?: number;
    code?: string;
    json?: { message?: string } | null;
    message?: string;
  };
  if (e.statusCode === 404) {
    return imageError('not-found', `image "${ref}" is not in the Docker Engine at "${dockerHost}"`, {
      hint: `Pull or build it first (\`docker pull ${ref}\`), or scan it from its registry.`,
      cause: error,
    });
  }
  if (e.code !== undefined && unreachableCodes.has(e.code)) {
    return new BerthError(
      'BERTH_ENGINE_UNREACHABLE',
      `cannot reach the Docker Engine at "${dockerHost}" (${e.code})`,
      {
        hint: 'Start Docker (`sudo bash scripts/start-docker.sh`) or point DOCKER_HOST at a running engine.',
        cause: error,
      },
    );
  }
  return new BerthError(
    'BERTH_ENGINE_ERROR',
    `exporting image "${ref}": ${e.json?.message ?? e.message ?? String(error)}`,
    {
      hint: 'See the daemon log for the Engine API response.',
      cause: error,
    },
  );
}

/**
 * An image in the local Docker Engine, read from its `docker save` export (`GET /images/{name}/get`),
 * streamed once per `readLayers` call. Checks now that the image exists.
 */
export async function openEngineImage(source: EngineSource): Promise<ImageHandle> {
  const dockerHost = source.dockerHost ?? defaultDockerHost;
  const docker = new Docker(connection(dockerHost));
  const image = docker.getImage(source.ref);
  let layerCount: number | undefined;
  try {
    layerCount = (await image.inspect()).RootFS.Layers?.length;
  } catch (error) {
    throw engineFailure(error, source.ref, dockerHost);
  }
  const what = `image "${source.ref}" exported by the Docker Engine`;
  return {
    source,
    name: source.ref,
    layerCount,
    async readLayers(visit, options = {}) {
      let stream: Readable;
      try {
        stream = (await image.get()) as Readable;
      } catch (error) {
        throw engineFailure(error, source.ref, dockerHost);
      }
      const abort = (): void => {
        stream.destroy(options.signal?.reason instanceof Error ? options.signal.reason : undefined);
      };
      options.signal?.addEventListener('abort', abort, { once: true });
      try {
        // One image per export: the archive's RepoTags need not match `ref` (an id or digest).
        return await readDockerArchive(metered(stream, options), visit, { what, signal: options.signal });
      } finally {
        options.signal?.removeEventListener('abort', abort);
        stream.destroy();
      }
    },
  };
}
