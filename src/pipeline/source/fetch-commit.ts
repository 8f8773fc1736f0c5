import { BerthError } from '../../errors/index.js';
import { deepenUntil, type DeepenOutcome } from './deepen-until.js';
import { classifyGitFailure, gitErrorCode, gitFailure } from './git-failure.js';
import type { GitSession } from './git-session.js';

export interface FetchCommitOptions {
  readonly url: string;
  readonly commit: string | undefined;
  readonly ref: string | undefined;
  readonly depth: number;
  readonly maxDeepen: number;
  /** Adds `--progress` so git reports progress even without a terminal. */
  readonly progress: boolean;
  readonly onStderrLine: (line: string) => void;
}

/**
 * Fetches `commit` (else the tip of `ref`, else the remote's HEAD) into a shallow repository whose
 * `origin` is set, and returns the commit id. By id first: protocol v2 servers send any reachable
 * commit. Servers that only send advertised tips (protocol v0) make it fetch `ref` and deepen until
 * the commit appears.
 */
export async function fetchCommit(git: GitSession, options: FetchCommitOptions): Promise<string> {
  const { commit, ref, url } = options;
  const target = commit ?? ref ?? 'HEAD';
  const args = ['fetch', '--no-tags', '--no-recurse-submodules', `--depth=${options.depth}`];
  if (options.progress) args.push('--progress');
  const run = { onStderrLine: options.onStderrLine };
  const fetched = await git.run([...args, '--', 'origin', target], run);
  if (fetched.exitCode === 0) {
    return (
      commit ?? (await git.ok('reading FETCH_HEAD', ['rev-parse', '--verify', 'FETCH_HEAD^{commit}'])).trim()
    );
  }
  if (commit === undefined || classifyGitFailure(fetched.stderr) !== 'refused-want') {
    throw gitFailure(`fetching "${target}" from "${url}"`, fetched);
  }
  if (ref === undefined) {
    throw new BerthError(gitErrorCode, `commit ${commit} was not found in "${url}"`, {
      hint: 'Check that it was pushed; if the server refuses to send commits by id, also give the branch or tag that contains it.',
      details: { stderr: fetched.stderr.slice(-2_000) },
    });
  }
  await git.ok(`fetching "${ref}" from "${url}"`, [...args, '--', 'origin', ref], run);
  const outcome = await deepenUntil(git, ref, commit, options.maxDeepen, run);
  if (outcome !== 'found') throw notOnRef(commit, ref, options, outcome);
  return commit;
}

function notOnRef(
  commit: string,
  ref: string,
  options: FetchCommitOptions,
  outcome: Exclude<DeepenOutcome, 'found'>,
): BerthError {
  if (typeof outcome === 'object') {
    return gitFailure(`fetching the history of "${ref}" from "${options.url}"`, outcome);
  }
  const where =
    outcome === 'not-in-history' ? `on "${ref}"` : `among the last ${options.maxDeepen} commits of "${ref}"`;
  return new BerthError(gitErrorCode, `commit ${commit} is not ${where} in "${options.url}"`, {
    hint: 'Check that the commit was pushed to that ref; it may have been force-pushed away.',
  });
}
