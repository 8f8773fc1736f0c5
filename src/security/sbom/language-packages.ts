import type { FileKind } from './file-kinds.js';
import { goBuildInfoMagic, parseGoBuildInfo, type GoBuildInfo, type GoModule } from './go-buildinfo.js';
import { purl } from './purl.js';
import type { Package, SbomFile, Unscanned } from './sbom-types.js';

type Located = (fields: Omit<Package, 'locations' | 'layer'>) => Package;

function npmPurl(name: string, version: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  return slash === -1
    ? purl('npm', undefined, name, version)
    : purl('npm', name.slice(0, slash), name.slice(slash + 1), version);
}

function npmPackage(name: string, version: string): Omit<Package, 'locations' | 'layer'> {
  return { ecosystem: 'npm', name, version, purl: npmPurl(name, version) };
}

function goPackage(path: string, version: string): Omit<Package, 'locations' | 'layer'> {
  const slash = path.lastIndexOf('/');
  return {
    ecosystem: 'Go',
    name: path,
    version,
    purl: purl('golang', slash === -1 ? undefined : path.slice(0, slash), path.slice(slash + 1), version),
  };
}

/** A replacement by a directory (`=> ./staging/src/k8s.io/api (devel)`) names no module version. */
const isLocal = (module: GoModule): boolean =>
  module.version === '' || module.version === '(devel)' || /^(\.{1,2}\/|\/)/.test(module.path);

/**
 * The modules a Go binary was built from, as OSV's Go ecosystem names them: the toolchain's standard
 * library as `stdlib` (`go1.21.5` → `1.21.5`), the main module unless it is `(devel)`, and every dependency,
 * replaced by its `=>` target when that is a module (a local directory replacement keeps the original).
 */
export function goPackages(info: GoBuildInfo): Omit<Package, 'locations' | 'layer'>[] {
  const out: Omit<Package, 'locations' | 'layer'>[] = [];
  const toolchain = /^go(\d+(?:\.\d+)*(?:[a-z]+\d+)?)/.exec(info.goVersion);
  if (toolchain?.[1] !== undefined) out.push(goPackage('stdlib', toolchain[1]));
  const main =
    info.main?.replace !== undefined && !isLocal(info.main.replace) ? info.main.replace : info.main;
  if (main !== undefined && main.version !== '' && main.version !== '(devel)')
    out.push(goPackage(main.path, main.version));
  for (const dep of info.deps) {
    const used = dep.replace !== undefined && !isLocal(dep.replace) ? dep.replace : dep;
    if (used.version !== '') out.push(goPackage(used.path, used.version));
  }
  return out;
}

export interface LanguageScan {
  readonly packages: Package[];
  readonly unscanned: Unscanned[];
}

/**
 * Reads language packages from the files not owned by an OS package: installed npm packages (lockfiles
 * only where no `node_modules` was installed beside them), Python metadata, Maven coordinates in Java
 * archives, and Go build info in executables. The npm, Python and Java readers load only when such files
 * are there (a Debian base image has none; bench/scan.ts, issue 4).
 */
export async function scanLanguagePackages(
  files: readonly (readonly [string, SbomFile, FileKind | undefined])[],
  isOwned: (path: string) => boolean,
): Promise<LanguageScan> {
  const scan: LanguageScan = { packages: [], unscanned: [] };
  const installedDirs = new Set<string>();
  for (const [path, , kind] of files) {
    if (kind === 'npm-package') installedDirs.add(path.slice(0, path.indexOf('node_modules/')));
  }
  for (const [path, file, kind] of files) {
    if (kind === 'os-release' || kind?.startsWith('dpkg') === true || kind?.startsWith('rpmdb') === true)
      continue;
    if (kind === 'apk-installed' || isOwned(path)) continue;
    const located: Located = (fields) => ({
      ...fields,
      locations: [path],
      ...(file.layer === undefined ? {} : { layer: file.layer }),
    });
    const text = (): string => file.data.toString('utf8');
    switch (kind) {
      case 'npm-package': {
        const { parseInstalledPackageJson } = await import('./npm.js');
        const pkg = parseInstalledPackageJson(text());
        if (pkg !== undefined) scan.packages.push(located(npmPackage(pkg.name, pkg.version)));
        break;
      }
      case 'npm-lock': {
        if (installedDirs.has(path.slice(0, path.lastIndexOf('/') + 1))) break;
        const { parsePackageLock } = await import('./npm.js');
        const lock = parsePackageLock(text());
        if (lock === undefined) scan.unscanned.push({ path, reason: 'not a valid package-lock.json' });
        else for (const pkg of lock) scan.packages.push(located(npmPackage(pkg.name, pkg.version)));
        break;
      }
      case 'python-metadata': {
        const { normalizePythonName, parsePythonMetadata } = await import('./python.js');
        const pkg = parsePythonMetadata(text());
        if (pkg === undefined)
          scan.unscanned.push({ path, reason: 'Python metadata without Name and Version' });
        else {
          const name = normalizePythonName(pkg.name);
          scan.packages.push(
            located({
              ecosystem: 'PyPI',
              name: pkg.name,
              version: pkg.version,
              purl: purl('pypi', undefined, name, pkg.version),
            }),
          );
        }
        break;
      }
      case 'java-archive': {
        const { scanJar } = await import('./java.js');
        const jar = scanJar(file.data, path);
        scan.unscanned.push(...jar.unscanned);
        for (const a of jar.artifacts) {
          scan.packages.push({
            ...located({
              ecosystem: 'Maven',
              name: `${a.groupId}:${a.artifactId}`,
              version: a.version,
              purl: purl('maven', a.groupId, a.artifactId, a.version),
            }),
            locations: [a.location],
          });
        }
        break;
      }
      case undefined: {
        if (file.data.indexOf(goBuildInfoMagic) === -1) break;
        const info = parseGoBuildInfo(file.data);
        if (info === undefined)
          scan.unscanned.push({
            path,
            reason: 'Go build info present but unreadable (pointer form outside ELF?)',
          });
        else for (const pkg of goPackages(info)) scan.packages.push(located(pkg));
        break;
      }
      default:
        break;
    }
  }
  return scan;
}
