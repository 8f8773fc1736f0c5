import { createRequire } from 'node:module';
import type { SemVer } from 'semver';
import type parseSemver from 'semver/functions/parse.js';
import type validSemver from 'semver/functions/valid.js';
import { isDigits, type Ordering } from './ordering.js';
import { compareComponents, comparePrerelease, parseSemverLike } from './semver-like.js';

// node-semver is CommonJS, so it can be loaded synchronously on first use: an image scan that compares no
// SemVer version (Debian, Alpine, Red Hat packages) never loads it. Its index alone is ~50 files and ~20 ms
// of start-up (bench/scan.ts, issue 4), hence the two functions used, not `semver`.
const load = createRequire(import.meta.url);
let loaded: { parse: typeof parseSemver; valid: typeof validSemver } | undefined;
const nodeSemver = (): { parse: typeof parseSemver; valid: typeof validSemver } =>
  (loaded ??= {
    parse: load('semver/functions/parse.js') as typeof parseSemver,
    valid: load('semver/functions/valid.js') as typeof validSemver,
  });

/**
 * SemVer 2.0 precedence (semver.org §11), as OSV `SEMVER` ranges and npm use it: build metadata is ignored
 * and a leading `v` or `=` is allowed. Versions that node-semver parses strictly are compared by
 * node-semver; anything else (`1.2`, `1.2.3beta`, `1.2.3.4`, leading zeros, numbers past 2^53) falls back to
 * osv-scalibr's lenient SemVer-like reading, which agrees with node-semver wherever both apply.
 * node-semver's own loose mode is not used: it backtracks `1.2.34.5` into `1.2.3-4.5`.
 *
 * @example
 * compare('1.0.0-rc.1', '1.0.0'); // -1
 * compare('v1.2.3', '1.2.3+build.7'); // 0
 */
export function compare(a: string, b: string): Ordering {
  const x = parseStrictly(a);
  const y = parseStrictly(b);
  if (x !== null && y !== null) return x.compare(y);
  const p = parseSemverLike(clean(a), 3);
  const q = parseSemverLike(clean(b), 3);
  return compareComponents(p.components, q.components) || comparePrerelease(p.rest, q.rest);
}

/** True for a SemVer 2.0 version, allowing the `v`/`=` prefix and spaces npm's `semver.clean` removes. */
export function isValid(version: string): boolean {
  return nodeSemver().valid(clean(version)) !== null;
}

/** True for a strict SemVer 2.0 version with no prefix, as crates.io and Hex require. */
export function isValidStrict(version: string): boolean {
  return /^\d/.test(version) && !/\s$/.test(version) && nodeSemver().valid(version) !== null;
}

function parseStrictly(version: string): SemVer | null {
  const parsed = nodeSemver().parse(clean(version));
  // node-semver keeps pre-release numbers past 2^53 as strings yet compares them as (imprecise) floats.
  if (parsed === null || parsed.prerelease.some((id) => typeof id === 'string' && isDigits(id))) return null;
  return parsed;
}

/** Drops a leading `v` or `=` and surrounding spaces, as npm's `semver.clean` does. */
function clean(version: string): string {
  return version.trim().replace(/^[v=\s]+/, '');
}
