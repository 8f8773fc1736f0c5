/** The result of comparing two versions: `a` sorts before (-1), with (0) or after (1) `b`. */
export type Ordering = -1 | 0 | 1;

/** Maps any number to its sign as an {@link Ordering}. */
export function sign(n: number): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares two strings by UTF-16 code unit, like C `strcmp` on ASCII and Go's `strings.Compare`. */
export function compareStrings(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

const digitsOnly = /^\d+$/;

/** True when the string is one or more ASCII digits. */
export function isDigits(s: string): boolean {
  return digitsOnly.test(s);
}

/**
 * Compares two runs of ASCII digits by numeric value, at any length (an empty run counts as 0): version
 * numbers such as `999999999999999999999999999991` exceed `Number.MAX_SAFE_INTEGER`, so they stay strings.
 */
export function compareDigits(a: string, b: string): Ordering {
  const x = stripLeadingZeros(a);
  const y = stripLeadingZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return compareStrings(x, y);
}

function stripLeadingZeros(s: string): string {
  if (s === '') return '0';
  let i = 0;
  while (i < s.length - 1 && s[i] === '0') i++;
  return s.slice(i);
}
