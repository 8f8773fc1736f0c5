/**
 * How OSV ecosystem strings key the index. `Debian:12` is the ecosystem `Debian` scoped to release `12`;
 * `Ubuntu:22.04:LTS` is `Ubuntu` release `22.04:LTS`; `Maven:https://maven.google.com` is `Maven` with a
 * repository suffix (ossf/osv-schema `docs/schema.md`, "Defined ecosystems").
 */
export interface EcosystemKey {
  /** The name before the first `:`. */
  ecosystem: string;
  /** Everything after the first `:`, or `''`. */
  release: string;
}

export function splitEcosystem(value: string): EcosystemKey {
  const colon = value.indexOf(':');
  return colon < 0
    ? { ecosystem: value, release: '' }
    : { ecosystem: value.slice(0, colon), release: value.slice(colon + 1) };
}

/** Distributions whose advisories name the source package (dpkg `Source:`, apk `o:` origin). */
const sourceKeyed = new Set(['Debian', 'Ubuntu', 'Alpine', 'Wolfi', 'Chainguard', 'MinimOS']);

/**
 * RPM distributions. The schema says AlmaLinux and Rocky entries name the source package and Red Hat's a
 * binary or source RPM, but AlmaLinux/osv-database lists binary names too (`qatzip-devel`, `qatzip-libs`),
 * so these are looked up by the binary name and by the source RPM name.
 */
const rpmFamily = new Set([
  'Red Hat',
  'AlmaLinux',
  'Rocky Linux',
  'SUSE',
  'openSUSE',
  'Mageia',
  'Photon OS',
  'Azure Linux',
  'openEuler',
]);

/**
 * True for an operating-system ecosystem: its advisories apply only to the same distribution release, so
 * `Debian:12` never matches a `Debian:11` entry (Trivy's rule; research/security.md §7.3).
 */
export function isOsEcosystem(ecosystem: string): boolean {
  return sourceKeyed.has(ecosystem) || rpmFamily.has(ecosystem);
}

/** The package names to look up, in order, and which version goes with each. */
export interface LookupName {
  name: string;
  via: 'name' | 'source';
}

/**
 * The names under which a package's advisories are filed. OS packages: the source package for dpkg and
 * apk distributions (`sourceName ?? name`), binary and source names for RPM ones. Language packages: the
 * package name, PEP 503-normalised for PyPI.
 */
export function lookupNames(ecosystem: string, name: string, sourceName: string | undefined): LookupName[] {
  if (sourceKeyed.has(ecosystem)) {
    return [sourceName === undefined ? { name, via: 'name' } : { name: sourceName, via: 'source' }];
  }
  if (rpmFamily.has(ecosystem)) {
    const names: LookupName[] = [{ name, via: 'name' }];
    if (sourceName !== undefined && sourceName !== name) names.push({ name: sourceName, via: 'source' });
    return names;
  }
  return [{ name: normalizePackageName(ecosystem, name), via: 'name' }];
}

/** The stored form of a package name: PyPI names are normalised per PEP 503; others are kept as written. */
export function normalizePackageName(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/**
 * Go binaries report their toolchain as `go1.22.3`; the Go vulnerability database files it under the
 * pseudo-modules `stdlib` and `toolchain` as `1.22.3`.
 */
export function normalizeVersion(ecosystem: string, name: string, version: string): string {
  return ecosystem === 'Go' && (name === 'stdlib' || name === 'toolchain')
    ? version.replace(/^go(?=\d)/, '')
    : version;
}
