import { mkdir, readdir } from 'node:fs/promises';
import { BerthError } from '../../errors/index.js';
import { defaultMaxDeepen, diffCommits } from './diff-commits.js';
import type { GitCredentials, GitEnv } from './git-env.js';
import { fetchCommit } from './fetch-commit.js';
import { gitErrorCode } from './git-failure.js';
import { parseGitProgress } from './git-progress.js';
import { checkCommit, checkRef } from './git-ref-name.js';
import { GitSession } from './git-session.js';
import { checkRepoUrl } from './repo-url.js';

export interface CheckoutOptions {
  /** https, ssh, scp-like, `file://` or an absolute path (see `parseRepoUrl`). */
  readonly repoUrl: string;
  /** The full commit id to check out; without it, the tip of `ref`. */
  readonly commit?: string;
  /** Branch or tag (`main`, `refs/tags/v1`); without `commit` and `ref`, the remote's HEAD. */
  readonly ref?: string;
  /** Created if missing; must be empty. */
  readonly dir: string;
  /** Commits of history to fetch; default 1. */
  readonly depth?: number;
  /** The commit before the push: when given, `changedFiles` is computed (see `changedFiles`). */
  readonly before?: string;
  /** How far back to look along `ref` when the server refuses to send a commit by id; default 1000. */
  readonly maxDeepen?: number;
  readonly signal?: AbortSignal;
  /** For the whole checkout; default 10 minutes. */
  readonly timeoutMs?: number;
  readonly onProgress?: (progress: CheckoutProgress) => void;
  /** Environment for git (PATH, HOME, proxies, SSH_AUTH_SOCK); default PATH only. */
  readonly env?: GitEnv;
  readonly credentials?: GitCredentials;
  /** Accept `file://` and path remotes; default true. Servers shared by several teams turn it off. */
  readonly allowLocal?: boolean;
}

export interface CheckoutProgress {
  readonly stage: 'init' | 'fetch' | 'checkout' | 'diff' | 'done';
  /** git's own task name during `fetch` ("Receiving objects") and `checkout` ("Updating files"). */
  readonly task?: string;
  readonly percent?: number;
}

export interface CheckoutResult {
  readonly commit: string;
  /** The ref asked for, if any. */
  readonly ref: string | undefined;
  /** The full commit message, without the trailing newline. */
  readonly message: string;
  readonly author: { readonly name: string; readonly email: string };
  /** Committer date, ISO 8601. */
  readonly committedAt: string;
  /** Only when `before` was given; undefined inside means unknown ("all files"). */
  readonly changedFiles?: readonly string[] | undefined;
}

const defaultTimeoutMs = 600_000;
const maxDepth = 1_000_000;

/**
 * Fetches one commit of a remote repository into `dir` and checks it out detached, as a shallow
 * clone: `git init`, `git fetch --depth=1 origin <commit or ref>`, `git checkout --detach` (issue 6).
 * Inputs are validated before git sees them (no argument injection); git runs without prompts, hooks
 * or the `ext::` transport, and a token travels in an HTTP header set through the environment.
 *
 * @example
 * const result = await checkout({ repoUrl: 'https://git.example.com/acme/shop.git', ref: 'refs/heads/main',
 *   commit: event.after, dir: workspace, credentials: { token }, signal });
 * result.commit; // event.after
 */
export async function checkout(options: CheckoutOptions): Promise<CheckoutResult> {
  const repo = checkRepoUrl(options.repoUrl, options.allowLocal ?? true);
  const commit = options.commit === undefined ? undefined : checkCommit(options.commit);
  const ref = options.ref === undefined ? undefined : checkRef(options.ref);
  const before =
    options.before === undefined || /^0+$/.test(options.before)
      ? undefined
      : checkCommit(options.before, 'before');
  const depth = options.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1 || depth > maxDepth) {
    throw new BerthError(
      'BERTH_PIPELINE_INVALID',
      `clone depth ${depth} is not a whole number from 1 to ${maxDepth}`,
      {
        hint: 'Use depth 1 unless the steps need history (e.g. git describe).',
      },
    );
  }
  const report = options.onProgress ?? (() => {});
  const git = new GitSession(options.dir, {
    transport: repo.transport,
    env: options.env,
    credentials: options.credentials,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
  });

  report({ stage: 'init' });
  await prepare(git, options.dir, repo.url);
  report({ stage: 'fetch' });
  const sha = await fetchCommit(git, {
    url: repo.url,
    commit,
    ref,
    depth,
    maxDeepen: options.maxDeepen ?? defaultMaxDeepen,
    progress: options.onProgress !== undefined,
    onStderrLine: progressReporter('fetch', report),
  });

  report({ stage: 'checkout' });
  const checkoutArgs = [
    'checkout',
    '--force',
    '--detach',
    ...(options.onProgress ? ['--progress'] : ['--quiet']),
  ];
  await git.ok(`checking out ${sha}`, [...checkoutArgs, sha, '--'], {
    onStderrLine: progressReporter('checkout', report),
  });
  const result = await readCommit(git, sha, ref);

  if (options.before === undefined) {
    report({ stage: 'done' });
    return result;
  }
  report({ stage: 'diff' });
  // An all-zero before (a new branch) leaves the changed files unknown.
  const changed =
    before === undefined
      ? undefined
      : await diffCommits(git, { before, after: sha, ref, maxDeepen: options.maxDeepen });
  report({ stage: 'done' });
  return { ...result, changedFiles: changed };
}

/** Turns git's progress lines into `CheckoutProgress` reports of one stage. */
function progressReporter(
  stage: 'fetch' | 'checkout',
  report: (progress: CheckoutProgress) => void,
): (line: string) => void {
  return (line) => {
    const progress = parseGitProgress(line);
    if (progress === undefined) return;
    report({
      stage,
      task: progress.task,
      ...(progress.percent === undefined ? {} : { percent: progress.percent }),
    });
  };
}

/**
 * Makes `dir` a new repository with `origin` at `url`. An earlier checkout is never reused: steps ran
 * in it, and a `.git/config` they wrote (filters, `core.sshCommand`) would run on the host.
 */
async function prepare(git: GitSession, dir: string, url: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) {
    throw new BerthError(gitErrorCode, `checkout directory "${dir}" is not empty`, {
      hint: 'Check out into a new or empty directory; remove the workspace of the previous run first.',
    });
  }
  await git.ok('creating the repository', ['init', '--quiet']);
  await git.ok('adding the remote', ['remote', 'add', 'origin', '--', url]);
}

async function readCommit(git: GitSession, sha: string, ref: string | undefined): Promise<CheckoutResult> {
  const out = await git.ok(`reading commit ${sha}`, [
    'show',
    '--no-patch',
    '--no-show-signature',
    '--format=%H%x00%an%x00%ae%x00%cI%x00%B',
    sha,
    '--',
  ]);
  const [commit = sha, name = '', email = '', committedAt = '', ...message] = out.split('\0');
  return {
    commit,
    ref,
    message: message.join('\0').replace(/\n+$/, ''),
    author: { name, email },
    committedAt,
  };
}
