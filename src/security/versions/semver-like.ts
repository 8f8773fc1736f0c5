import { compareDigits, compareStrings, isDigits, type Ordering } from './ordering.js';

/**
 * A lenient reading of SemVer-shaped strings, as osv-scalibr `semantic/version-semver-like.go` does: an
 * optional leading `v`, any number of dot-separated numeric components of any size, then everything from
 * the first other character on (pre-release and build, e.g. `-rc.1+build`) as `rest`. Components past
 * `maxComponents` move to the end of `rest`, so `1.2.3.4` reads as `1.2.3` with rest `.4`.
 */
export interface SemverLike {
  components: string[];
  rest: string;
}

export function parseSemverLike(version: string, maxComponents: number): SemverLike {
  const text = version.startsWith('v') ? version.slice(1) : version;
  const components: string[] = [];
  let current = '';
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charAt(i);
    if (c >= '0' && c <= '9') {
      current += c;
      continue;
    }
    if (current !== '') components.push(current);
    current = '';
    if (c !== '.') break;
  }
  if (i === text.length && current !== '') components.push(current);
  let rest = text.slice(i);
  for (const extra of components.splice(maxComponents)) rest += `.${BigInt(extra).toString()}`;
  return { components, rest };
}

/** Compares numeric components, padding the shorter list with zeros. */
export function compareComponents(a: readonly string[], b: readonly string[]): Ordering {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Compares the pre-release part of two `rest` strings by SemVer 2.0 precedence (§11): build metadata after
 * `+` is ignored, no pre-release sorts after any, identifiers compare numerically when both are digits,
 * digits sort before letters, and a longer list wins a tie.
 */
export function comparePrerelease(a: string, b: string): Ordering {
  const x = prerelease(a);
  const y = prerelease(b);
  if (x === y) return 0;
  if (x === '') return 1;
  if (y === '') return -1;
  return compareIdentifiers(x.split('.'), y.split('.'));
}

/** Compares dot-separated identifier lists the SemVer 2.0 way (§11.4). */
export function compareIdentifiers(a: readonly string[], b: readonly string[]): Ordering {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const xNumeric = isDigits(x);
    const yNumeric = isDigits(y);
    let diff: Ordering;
    if (xNumeric && yNumeric) diff = compareDigits(x, y);
    else if (xNumeric) diff = -1;
    else if (yNumeric) diff = 1;
    else diff = compareStrings(x, y);
    if (diff !== 0) return diff;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** The pre-release part of a `rest` string: before any `+`, without the leading `-` (as node-semver). */
export function prerelease(rest: string): string {
  const plus = rest.indexOf('+');
  const withoutBuild = plus < 0 ? rest : rest.slice(0, plus);
  return withoutBuild.startsWith('-') ? withoutBuild.slice(1) : withoutBuild;
}

/** The build metadata of a `rest` string: everything after the first `+`. */
export function build(rest: string): string {
  const plus = rest.indexOf('+');
  return plus < 0 ? '' : rest.slice(plus + 1);
}
