import type { EntryInfo, FileReducer } from '../image/index.js';

/** Keeps no bytes, only that the file exists and its mode. */
const presenceOnly = (): FileReducer => ({ done: true, write: () => undefined, end: () => Buffer.alloc(0) });

/** Account files whose modes BERTH-DI-0002 checks. */
export const accountFiles = ['etc/passwd', 'etc/group', 'etc/shadow', 'etc/gshadow'] as const;

/** Package-manager cache directories (DKL-DI-0005) and what in them is bookkeeping, not cache. */
export const cacheDirectories = [
  'var/lib/apt/lists/',
  'var/cache/apt/archives/',
  'var/cache/apk/',
  'var/cache/yum/',
  'var/cache/dnf/',
] as const;
export const cacheBookkeeping = /(?:^|\/)(?:lock|partial\/.*|auxfiles\/.*)$/;

/** Basenames and extensions of files that are credentials (Dockle CIS-DI-0010, trimmed of noisy ones). */
export const secretFileNames: ReadonlySet<string> = new Set([
  'credentials.json',
  'credentials',
  'credential',
  'password.txt',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '.env',
  '.pgpass',
  '.netrc',
  '.git-credentials',
  '.htpasswd',
  'secret_token.rb',
]);
export const secretFileExtensions = /\.(?:secret|ovpn|private_key|cscfg|rdp|pfx|p12|keystore|jks)$/i;

export function isSecretFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return secretFileNames.has(base) || secretFileExtensions.test(base);
}

export function isCacheFile(path: string): boolean {
  return cacheDirectories.some(
    (dir) => path.startsWith(dir) && !cacheBookkeeping.test(path.slice(dir.length)),
  );
}

/**
 * A `collectFiles` predicate that records (without reading) the files `checkImageConfig` looks at:
 * setuid/setgid files, account files, package caches and credential-named files. Map the result with
 * `[...files].map(([path, f]) => ({ path, mode: f.mode, size: f.data.length }))`.
 */
export function imageConfigWanted(path: string, info: EntryInfo): boolean | FileReducer {
  if ((info.mode & 0o6000) !== 0) return presenceOnly();
  if ((accountFiles as readonly string[]).includes(path) || isCacheFile(path) || isSecretFile(path))
    return presenceOnly();
  return false;
}
