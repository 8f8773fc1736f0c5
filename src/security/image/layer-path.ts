/**
 * Normalises a path from a layer tar to the form files are keyed by: relative, `/`-separated, without `.`
 * segments or a trailing slash (`./usr//lib/` → `usr/lib`). `..` cannot climb above the root.
 */
export function normalizeLayerPath(path: string): string {
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

/** Directory part of a normalised path (`''` for top-level entries). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** True when `path` is `dir` itself or lies below it; `''` is the root and contains everything. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/**
 * A 52-bit hash of a path, so a layer can remember every path it touches (to hide lower files replaced by
 * links or directories) for a few bytes each instead of the path text. Two 32-bit FNV-1a variants combined:
 * a false match needs ~2^26 paths per layer to become likely.
 */
export function pathHash(path: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
