/** A commit id: SHA-1 (40 hex digits) or SHA-256 (64) object names. */
export const commitIdPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The all-zero id forges send as `before` of a new ref or `after` of a deleted one. */
export function isZeroCommit(id: string | null | undefined): boolean {
  return id === undefined || id === null || /^0+$/.test(id);
}

/** The branch or tag a full ref names (`refs/heads/x`, `refs/tags/v1`), or neither. */
export function refTarget(ref: string): { branch?: string; tag?: string } {
  if (ref.startsWith('refs/heads/')) return { branch: ref.slice('refs/heads/'.length) };
  if (ref.startsWith('refs/tags/')) return { tag: ref.slice('refs/tags/'.length) };
  return {};
}

interface ChangedPaths {
  added?: readonly string[] | null | undefined;
  modified?: readonly string[] | null | undefined;
  removed?: readonly string[] | null | undefined;
}

/** Every path added, modified or removed by the commits, sorted and without duplicates. */
export function changedFiles(commits: readonly ChangedPaths[]): string[] {
  const paths = new Set<string>();
  for (const commit of commits) {
    for (const path of [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]) {
      paths.add(path);
    }
  }
  return [...paths].sort();
}
