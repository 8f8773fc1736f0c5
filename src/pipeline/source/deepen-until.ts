import type { GitSession, RunOptions } from './git-session.js';
import type { GitResult } from './run-git.js';

/** First `--deepen` step; each next one doubles, so N commits cost about log2(N) round trips. */
const firstStep = 16;

/** How the search ended: found, the whole history is here without it, out of budget, or git failed. */
export type DeepenOutcome = 'found' | 'not-in-history' | 'budget-spent' | GitResult;

/**
 * Deepens a shallow clone along `target` (a ref, or a commit the server will send) until `commit`
 * is present, fetching at most `maxCommits` more commits. For servers that refuse to send a commit by
 * id (protocol v0 without `uploadpack.allowReachableSHA1InWant`).
 */
export async function deepenUntil(
  git: GitSession,
  target: string,
  commit: string,
  maxCommits: number,
  options: RunOptions = {},
): Promise<DeepenOutcome> {
  let fetched = 0;
  let step = firstStep;
  while (!(await git.hasCommit(commit))) {
    if (!(await git.isShallow())) return 'not-in-history';
    if (fetched >= maxCommits) return 'budget-spent';
    const deepen = Math.min(step, maxCommits - fetched);
    const args = ['fetch', '--no-tags', '--no-recurse-submodules', `--deepen=${deepen}`];
    const result = await git.run([...args, '--', 'origin', target], options);
    if (result.exitCode !== 0) return result;
    fetched += deepen;
    step *= 2;
  }
  return 'found';
}
