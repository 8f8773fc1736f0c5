import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { pack } from 'tar-fs';
import { BerthError } from '../errors/index.js';
import { engineMessage } from './engine-errors.js';
import type { ProgressListener } from './engine-types.js';
import { followProgress } from './stream-reading.js';

/** Pulls an image; errors that arrive inside the 200 progress stream are raised too. */
export async function pullImage(
  docker: Docker,
  ref: string,
  onProgress: ProgressListener,
  signal?: AbortSignal,
): Promise<void> {
  try {
    const stream = (await docker.pull(ref, { abortSignal: signal })) as Readable;
    await followProgress<{ status?: string; error?: string; progress?: string }>(
      docker.modem,
      stream,
      (event) => {
        if (event.error) throw new Error(event.error);
        if (event.status) onProgress(`${event.status}${event.progress ? ` ${event.progress}` : ''}`);
      },
    );
  } catch (error) {
    throw new BerthError(
      'BERTH_IMAGE_NOT_FOUND',
      `image "${ref}" is not present locally and pulling it failed: ${engineMessage(error)}`,
      {
        hint: 'Check the image name and tag, build it (`build:` in Compose), or `docker pull` it first; use `pull_policy: never` for local-only images.',
        cause: error,
      },
    );
  }
}

/**
 * Builds an image from a directory through the Engine API (classic builder, tar context); the caller
 * looks the tag up afterwards.
 */
export async function buildImage(
  docker: Docker,
  contextDir: string,
  options: {
    tag: string;
    dockerfile: string;
    args: Record<string, string>;
    labels: Record<string, string>;
    target?: string;
  },
  onProgress: ProgressListener,
  signal?: AbortSignal,
): Promise<void> {
  // @types/tar-fs describes tar-stream's Pack, which is a Node Readable at run time.
  const tar = pack(contextDir, {
    ignore: (name) => /(^|\/)\.git(\/|$)/.test(name),
  }) as unknown as NodeJS.ReadableStream;
  let failure: string | undefined;
  try {
    const stream = (await docker.buildImage(tar, {
      t: options.tag,
      dockerfile: options.dockerfile,
      buildargs: options.args,
      labels: options.labels,
      ...(options.target === undefined ? {} : { target: options.target }),
      rm: true,
      abortSignal: signal,
    })) as unknown as Readable;
    await followProgress<{ stream?: string; error?: string }>(docker.modem, stream, (event) => {
      if (event.error) failure = event.error;
      else if (event.stream?.trim()) onProgress(event.stream.trimEnd());
    });
  } catch (error) {
    failure ??= engineMessage(error);
  }
  if (failure !== undefined) {
    throw new BerthError(
      'BERTH_BUILD_FAILED',
      `building "${options.tag}" from "${contextDir}" failed: ${failure.trim()}`,
      {
        hint: `Fix the Dockerfile (${options.dockerfile}) or the build context; the build output above shows the failing step.`,
      },
    );
  }
}
