import { compareDigits, compareStrings, isDigits, type Ordering } from './ordering.js';

/**
 * Maven versions, ordered as `ComparableVersion` (maven-artifact 3.8) and the POM reference's "Version Order
 * Specification" describe, following osv-scalibr `semantic/version-maven.go`:
 * - tokens split on `.`, `-` and digit/letter transitions (a transition counts as `-`), case-insensitive;
 * - trailing "null" tokens (`0`, `""`, `final`, `ga`, `release`) are trimmed before each `-`;
 * - qualifiers: `alpha` = `a1` < `beta` = `b1` < `milestone` = `m1` < `rc` = `cr` < `snapshot` < `""` = `ga`
 *   = `final` = `release` < `sp` < other words (alphabetical) < numbers;
 * - by separator: `.qualifier` < `-qualifier` < `-number` < `.number`.
 *
 * @example
 * compare('1.0-alpha-1', '1.0'); // -1
 * compare('1.0', '1.0.0-ga'); // 0
 * compare('1.0-sp1', '1.0'); // 1
 */
export function compare(a: string, b: string): Ordering {
  const x = tokenize(a);
  const y = tokenize(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const other = x[i] ?? y[i];
    if (other === undefined) break;
    // The shorter version is padded with null tokens shaped like the longer one's.
    const left = x[i] ?? nullLike(other);
    const right = y[i] ?? nullLike(other);
    if (left.prefix === right.prefix && left.value === right.value) continue;
    return lessThan(left, right) ? -1 : 1;
  }
  return 0;
}

/** Maven accepts any non-empty version without whitespace. */
export function isValid(version: string): boolean {
  return /^\S+$/.test(version);
}

type Prefix = '' | '.' | '-';

interface Token {
  prefix: Prefix;
  value: string;
  /** A padding token (only ever compared, never parsed). */
  isNull: boolean;
}

/** Known qualifiers in order; `""` is the release itself. Unknown words sort after all of them. */
const qualifiers = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const aliases: Readonly<Record<string, string>> = { cr: 'rc', ga: '', final: '', release: '' };
/** `a`, `b` and `m` directly followed by a number abbreviate alpha, beta and milestone. */
const shortForms: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };

function tokenize(version: string): Token[] {
  const tokens: Token[] = [];
  const pieces = version.split(/([.-])/);
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i] ?? '';
    let prefix: Prefix = i === 0 ? '' : pieces[i - 1] === '.' ? '.' : '-';
    // A switch between digits and non-digits inside a piece acts as a `-`.
    const parts = piece.match(/\d+|\D+/g) ?? [''];
    parts.forEach((part, j) => {
      if (j > 0) prefix = '-';
      let value = part.toLowerCase() || '0';
      value = aliases[value] ?? value;
      if (j < parts.length - 1) value = shortForms[value] ?? value;
      if (isDigits(value)) value = BigInt(value).toString();
      tokens.push({ prefix, value, isNull: false });
    });
  }
  trimNulls(tokens);
  return tokens;
}

/** From the end, drop null tokens, then repeat from each earlier `-` (the spec's normalisation). */
function trimNulls(tokens: Token[]): void {
  let i = tokens.length - 1;
  while (i > 0) {
    const token = tokens[i];
    if (token !== undefined && isNullValue(token.value)) {
      tokens.splice(i, 1);
      i--;
      continue;
    }
    while (i >= 0 && tokens[i]?.prefix !== '-') i--;
    i--;
  }
}

function isNullValue(value: string): boolean {
  return value === '0' || value === '';
}

function nullLike(token: Token): Token {
  // `sp` is the only qualifier after the release, so padding against it must be the empty qualifier.
  if (token.prefix === '.') return { prefix: '.', value: token.value === 'sp' ? '' : '0', isNull: true };
  return { prefix: '-', value: '', isNull: true };
}

/** `.qualifier` < `-qualifier` < `-number` < `.number`. */
function separatorRank(token: Token): number {
  const numeric = isDigits(token.value);
  if (token.prefix === '.') return numeric ? 3 : 0;
  return numeric ? 2 : 1;
}

function lessThan(left: Token, right: Token): boolean {
  if (left.prefix !== right.prefix) return separatorRank(left) < separatorRank(right);
  const leftNumeric = isDigits(left.value);
  const rightNumeric = isDigits(right.value);
  if (leftNumeric && rightNumeric) return compareDigits(left.value, right.value) < 0;
  // Numbers sort after qualifiers, unless the number is padding.
  if (leftNumeric && !left.isNull) return false;
  if (rightNumeric && !right.isNull) return true;
  const l = rank(left.value);
  const r = rank(right.value);
  if (l === qualifiers.length && r === qualifiers.length) return compareStrings(left.value, right.value) < 0;
  return l < r;
}

function rank(qualifier: string): number {
  const index = qualifiers.indexOf(qualifier);
  return index < 0 ? qualifiers.length : index;
}
