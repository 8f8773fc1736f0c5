import { matchAnyGlob } from '../spec/index.js';
import { isSafeRelativePath, selectedWithFolders } from './workspace-path.js';

/** Bounds on what one step keeps. */
export interface ArtifactLimits {
  readonly maxBytes: number;
  readonly maxFiles: number;
}

export interface ArtifactPlan<F extends { readonly path: string; readonly size: number }> {
  /** Files to copy, in path order. */
  readonly keep: F[];
  /** Files left out because they did not fit in the limits. */
  readonly dropped: F[];
  readonly keptBytes: number;
}

/**
 * Which workspace paths `artifacts` selects: a path matching a glob, or under a folder that does
 * (`dist` keeps `dist/app.js`). Patterns that leave the workspace select nothing.
 *
 * @example
 * artifactSelector(['coverage'])('coverage/lcov.info'); // true
 */
export function artifactSelector(patterns: readonly string[]): (path: string) => boolean {
  const safe = patterns.filter(isSafeRelativePath);
  return (path) => selectedWithFolders(path, (candidate) => matchAnyGlob(safe, candidate));
}

/**
 * The files to keep within the limits, taking them in path order and skipping any that would not fit
 * (so one huge file does not crowd out the small ones after it). Pure.
 *
 * @example
 * planArtifacts([{ path: 'a', size: 60 }, { path: 'b', size: 50 }, { path: 'c', size: 30 }],
 *   { maxBytes: 100, maxFiles: 10 }); // keep a and c, drop b
 */
export function planArtifacts<F extends { readonly path: string; readonly size: number }>(
  files: readonly F[],
  limits: ArtifactLimits,
): ArtifactPlan<F> {
  const keep: F[] = [];
  const dropped: F[] = [];
  let keptBytes = 0;
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (keep.length < limits.maxFiles && keptBytes + file.size <= limits.maxBytes) {
      keep.push(file);
      keptBytes += file.size;
    } else {
      dropped.push(file);
    }
  }
  return { keep, dropped, keptBytes };
}
