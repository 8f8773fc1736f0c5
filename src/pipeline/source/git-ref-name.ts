import { BerthError } from '../../errors/index.js';

const maxRefLength = 1024;

/**
 * Why `ref` is not a ref name git would accept, or undefined. The rules of git-check-ref-format(1)
 * with `--allow-onelevel` (so `main` and `refs/heads/main` both pass), plus Berth's own: no leading
 * `-`, so a ref can never be read as an option (`--upload-pack=...`).
 *
 * @example
 * refProblem('release/1.2'); // undefined
 * refProblem('--upload-pack=touch /tmp/x'); // 'starts with "-"'
 */
export function refProblem(ref: string): string | undefined {
  if (ref.length === 0) return 'is empty';
  if (ref.length > maxRefLength) return `is longer than ${maxRefLength} characters`;
  if (ref.startsWith('-')) return 'starts with "-"';
  if (ref === '@') return 'is "@"';
  // eslint-disable-next-line no-control-regex -- rule 4: no control characters.
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(ref)) {
    return 'contains a space, a control character or one of ~ ^ : ? * [ \\';
  }
  if (ref.includes('..')) return 'contains ".."';
  if (ref.includes('@{')) return 'contains "@{"';
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) {
    return 'starts or ends with "/" or contains "//"';
  }
  if (ref.endsWith('.')) return 'ends with "."';
  for (const part of ref.split('/')) {
    if (part.startsWith('.')) return `has a part starting with "." ("${part}")`;
    if (part.endsWith('.lock')) return `has a part ending with ".lock" ("${part}")`;
  }
  return undefined;
}

/** A full commit id: SHA-1 (40 hex digits) or SHA-256 (64), lower case. */
const commitPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Whether `commit` is a full lower-case commit id (an abbreviation cannot be fetched). */
export function isCommitId(commit: string): boolean {
  return commitPattern.test(commit);
}

/** Throws `BERTH_PIPELINE_INVALID` unless `ref` is a safe ref name. */
export function checkRef(ref: string): string {
  const problem = refProblem(ref);
  if (problem !== undefined) {
    throw new BerthError('BERTH_PIPELINE_INVALID', `git ref "${ref}" ${problem}`, {
      hint: 'Give a branch or tag name such as main, v1.2.0 or refs/heads/release/1.x.',
    });
  }
  return ref;
}

/** Throws `BERTH_PIPELINE_INVALID` unless `commit` is a full commit id. */
export function checkCommit(commit: string, what = 'commit'): string {
  if (!isCommitId(commit)) {
    throw new BerthError('BERTH_PIPELINE_INVALID', `${what} "${commit}" is not a full commit id`, {
      hint: 'Give all 40 (SHA-1) or 64 (SHA-256) lower-case hex digits, as `git rev-parse HEAD` prints them.',
    });
  }
  return commit;
}
