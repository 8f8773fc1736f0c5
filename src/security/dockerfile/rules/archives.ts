/**
 * File names ADD unpacks: tar archives, plain or compressed (identity, gzip, bzip2, xz; Dockerfile reference,
 * ADD). Single compressed files are accepted as well, since ADD is not wrong for them.
 */
const archiveSuffixes = [
  '.tar',
  '.tar.gz',
  '.tgz',
  '.tar.bz2',
  '.tbz',
  '.tbz2',
  '.tb2',
  '.tar.xz',
  '.txz',
  '.tar.zst',
  '.tzst',
  '.tar.lz',
  '.tlz',
  '.tar.lzma',
  '.tar.z',
  '.taz',
  '.gz',
  '.bz2',
  '.xz',
  '.zst',
  '.lz',
  '.lzma',
  '.z',
];

export function isArchive(path: string): boolean {
  const lower = path.toLowerCase();
  return archiveSuffixes.some((suffix) => lower.endsWith(suffix));
}

/** ADD fetches these itself: remote URLs and git repositories. */
export function isRemoteSource(path: string): boolean {
  return /^(https?|git|ssh):\/\//.test(path) || /^git@[^:]+:/.test(path);
}
