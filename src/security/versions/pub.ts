import type { Ordering } from './ordering.js';
import {
  build,
  compareComponents,
  compareIdentifiers,
  comparePrerelease,
  parseSemverLike,
} from './semver-like.js';

/**
 * Dart package versions (Pub): SemVer 2.0 precedence, except that build metadata counts: a version with a
 * build sorts after the same version without one, and builds compare part by part like pre-releases
 * (`pub_semver` `Version.compareTo`). A leading `v` is accepted, as osv-scalibr does.
 *
 * @example
 * compare('1.0.0-pre+build', '1.0.0'); // -1
 * compare('1.0.0', '1.0.0+build'); // -1
 * compare('1.2.3+9', '1.2.3+10'); // -1
 */
export function compare(a: string, b: string): Ordering {
  const x = parseSemverLike(a.trim(), 3);
  const y = parseSemverLike(b.trim(), 3);
  return (
    compareComponents(x.components, y.components) ||
    comparePrerelease(x.rest, y.rest) ||
    compareBuilds(build(x.rest), build(y.rest))
  );
}

/** True for a version `pub_semver` parses: `major.minor.patch[-pre][+build]`. */
export function isValid(version: string): boolean {
  return valid.test(version.trim());
}

const identifiers = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const valid = new RegExp(`^\\d+\\.\\d+\\.\\d+(?:-${identifiers})?(?:\\+${identifiers})?$`);

/** A build sorts after none; builds compare part by part like pre-release identifiers. */
function compareBuilds(a: string, b: string): Ordering {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  return compareIdentifiers(a.split('.'), b.split('.'));
}
