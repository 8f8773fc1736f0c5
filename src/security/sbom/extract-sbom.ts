import { fileKind } from './file-kinds.js';
import { scanLanguagePackages } from './language-packages.js';
import { detectDistro } from './os-release.js';
import { scanOsPackages } from './os-packages.js';
import type { Package, Sbom, SbomFiles } from './sbom-types.js';

/** One entry per purl; a package seen in several places keeps every location and the first layer. */
function dedupe(packages: readonly Package[]): Package[] {
  const byPurl = new Map<string, Package>();
  for (const pkg of packages) {
    const seen = byPurl.get(pkg.purl);
    if (seen === undefined) byPurl.set(pkg.purl, { ...pkg, locations: [...pkg.locations] });
    else
      for (const location of pkg.locations)
        if (!seen.locations.includes(location)) seen.locations.push(location);
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...byPurl.values()].sort(
    (a, b) =>
      order(a.ecosystem, b.ecosystem) ||
      order(a.name, b.name) ||
      order(a.version, b.version) ||
      order(a.purl, b.purl),
  );
}

/**
 * Builds a software bill of materials from collected files (see {@link sbomWanted}): the distro from
 * os-release, OS packages from dpkg/apk/rpm databases with their source packages, then language packages
 * (npm, PyPI, Go, Maven) from files no OS package installed, so a distro's own Python or Go tools are not
 * reported twice. No I/O: async only because the readers of rarer formats load on first use.
 *
 * @example
 * const sbom = await extractSbom(new Map([['var/lib/dpkg/status', { data: statusBytes }]]));
 * sbom.packages[0]; // { ecosystem: 'Debian', name: 'libc6', sourceName: 'glibc', purl: 'pkg:deb/debian/libc6@…', … }
 */
export async function extractSbom(files: SbomFiles): Promise<Sbom> {
  const paths = [...files.keys()].sort();
  const classified = paths.map(
    (path) => [path, files.get(path) ?? { data: Buffer.alloc(0) }, fileKind(path)] as const,
  );
  const distro = detectDistro((path) => files.get(path)?.data.toString('utf8'));
  const os = await scanOsPackages(
    classified.flatMap(([path, file, kind]) => (kind === undefined ? [] : [[path, file, kind] as const])),
    distro,
  );
  const language = await scanLanguagePackages(classified, os.owns);
  return {
    ...(distro === undefined ? {} : { distro }),
    packages: dedupe([...os.packages, ...language.packages]),
    unscanned: [...os.unscanned, ...language.unscanned],
  };
}
