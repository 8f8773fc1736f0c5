import { createHash } from 'node:crypto';
import { matchAnyGlob, type HashFiles } from '../spec/index.js';
import { globBase, isSafeRelativePath } from './workspace-path.js';
import { listWorkspaceFiles, openWorkspaceFile } from './workspace-files.js';

/**
 * `hashFiles(...)` of cache keys (docs/pipeline.md, "cache"), over the workspace at `root`: one
 * SHA-256 of the path and content hash of every regular file matching any pattern, in path order, so
 * renaming or editing a lockfile changes the key. No matching file gives '' (as GitHub Actions'
 * `hashFiles` does). Links are not followed.
 *
 * @example
 * const key = await evaluateCacheKey(template, workspaceHasher('/srv/ws/42'));
 */
export function workspaceHasher(root: string): HashFiles {
  return async (patterns) => {
    const safe = patterns.filter(isSafeRelativePath);
    const { files } = await listWorkspaceFiles(root, {
      bases: safe.map(globBase),
      select: (path) => matchAnyGlob(safe, path),
    });
    if (files.length === 0) return '';
    const all = createHash('sha256');
    for (const file of files) {
      const handle = await openWorkspaceFile(root, file);
      const one = createHash('sha256');
      try {
        for await (const chunk of handle.createReadStream({ autoClose: false })) one.update(chunk as Buffer);
      } finally {
        await handle.close();
      }
      all.update(`${file.path}\0${one.digest('hex')}\n`);
    }
    return all.digest('hex');
  };
}
