import type { GitCredentials, GitEnv } from './git-env.js';
import { gitFailure } from './git-failure.js';
import { GitSession } from './git-session.js';
import { checkRepoUrl } from './repo-url.js';

export interface LsRemoteOptions {
  readonly signal?: AbortSignal;
  /** Default 60 seconds. */
  readonly timeoutMs?: number;
  readonly env?: GitEnv;
  readonly credentials?: GitCredentials;
  readonly allowLocal?: boolean;
}

/** Full ref name (`refs/heads/main`, `refs/tags/v1`) → commit id. */
export type RemoteHeads = ReadonlyMap<string, string>;

const defaultTimeoutMs = 60_000;

/**
 * Reads `git ls-remote` output: `<id>\t<ref>` lines; an annotated tag's `<ref>^{}` line (the commit
 * it points to) replaces the tag object's id, so every value is a commit.
 */
export function parseLsRemote(output: string): Map<string, string> {
  const heads = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^([0-9a-f]{40}|[0-9a-f]{64})\t(\S+)$/.exec(line.trim());
    if (match === null) continue;
    const [, id = '', ref = ''] = match;
    heads.set(ref.endsWith('^{}') ? ref.slice(0, -3) : ref, id);
  }
  return heads;
}

/**
 * The branches and tags of a remote and the commit each points to, without cloning: what a poller
 * compares between two polls.
 *
 * @example
 * const heads = await lsRemote('https://git.example.com/acme/shop.git', { signal });
 * heads.get('refs/heads/main'); // '4f0c...'
 */
export async function lsRemote(repoUrl: string, options: LsRemoteOptions = {}): Promise<Map<string, string>> {
  const repo = checkRepoUrl(repoUrl, options.allowLocal ?? true);
  // Run from / so no surrounding repository's config applies.
  const git = new GitSession('/', {
    transport: repo.transport,
    env: options.env,
    credentials: options.credentials,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
  });
  const result = await git.run(['ls-remote', '--heads', '--tags', '--', repo.url]);
  if (result.exitCode !== 0) throw gitFailure(`listing the refs of "${repo.url}"`, result);
  return parseLsRemote(result.stdout);
}
