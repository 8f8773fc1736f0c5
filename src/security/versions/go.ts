import type { Ordering } from './ordering.js';
import * as semver from './semver.js';

/**
 * Go module versions: SemVer 2.0 with a `v` prefix (OSV stores them without it), so pseudo-versions such
 * as `v1.2.4-0.20230101120000-abcdef123456` are ordinary pre-releases and `+incompatible` is ignored build
 * metadata (golang.org/ref/mod#versions, #pseudo-versions).
 *
 * @example
 * compare('v1.2.3', '1.2.3'); // 0
 * compare('1.2.4-0.20230101120000-abcdef123456', '1.2.4'); // -1
 * compare('2.0.0+incompatible', '2.0.0'); // 0
 */
export function compare(a: string, b: string): Ordering {
  return semver.compare(a, b);
}

/** True for a canonical module version (`v` optional): strict SemVer whose only build metadata is `+incompatible`. */
export function isValid(version: string): boolean {
  const plus = version.indexOf('+');
  if (plus >= 0 && version.slice(plus) !== '+incompatible') return false;
  return /^v?\d/.test(version) && semver.isValidStrict(version.replace(/^v/, ''));
}
