import { type Ordering } from './ordering.js';
import { compareComponents, comparePrerelease, parseSemverLike } from './semver-like.js';

/**
 * NuGet versions: up to four numeric parts (`System.Version`, missing parts are 0), then SemVer 2.0
 * pre-release labels compared case-insensitively; build metadata is ignored (NuGet.Versioning
 * `VersionComparer.Default`; osv-scalibr `semantic/version-nuget.go`).
 *
 * @example
 * compare('1.0', '1.0.0.0'); // 0
 * compare('1.0.0-BETA', '1.0.0-beta'); // 0
 * compare('1.0.0', '1.0.0.1-alpha'); // -1
 */
export function compare(a: string, b: string): Ordering {
  const x = parseSemverLike(a.trim(), 4);
  const y = parseSemverLike(b.trim(), 4);
  return (
    compareComponents(x.components, y.components) ||
    comparePrerelease(x.rest.toLowerCase(), y.rest.toLowerCase())
  );
}

/** True for a NuGet version: 1 to 4 numeric parts, then optional SemVer 2.0 labels and metadata. */
export function isValid(version: string): boolean {
  return valid.test(version.trim());
}

const identifiers = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const valid = new RegExp(`^\\d+(?:\\.\\d+){0,3}(?:-${identifiers})?(?:\\+${identifiers})?$`);
