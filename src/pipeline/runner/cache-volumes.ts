import type Docker from 'dockerode';
import { evaluateCacheKey, type CacheSpec } from '../spec/index.js';
import type { CacheMount } from './container-spec.js';
import { engineFailure } from './engine-failure.js';
import { workspaceHasher } from './hash-workspace-files.js';
import { cacheVolumeName } from './run-object-names.js';
import { runnerLabelKeys } from './runner-labels.js';

export interface CacheVolumeOptions {
  readonly app: string;
  readonly instance: string;
  readonly workspaceDir: string;
}

/**
 * The named volume of each `cache` entry, created if missing (docs/pipeline.md, "cache"): the key is
 * evaluated with `hashFiles` over the workspace, and the same app and key give the same volume in
 * every run. Volume creation is idempotent in the Engine API (an existing name is returned as is).
 */
export async function prepareCacheVolumes(
  docker: Docker,
  caches: readonly CacheSpec[],
  options: CacheVolumeOptions,
): Promise<(CacheMount & { key: string })[]> {
  const hashFiles = workspaceHasher(options.workspaceDir);
  const mounts: (CacheMount & { key: string })[] = [];
  for (const cache of caches) {
    const key = await evaluateCacheKey(cache.key, hashFiles);
    const volume = cacheVolumeName(options.app, key);
    try {
      await docker.createVolume({
        Name: volume,
        Labels: {
          [runnerLabelKeys.instance]: options.instance,
          [runnerLabelKeys.pipelineCache]: options.app,
        },
      });
    } catch (error) {
      throw engineFailure(error, `create cache volume "${volume}"`);
    }
    mounts.push({ volume, path: cache.path, key });
  }
  return mounts;
}
