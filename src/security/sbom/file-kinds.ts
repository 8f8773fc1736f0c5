/** What a path holds, for the files the SBOM analysers read (research/security.md §3.3). */
export type FileKind =
  | 'os-release'
  | 'dpkg-status'
  | 'dpkg-list'
  | 'dpkg-md5sums'
  | 'apk-installed'
  | 'rpmdb-sqlite'
  | 'rpmdb-unsupported'
  | 'npm-lock'
  | 'npm-package'
  | 'python-metadata'
  | 'java-archive';

const exact: ReadonlyMap<string, FileKind> = new Map<string, FileKind>([
  ['etc/os-release', 'os-release'],
  ['usr/lib/os-release', 'os-release'],
  ['etc/debian_version', 'os-release'],
  ['etc/alpine-release', 'os-release'],
  ['var/lib/dpkg/status', 'dpkg-status'],
  ['lib/apk/db/installed', 'apk-installed'],
  ['usr/lib/apk/db/installed', 'apk-installed'],
]);

/** rpmdb homes: classic, `/usr/lib/sysimage` (Fedora 36+, SUSE), CoreOS `usr/share/rpm`. */
const rpmDirs = ['var/lib/rpm/', 'usr/lib/sysimage/rpm/', 'usr/share/rpm/'];

const patterns: readonly [RegExp, FileKind][] = [
  [/^var\/lib\/dpkg\/status\.d\/[^/]+\.md5sums$/, 'dpkg-md5sums'],
  [/^var\/lib\/dpkg\/status\.d\/[^/]+$/, 'dpkg-status'],
  [/^var\/lib\/dpkg\/info\/[^/]+\.list$/, 'dpkg-list'],
  [/(^|\/)node_modules\/(@[^/]+\/)?[^/.@][^/]*\/package\.json$/, 'npm-package'],
  [/\.dist-info\/METADATA$/, 'python-metadata'],
  [/\.egg-info(\/PKG-INFO)?$/, 'python-metadata'],
  [/(^|\/)EGG-INFO\/PKG-INFO$/, 'python-metadata'],
  [/\.(jar|war|ear|par|sar|jpi|hpi)$/i, 'java-archive'],
];

/**
 * The analyser for a path (relative, no leading `/`), or undefined. Executables are judged by content.
 * Called for every entry of every layer (twice: when collecting, then when extracting), so the patterns
 * run only for paths that contain what they look for.
 */
export function fileKind(path: string): FileKind | undefined {
  const known = exact.get(path);
  if (known !== undefined) return known;
  for (const dir of rpmDirs) {
    if (!path.startsWith(dir) || path.indexOf('/', dir.length) !== -1) continue;
    const base = path.slice(dir.length);
    if (base === 'rpmdb.sqlite') return 'rpmdb-sqlite';
    if (base === 'Packages' || base === 'Packages.db') return 'rpmdb-unsupported';
  }
  const base = path.slice(path.lastIndexOf('/') + 1);
  // Lockfiles of installed packages inside node_modules describe nothing extra (npm's hidden lockfile).
  if ((base === 'package-lock.json' || base === 'npm-shrinkwrap.json') && !path.includes('node_modules/')) {
    return 'npm-lock';
  }
  if (!mayMatchPattern(path, base)) return undefined;
  for (const [pattern, kind] of patterns) if (pattern.test(path)) return kind;
  return undefined;
}

/** Whether any of `patterns` can match: a cheap test of what each one needs. */
function mayMatchPattern(path: string, base: string): boolean {
  if (path.startsWith('var/lib/dpkg/')) return true;
  if (base === 'package.json') return path.includes('node_modules/');
  if (base === 'METADATA' || base === 'PKG-INFO') return true;
  if (path.includes('.egg-info')) return true;
  const dot = base.lastIndexOf('.');
  return dot !== -1 && archiveExtensions.has(base.slice(dot + 1).toLowerCase());
}

const archiveExtensions = new Set(['jar', 'war', 'ear', 'par', 'sar', 'jpi', 'hpi']);
