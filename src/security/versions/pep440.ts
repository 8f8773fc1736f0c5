import { createRequire } from 'node:module';
import type * as Pep440 from '@renovatebot/pep440';
import { compareStrings, sign, type Ordering } from './ordering.js';

// CommonJS, loaded synchronously on first use: scans without a PyPI package never pay for it
// (bench/scan.ts, issue 4).
const load = createRequire(import.meta.url);
let loaded: typeof Pep440 | undefined;
const pep440 = (): typeof Pep440 => (loaded ??= load('@renovatebot/pep440') as typeof Pep440);

/**
 * Python package versions (PyPI): PEP 440 order via `@renovatebot/pep440` (epoch, release with trailing
 * zeros ignored, `.devN` < pre-releases < final < `.postN`, then local segments). Strings PEP 440 rejects
 * are "legacy" versions: as in `packaging` before 22.0 (and osv-scalibr) they sort before every valid one
 * and among themselves by setuptools' legacy key. The library reads numbers as doubles, so release numbers
 * past 2^53 lose precision.
 *
 * @example
 * compare('1.0.dev0', '1.0a1'); // -1
 * compare('1.0', '1.0.0'); // 0
 * compare('1.0.post1', '1.0+local'); // 1
 */
export function compare(a: string, b: string): Ordering {
  const x = a.trim();
  const y = b.trim();
  const xValid = isValid(x);
  const yValid = isValid(y);
  if (xValid && yValid) return sign(pep440().compare(x, y));
  if (xValid !== yValid) return xValid ? 1 : -1;
  return compareLegacy(x, y);
}

/** True when the string is a PEP 440 version (surrounding spaces allowed). */
export function isValid(version: string): boolean {
  return pep440().valid(version.trim()) !== null;
}

function compareLegacy(a: string, b: string): Ordering {
  const x = legacyKey(a);
  const y = legacyKey(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const diff = compareStrings(x[i] ?? '', y[i] ?? '');
    if (diff !== 0) return diff;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

const legacyReplacements: Readonly<Record<string, string>> = {
  pre: 'c',
  preview: 'c',
  '-': 'final-',
  rc: 'c',
  dev: '@',
};

/** setuptools' `_legacy_cmpkey` (packaging 21.x `LegacyVersion`): zero-padded numbers and `*`-marked words. */
function legacyKey(version: string): string[] {
  const parts: string[] = [];
  const pieces = version
    .toLowerCase()
    .split(/(\d+|[a-z]+|\.|-)/)
    .map((piece) => legacyReplacements[piece] ?? piece)
    .filter((piece) => piece !== '' && piece !== '.')
    .map((piece) => (/^\d/.test(piece) ? piece.padStart(8, '0') : `*${piece}`));
  for (const part of [...pieces, '*final']) {
    if (part.startsWith('*')) {
      // Drop a `-` before a pre-release tag, and trailing zeros of each numeric series.
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}
