import { parseDpkgFileList, parseDpkgMd5sums, parseDpkgStatus } from './dpkg.js';
import type { FileKind } from './file-kinds.js';
import type { OsPackage } from './os-package.js';
import { purl } from './purl.js';
import type { Distro, Package, SbomFile, Unscanned } from './sbom-types.js';

type PackageType = 'deb' | 'apk' | 'rpm';

/** Ecosystem when os-release is missing: the package manager still says which family it is. */
const fallback: Readonly<Record<PackageType, { namespace: string; ecosystem: string }>> = {
  deb: { namespace: 'debian', ecosystem: 'Debian' },
  apk: { namespace: 'alpine', ecosystem: 'Alpine' },
  rpm: { namespace: 'rpm', ecosystem: 'Red Hat' },
};

/**
 * Merged-/usr images reach `/bin/x` as `/usr/bin/x` while dpkg may list either; ownership is compared on
 * the `/usr` form.
 */
export function ownershipKey(path: string): string {
  return /^(bin|sbin|lib|lib32|lib64|libx32)\//.test(path) ? `usr/${path}` : path;
}

function toPackage(
  type: PackageType,
  pkg: OsPackage,
  distro: Distro | undefined,
  path: string,
  file: SbomFile,
): Package {
  const upstream =
    pkg.sourceName === undefined || (pkg.sourceName === pkg.name && pkg.sourceVersion === pkg.version)
      ? undefined
      : pkg.sourceVersion !== undefined && pkg.sourceVersion !== pkg.version
        ? `${pkg.sourceName}@${pkg.sourceVersion}`
        : pkg.sourceName;
  const namespace = distro?.id ?? fallback[type].namespace;
  const purlVersion = type === 'rpm' ? pkg.version.replace(/^\d+:/, '') : pkg.version;
  return {
    ecosystem: distro?.ecosystem ?? fallback[type].ecosystem,
    name: pkg.name,
    version: pkg.version,
    ...(pkg.sourceName === undefined ? {} : { sourceName: pkg.sourceName }),
    ...(pkg.sourceVersion === undefined ? {} : { sourceVersion: pkg.sourceVersion }),
    purl: purl(type, namespace, pkg.name, purlVersion, {
      arch: pkg.architecture,
      epoch: type === 'rpm' && pkg.epoch !== undefined && pkg.epoch !== 0 ? String(pkg.epoch) : undefined,
      distro: distro === undefined ? undefined : [distro.id, distro.versionId].filter(Boolean).join('-'),
      upstream,
    }),
    locations: [path],
    ...(file.layer === undefined ? {} : { layer: file.layer }),
  };
}

export interface OsScan {
  readonly packages: Package[];
  /** Whether an OS package installed the file at `path` (compared by {@link ownershipKey}). */
  readonly owns: (path: string) => boolean;
  readonly unscanned: Unscanned[];
}

/**
 * Reads the OS package databases among the files (dpkg, distroless dpkg, apk, SQLite rpmdb). The apk and
 * rpm readers load only for images that have such a database: each module costs a scan ~0.5 ms to load
 * (bench/scan.ts, issue 4).
 */
export async function scanOsPackages(
  files: readonly (readonly [string, SbomFile, FileKind])[],
  distro: Distro | undefined,
): Promise<OsScan> {
  // dpkg's file lists are most of a Debian image's package data (~90,000 paths in 8 MB for 750
  // packages); they are parsed only when a language-package file asks who owns it (bench/scan.ts, issue 4).
  const pending: (() => readonly string[])[] = [];
  let owned: Set<string> | undefined;
  const own = (paths: readonly string[]): void => {
    pending.push(() => paths);
  };
  const ownLater = (parse: () => readonly string[]): void => {
    pending.push(parse);
  };
  const scan: OsScan = {
    packages: [],
    unscanned: [],
    owns: (path) => {
      if (owned === undefined) {
        owned = new Set();
        for (const paths of pending) for (const p of paths()) owned.add(ownershipKey(p));
        pending.length = 0;
      }
      return owned.has(ownershipKey(path));
    },
  };
  for (const [path, file, kind] of files) {
    switch (kind) {
      case 'dpkg-status':
        for (const pkg of parseDpkgStatus(file.data.toString('utf8')))
          scan.packages.push(toPackage('deb', pkg, distro, path, file));
        break;
      case 'dpkg-list':
        ownLater(() => parseDpkgFileList(file.data.toString('utf8')));
        break;
      case 'dpkg-md5sums':
        ownLater(() => parseDpkgMd5sums(file.data.toString('utf8')));
        break;
      case 'apk-installed': {
        const { parseApkInstalled } = await import('./apk.js');
        for (const pkg of parseApkInstalled(file.data.toString('utf8'))) {
          scan.packages.push(toPackage('apk', pkg, distro, path, file));
          own(pkg.files);
        }
        break;
      }
      case 'rpmdb-sqlite':
        try {
          const { readRpmdbSqlite } = await import('./rpmdb-sqlite.js');
          for (const pkg of readRpmdbSqlite(file.data)) {
            scan.packages.push(toPackage('rpm', pkg, distro, path, file));
            own(pkg.files);
          }
        } catch (error) {
          scan.unscanned.push({
            path,
            reason: `rpm SQLite database unreadable: ${(error as Error).message}`,
          });
        }
        break;
      case 'rpmdb-unsupported':
        scan.unscanned.push({ path, reason: 'rpm BerkeleyDB/NDB database: only rpmdb.sqlite is read' });
        break;
      default:
        break;
    }
  }
  return scan;
}
