import { BerthError } from '../../errors/index.js';
import { diffCommits } from './diff-commits.js';
import type { GitCredentials, GitEnv } from './git-env.js';
import { gitErrorCode } from './git-failure.js';
import { checkCommit, checkRef } from './git-ref-name.js';
import { GitSession } from './git-session.js';
import { checkRepoUrl } from './repo-url.js';

export interface ChangedFilesOptions {
  /**
   * A directory made by `checkout`, before any step ran in it (its `.git` is trusted: a step could
   * write config there that git would run). Its `origin` remote fetches what is missing.
   */
  readonly dir: string;
  /** The commit before the push; all zeros (a new branch) gives undefined. */
  readonly before: string;
  readonly after: string;
  /** The pushed ref, deepened when the server will not send `before` by id. */
  readonly ref?: string;
  /** How many commits to walk back along `ref` at most; default 1000. */
  readonly maxDeepen?: number;
  readonly signal?: AbortSignal;
  /** Default 2 minutes. */
  readonly timeoutMs?: number;
  readonly env?: GitEnv;
  readonly credentials?: GitCredentials;
}

const defaultTimeoutMs = 120_000;

/**
 * The files a push changed: every path that differs between the trees of `before` and `after`,
 * sorted. Undefined when unknown (a new branch, or `before` is gone from the remote); callers then
 * treat every file as changed, as `when.path` does (docs/pipeline.md).
 *
 * @example
 * const files = await changedFiles({ dir: workspace, before: event.before, after: event.after, ref: event.ref });
 * matchesWhen(spec.when, { event: 'push', branch: 'main', changedFiles: files, status: 'success' });
 */
export async function changedFiles(options: ChangedFilesOptions): Promise<string[] | undefined> {
  if (/^0+$/.test(options.before)) return undefined;
  const before = checkCommit(options.before, 'before');
  const after = checkCommit(options.after, 'after');
  const ref = options.ref === undefined ? undefined : checkRef(options.ref);
  const local = new GitSession(options.dir, {
    transport: 'local',
    env: options.env,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
  });
  const url = await local.run(['config', '--get', 'remote.origin.url']);
  if (url.exitCode !== 0) {
    throw new BerthError(gitErrorCode, `"${options.dir}" is not a checkout with an origin remote`, {
      hint: 'Call changedFiles on a directory made by checkout().',
    });
  }
  const git = new GitSession(options.dir, {
    transport: checkRepoUrl(url.stdout.trim()).transport,
    env: options.env,
    credentials: options.credentials,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
  });
  return diffCommits(git, { before, after, ref, maxDeepen: options.maxDeepen });
}
