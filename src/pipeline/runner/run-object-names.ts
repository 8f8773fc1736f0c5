import { createHash } from 'node:crypto';

/*
 * Docker object names allow `[a-zA-Z0-9][a-zA-Z0-9_.-]*` (moby's `RestrictedNamePattern`). Run ids and
 * cache keys come from elsewhere, so they are cleaned, and long names are cut and made unique again by
 * a hash of the full name.
 */

const maxNameLength = 200;

/** `text` as a valid Docker name part: other characters become `-`, at most `maxLength` characters. */
export function dockerNamePart(text: string, maxLength = maxNameLength): string {
  const clean = text.replace(/[^A-Za-z0-9_.-]/g, '-');
  if (clean.length <= maxLength && clean === text) return clean;
  // Cleaning may map two texts to one name (`a/b`, `a:b`): a hash of the original keeps them apart.
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return `${clean.slice(0, Math.max(0, maxLength - hash.length - 1))}-${hash}`;
}

/** The bridge network of a run; services are reachable on it by name. */
export function runNetworkName(runId: string): string {
  return `berth-run-${dockerNamePart(runId, 64)}`;
}

/** The container of one step of a run. */
export function stepContainerName(runId: string, step: string): string {
  return `berth-run-${dockerNamePart(runId, 64)}-${dockerNamePart(step, 80)}`;
}

/** The container of one service of a run. */
export function serviceContainerName(runId: string, service: string): string {
  return `berth-run-${dockerNamePart(runId, 64)}-svc-${dockerNamePart(service, 80)}`;
}

/**
 * The named volume of a cache entry: `berth-cache-<app>-<key>`, where `key` is the result of
 * `evaluateCacheKey` (docs/pipeline.md, "cache"). The same app and key always give the same volume.
 *
 * @example
 * cacheVolumeName('shop', 'npm-20-3f9a'); // 'berth-cache-shop-npm-20-3f9a'
 */
export function cacheVolumeName(app: string, key: string): string {
  return dockerNamePart(`berth-cache-${app}-${key}`);
}
