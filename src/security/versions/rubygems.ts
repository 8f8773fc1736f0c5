import { compareDigits, compareStrings, isDigits, type Ordering } from './ordering.js';

/**
 * RubyGems versions, ordered as `Gem::Version#<=>` (rubygems `lib/rubygems/version.rb`): `-` reads as
 * `.pre.`, the version splits into runs of digits and runs of letters, trailing zeros of the numeric part
 * and of the pre-release part are dropped, then segments compare pairwise (missing ones count as 0): numbers
 * numerically, words by `String#<=>`, and a word sorts before a number, so `1.0.a < 1.0`.
 *
 * @example
 * compare('1.0.0.beta1', '1.0.0'); // -1
 * compare('1.0.a10', '1.0.a9'); // 1
 * compare('1.0.a2', '1.0.a.2'); // 0
 */
export function compare(a: string, b: string): Ordering {
  const x = canonicalSegments(a);
  const y = canonicalSegments(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const l = x[i] ?? '0';
    const r = y[i] ?? '0';
    const lNumeric = isDigits(l);
    const rNumeric = isDigits(r);
    if (lNumeric !== rNumeric) return lNumeric ? 1 : -1;
    const diff = lNumeric ? compareDigits(l, r) : compareStrings(l, r);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** True when `Gem::Version.correct?` accepts the string. */
export function isValid(version: string): boolean {
  return /^\s*(?:[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*$/.test(version);
}

/** `Gem::Version#canonical_segments`: numbers (leading zeros dropped) and words, trailing zeros trimmed. */
function canonicalSegments(version: string): string[] {
  const segments = (
    version
      .trim()
      .replaceAll('-', '.pre.')
      .match(/[0-9]+|[a-z]+/gi) ?? []
  ).map((s) => (isDigits(s) ? BigInt(s).toString() : s));
  const firstWord = segments.findIndex((s) => !isDigits(s));
  const numeric = firstWord < 0 ? segments : segments.slice(0, firstWord);
  const prerelease = firstWord < 0 ? [] : segments.slice(firstWord);
  return [...dropTrailingZeros(numeric), ...dropTrailingZeros(prerelease)];
}

function dropTrailingZeros(segments: string[]): string[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === '0') end--;
  return segments.slice(0, end);
}
