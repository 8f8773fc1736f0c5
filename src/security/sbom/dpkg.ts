import { parseStanzas } from './deb822.js';
import type { OsPackage } from './os-package.js';

/** dpkg's status words for packages whose files are (at least partly) on disk (dpkg-query(1) "Status"). */
const presentStates = new Set([
  'installed',
  'half-installed',
  'unpacked',
  'half-configured',
  'triggers-awaited',
  'triggers-pending',
]);

/** The fields read below; the rest of a stanza (descriptions, conffiles, dependencies) is skipped. */
const statusFields: ReadonlySet<string> = new Set(['package', 'version', 'status', 'source', 'architecture']);

/**
 * Reads dpkg's database: `var/lib/dpkg/status`, or one file of distroless's `var/lib/dpkg/status.d/`
 * (same stanzas, no `Status:` field). Keeps packages that are on disk; `Source: name (version)` gives the
 * source package, which Debian advisories are keyed by (the binary's own version when none is given).
 *
 * @example
 * parseDpkgStatus('Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nSource: glibc\n');
 * // [{ name: 'libc6', version: '2.36-9', sourceName: 'glibc', sourceVersion: '2.36-9', … }]
 */
export function parseDpkgStatus(text: string): OsPackage[] {
  const packages: OsPackage[] = [];
  for (const fields of parseStanzas(text, { fields: statusFields })) {
    const name = fields.get('package');
    const version = fields.get('version');
    if (name === undefined || version === undefined || name === '' || version === '') continue;
    const status = fields.get('status');
    if (status !== undefined && !presentStates.has(status.split(/\s+/)[2] ?? '')) continue;
    const source = /^(\S+)(?:\s+\((\S+)\))?/.exec(fields.get('source') ?? '');
    packages.push({
      name,
      version,
      architecture: fields.get('architecture'),
      sourceName: source?.[1] ?? name,
      sourceVersion: source?.[2] ?? version,
      files: [],
    });
  }
  return packages;
}

/** Paths listed in `var/lib/dpkg/info/<pkg>.list` (one absolute path a line; `/.` is the root). */
export function parseDpkgFileList(text: string): string[] {
  const files: string[] = [];
  for (const line of text.split('\n')) {
    const path = line.trim().replace(/^\/+/, '');
    if (path !== '' && path !== '.') files.push(path);
  }
  return files;
}

/** Paths in a `*.md5sums` file (`<md5>  <path>` a line; distroless keeps these next to `status.d/<pkg>`). */
export function parseDpkgMd5sums(text: string): string[] {
  const files: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^[0-9a-f]{32}\s+\/?(.+)$/.exec(line.trim());
    if (match?.[1] !== undefined) files.push(match[1]);
  }
  return files;
}
