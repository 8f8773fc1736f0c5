import type { EntryInfo, FileWanted } from '../image/index.js';
import { defaultAllowPaths } from './allow-rules.js';
import { pathMatcher } from './path-glob.js';

/** Files larger than this are not read for secrets (Trivy uses 10 MB; config files are kilobytes). */
export const defaultSecretMaxFileBytes = 2 * 1024 * 1024;

/** Extensions of formats that are never text: skipped without reading a byte. */
const binaryExtensions = new Set(
  (
    'png jpg jpeg gif bmp ico webp svgz tif tiff psd mp3 mp4 m4a ogg wav flac avi mov webm mkv ' +
    'woff woff2 ttf otf eot zip gz tgz bz2 xz zst lz4 7z rar tar jar war ear whl egg apk deb rpm ' +
    'so a o ko dll exe dylib lib bin dat db sqlite sqlite3 pyc pyo class wasm node mo gmo pdf ' +
    'pack idx dex elf iso img qcow2 pem.enc'
  ).split(' '),
);

export interface SecretWantedOptions {
  /** Default 2 MiB. */
  maxFileBytes?: number;
  /** Globs not to scan; default `defaultAllowPaths`. */
  allowPaths?: readonly string[];
  /** Globs added to the allow paths (keeps the defaults). */
  extraAllowPaths?: readonly string[];
}

/**
 * Builds a `collectFiles`/`scanDirectory` predicate choosing the files to scan for secrets: text-like
 * names, at most `maxFileBytes`, outside the allow paths. Binaries that slip through (no extension) are
 * dropped at scan time by a NUL-byte check (`findSecretsInFiles`).
 */
export function createSecretWanted(options: SecretWantedOptions = {}): FileWanted {
  const maxFileBytes = options.maxFileBytes ?? defaultSecretMaxFileBytes;
  const allowed = pathMatcher([
    ...(options.allowPaths ?? defaultAllowPaths),
    ...(options.extraAllowPaths ?? []),
  ]);
  return (path: string, info: EntryInfo): boolean => {
    // Size 0 is kept: hard links are offered with size 0 before their target is resolved.
    if (info.size > maxFileBytes || path.endsWith('/')) return false;
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    const dot = name.lastIndexOf('.');
    if (dot > 0 && binaryExtensions.has(name.slice(dot + 1))) return false;
    return !allowed(path);
  };
}

/**
 * The default secret file predicate for `collectFiles` (see {@link createSecretWanted}).
 *
 * @example
 * const { files } = await collectFiles(image, secretWanted);
 * const findings = findSecretsInFiles(files);
 */
export const secretWanted: FileWanted = createSecretWanted();
