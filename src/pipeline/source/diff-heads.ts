import type { RemoteHeads } from './ls-remote.js';

/** One branch or tag that moved between two polls. */
export interface RefChange {
  /** `refs/heads/<branch>` or `refs/tags/<tag>`. */
  readonly ref: string;
  /** Undefined for a new ref. */
  readonly before: string | undefined;
  /** Undefined for a deleted ref. */
  readonly after: string | undefined;
}

/**
 * The branches and tags that were created, moved or deleted between two `lsRemote` results, sorted by
 * ref. Other refs (`refs/pull/...`, `refs/merge-requests/...`) are ignored.
 *
 * @example
 * diffHeads(new Map([['refs/heads/main', 'a1...']]), new Map([['refs/heads/main', 'b2...']]));
 * // [{ ref: 'refs/heads/main', before: 'a1...', after: 'b2...' }]
 */
export function diffHeads(before: RemoteHeads, after: RemoteHeads): RefChange[] {
  const refs = new Set([...before.keys(), ...after.keys()]);
  const changes: RefChange[] = [];
  for (const ref of [...refs].sort()) {
    if (!ref.startsWith('refs/heads/') && !ref.startsWith('refs/tags/')) continue;
    const [was, now] = [before.get(ref), after.get(ref)];
    if (was !== now) changes.push({ ref, before: was, after: now });
  }
  return changes;
}
