import { type Ordering } from './ordering.js';
import { compareComponents } from './semver-like.js';

/**
 * Haskell package versions (Hackage, GHC): dot-separated non-negative integers compared as lists
 * (`Data.Version` / Cabal `Version`), so a longer version with the same prefix is newer: `1.0 < 1.0.0`.
 *
 * @example
 * compare('0.11.3.0', '1.0'); // -1
 * compare('1.0', '1.0.0'); // -1
 */
export function compare(a: string, b: string): Ordering {
  const x = numbers(a);
  const y = numbers(b);
  return compareComponents(x, y) || (x.length === y.length ? 0 : x.length < y.length ? -1 : 1);
}

/** True for a Cabal version: one or more dot-separated integers. */
export function isValid(version: string): boolean {
  return /^\d+(?:\.\d+)*$/.test(version.trim());
}

function numbers(version: string): string[] {
  return version
    .trim()
    .split('.')
    .filter((part) => /^\d+$/.test(part));
}
