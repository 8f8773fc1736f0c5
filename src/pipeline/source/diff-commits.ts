import { deepenUntil } from './deepen-until.js';
import type { GitSession } from './git-session.js';

/** Default for how far back `changedFiles` looks for `before` when it cannot fetch it by id. */
export const defaultMaxDeepen = 1_000;

export interface DiffCommitsOptions {
  readonly before: string;
  readonly after: string;
  /** The ref `after` was fetched from: deepened when the server will not send `before` by id. */
  readonly ref?: string | undefined;
  readonly maxDeepen?: number | undefined;
}

/**
 * The paths that differ between the trees of two commits (added, modified, deleted; a rename counts as
 * both paths), fetching what is missing: first `before` alone by id (cheap: only the objects that
 * differ travel), else deepening along the ref. Undefined when `before` cannot be had, e.g. it was
 * force-pushed away: callers then treat every file as changed.
 */
export async function diffCommits(
  git: GitSession,
  options: DiffCommitsOptions,
): Promise<string[] | undefined> {
  const { before, after } = options;
  if (before === after) return [];
  for (const commit of [after, before]) {
    if (await git.hasCommit(commit)) continue;
    const byId = await git.run([
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--depth=1',
      '--',
      'origin',
      commit,
    ]);
    if (byId.exitCode === 0 && (await git.hasCommit(commit))) continue;
    const target = options.ref ?? after;
    const outcome = await deepenUntil(git, target, commit, options.maxDeepen ?? defaultMaxDeepen);
    if (outcome !== 'found') return undefined;
  }
  const output = await git.ok(`comparing ${before} with ${after}`, [
    'diff',
    '--name-only',
    '-z',
    '--no-renames',
    '--no-ext-diff',
    before,
    after,
    '--',
  ]);
  return output
    .split('\0')
    .filter((p) => p !== '')
    .sort();
}
