import { compareDigits, isDigits, sign, type Ordering } from './ordering.js';

/**
 * PHP package versions (Packagist), ordered like PHP's `version_compare` as osv-scalibr
 * `semantic/version-packagist.go` implements it: a leading `v`/`V` is dropped, `-`, `_` and `+` become `.`,
 * a `.` is inserted between digits and letters, then parts compare numerically or by their special form:
 * unknown words = `dev` < `alpha` = `a` < `beta` = `b` < `RC` = `rc` < number < `patch` = `pl` = `p`.
 *
 * @example
 * compare('1.0-dev', '1.0a1'); // -1
 * compare('1.0RC1', '1.0rc1'); // 0
 * compare('1.0', '1.0pl1'); // -1
 */
export function compare(a: string, b: string): Ordering {
  return compareParts(canonicalize(a), canonicalize(b));
}

/**
 * True for a version Composer's `VersionParser::normalize` accepts: `[v]1.2.3[.4][-stability[N]][-dev]`
 * with optional `+build`, a branch such as `2.0.x-dev`, or `dev-<branch>`.
 */
export function isValid(version: string): boolean {
  const text = version.trim().replace(/^([^,\s+]+)\+\S+$/, '$1');
  return classical.test(text) || branch.test(text) || /^dev-\S+$/i.test(text);
}

const classical =
  /^v?\d+(?:\.\d+){0,3}(?:[._-]?(?:stable|beta|b|rc|alpha|a|patch|pl|p)(?:[.-]?\d+)*)?(?:[.-]?dev)?$/i;
const branch = /^v?\d+(?:\.(?:\d+|[x*])){0,3}[.-]?dev$/i;

function canonicalize(version: string): string[] {
  return version
    .replace(/^v/, '')
    .replace(/^V/, '')
    .replace(/[-_+]/g, '.')
    .replace(/([^\d.])(\d)/g, '$1.$2')
    .replace(/(\d)([^\d.])/g, '$1.$2')
    .split('.');
}

/** Weight of a non-numeric part by its prefix, as `version_compare`'s special forms; numbers weigh as `#`. */
function weight(part: string): number {
  if (part.startsWith('RC')) return 3;
  const index = ['dev', 'a', 'b', 'rc', '#', 'p'].findIndex((special) => part.startsWith(special));
  return index < 0 ? 0 : index;
}

function compareParts(a: readonly string[], b: readonly string[]): Ordering {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const diff =
      isDigits(x) && isDigits(y)
        ? compareDigits(x, y)
        : sign(weight(isDigits(x) ? '#' : x) - weight(isDigits(y) ? '#' : y));
    if (diff !== 0) return diff;
  }
  // The longer version wins if its next part is a number; otherwise its rest compares against `#`.
  if (a.length > b.length) return isDigits(a[b.length] ?? '') ? 1 : compareParts(a.slice(b.length), ['#']);
  if (a.length < b.length) return isDigits(b[a.length] ?? '') ? -1 : compareParts(['#'], b.slice(a.length));
  return 0;
}
