import { schemeByEcosystem, type Ecosystem } from './ecosystems.js';
import type { Ordering } from './ordering.js';
import type { VersionScheme } from './version-scheme.js';

export type { Ecosystem } from './ecosystems.js';
export type { Ordering } from './ordering.js';

/**
 * Orders two versions of a package by the rules of its OSV ecosystem: dpkg for Debian, apk for Alpine,
 * rpmvercmp for Red Hat and its rebuilds, SemVer for npm, PEP 440 for PyPI, and so on. The ecosystem may
 * carry a release suffix (`Debian:12`, `Alpine:v3.20`, `Red Hat:<cpe>`), which is ignored. Invalid version
 * strings are still ordered (the ecosystem's own fallback); only an unknown ecosystem throws.
 *
 * @example
 * compareVersions('Debian:12', '1.2.3-1~deb12u1', '1.2.3-1'); // -1
 * compareVersions('PyPI', '2.0.0rc1', '2.0.0'); // -1
 * compareVersions('Maven', '1.0', '1.0.0-ga'); // 0
 */
export function compareVersions(ecosystem: string, a: string, b: string): Ordering {
  return schemeFor(ecosystem).compare(a, b);
}

/** True when {@link compareVersions} knows the ecosystem (a release suffix after `:` is ignored). */
export function isSupportedEcosystem(ecosystem: string): boolean {
  return Object.hasOwn(schemeByEcosystem, baseName(ecosystem));
}

/**
 * True when the ecosystem's own tool would accept the version string (dpkg, apk, node-semver, PEP 440 ...);
 * Maven accepts any text without spaces. Throws for an unknown ecosystem, like {@link compareVersions}.
 *
 * @example
 * isValidVersion('PyPI', '1.0.post1'); // true
 * isValidVersion('Go', '1.2'); // false: module versions have three numbers
 */
export function isValidVersion(ecosystem: string, version: string): boolean {
  return schemeFor(ecosystem).isValid(version);
}

function schemeFor(ecosystem: string): VersionScheme {
  const name = baseName(ecosystem);
  if (!Object.hasOwn(schemeByEcosystem, name)) {
    const known = Object.keys(schemeByEcosystem).join(', ');
    throw new Error(`unsupported ecosystem "${ecosystem}": expected an OSV ecosystem name, one of ${known}`);
  }
  return schemeByEcosystem[name as Ecosystem];
}

/** The ecosystem name without its release suffix: `Debian:12` → `Debian`, `Ubuntu:22.04:LTS` → `Ubuntu`. */
function baseName(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}
