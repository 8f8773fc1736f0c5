import { BerthError, type ErrorCode } from '../../errors/index.js';

/**
 * The code for git failures. A dedicated `BERTH_GIT` (kind `failed`: "fetching from the git remote
 * failed") is the right home; until the catalogue has it, failures are internal.
 */
export const gitErrorCode: ErrorCode = 'BERTH_GIT';

/** What went wrong, judged from git's messages (run with LC_ALL=C). */
export type GitFailureKind = 'refused-want' | 'not-found' | 'auth' | 'unreachable' | 'other';

const patterns: readonly (readonly [GitFailureKind, RegExp])[] = [
  // The server would not send an object by id: unknown, or not advertised (protocol v0).
  ['refused-want', /not our ref|unadvertised object/i],
  [
    'not-found',
    /couldn't find remote ref|no such remote ref|unknown revision|not a valid object name|reference is not a tree|bad object/i,
  ],
  [
    'auth',
    /authentication failed|could not read (?:username|password)|terminal prompts disabled|permission denied \(publickey|returned error: 40[13]|host key verification failed/i,
  ],
  [
    'unreachable',
    /could not resolve host|connection refused|connection timed out|failed to connect|network is unreachable|does not appear to be a git repository|could not read from remote repository|repository '.*' not found|returned error: 404/i,
  ],
];

/**
 * Classifies a failed command's stderr.
 *
 * @example
 * classifyGitFailure("fatal: couldn't find remote ref nosuch"); // 'not-found'
 */
export function classifyGitFailure(stderr: string): GitFailureKind {
  return patterns.find(([, pattern]) => pattern.test(stderr))?.[0] ?? 'other';
}

const hints: Readonly<Record<GitFailureKind, string>> = {
  'refused-want': 'Check that the commit was pushed; give the branch or tag that contains it as the ref.',
  'not-found': 'Check the branch, tag or commit name; it may have been deleted or force-pushed away.',
  auth: 'Give the app a deploy token (https) or add the server key to known_hosts and a deploy key (ssh).',
  unreachable: 'Check the repository URL and that this machine can reach the git server.',
  other: 'Run the same git command by hand to see the full output.',
};

/**
 * git's reasons: its `fatal:` and `error:` lines without the prefix, joined with "; " (the first
 * often names the cause, the last the consequence); else its last line.
 */
export function gitMessage(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const reasons = lines
    .filter((l) => /^(?:fatal|error):/.test(l))
    .map((l) => l.replace(/^(?:fatal|error):\s*/, ''));
  if (reasons.length === 0) return lines.at(-1) ?? 'no output';
  return [...new Set(reasons)].join('; ');
}

/**
 * The BerthError for a failed git command: `<what> failed: <git's reason>`, with a hint chosen by
 * the kind of failure, and the exit code and stderr tail (already redacted) in `details`.
 */
export function gitFailure(
  what: string,
  result: { readonly exitCode: number; readonly stderr: string },
): BerthError {
  const kind = classifyGitFailure(result.stderr);
  return new BerthError(gitErrorCode, `${what} failed: ${gitMessage(result.stderr)}`, {
    hint: hints[kind],
    details: { kind, exitCode: result.exitCode, stderr: result.stderr.slice(-2_000) },
  });
}
