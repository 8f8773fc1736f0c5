import { type Ordering } from './ordering.js';
import { compareComponents } from './semver-like.js';

/**
 * R package versions (CRAN, Bioconductor): integers separated by `.` or `-`, which weigh the same, compared
 * numerically; when one version is a prefix of the other the longer one is newer, so `1.0 < 1.0.0` (R
 * `package_version`, `compareVersion`; osv-scalibr `semantic/version-cran.go`).
 *
 * @example
 * compare('0.1-2', '0.1.10'); // -1
 * compare('1.0', '1.0.0'); // -1
 */
export function compare(a: string, b: string): Ordering {
  const x = numbers(a);
  const y = numbers(b);
  return compareComponents(x, y) || (x.length === y.length ? 0 : x.length < y.length ? -1 : 1);
}

/** True for an R package version: at least two integers separated by `.` or `-`. */
export function isValid(version: string): boolean {
  return /^\d+(?:[.-]\d+)+$/.test(version.trim());
}

/** Numeric components; anything else is ignored. */
function numbers(version: string): string[] {
  return version
    .trim()
    .split(/[.-]/)
    .filter((part) => /^\d+$/.test(part));
}
