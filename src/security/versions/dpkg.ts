import { compareDigits, sign, type Ordering } from './ordering.js';

/**
 * Debian and Ubuntu package versions, `[epoch:]upstream[-revision]`, ordered as dpkg does
 * (Debian Policy §5.6.12; dpkg `lib/dpkg/version.c`, `verrevcmp`).
 *
 * @example
 * compare('1.0~rc1', '1.0'); // -1: a tilde sorts before everything, even the end of the string
 * compare('1:0.9', '2.0'); // 1: the epoch wins
 */
export function compare(a: string, b: string): Ordering {
  const x = parse(a);
  const y = parse(b);
  return (
    compareDigits(x.epoch, y.epoch) || verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision)
  );
}

/** True when dpkg would accept the version without an error or warning (`parseversion`). */
export function isValid(version: string): boolean {
  const text = version.trim();
  const colon = text.indexOf(':');
  if (colon >= 0 && !/^\d+$/.test(text.slice(0, colon))) return false;
  const { upstream, revision } = parse(text);
  return validUpstream.test(upstream) && (!text.includes('-') || validRevision.test(revision));
}

// The upstream version starts with a digit; `:` can only appear after an epoch, `-` only before a revision.
const validUpstream = /^[0-9][A-Za-z0-9.+~:-]*$/;
const validRevision = /^[A-Za-z0-9.+~]+$/;

interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

function parse(version: string): DpkgVersion {
  let rest = version.trim();
  let epoch = '0';
  const colon = rest.indexOf(':');
  // dpkg rejects a non-numeric epoch; to keep the order total such text stays part of the upstream version.
  if (colon >= 0 && /^\d*$/.test(rest.slice(0, colon))) {
    epoch = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  // A missing revision is "", which verrevcmp treats like "0".
  if (dash < 0) return { epoch, upstream: rest, revision: '' };
  return { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) };
}

/** The weight of one character in a non-digit run: `~` < end < letters < everything else. */
function order(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (isLetter(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

function verrevcmp(a: string, b: string): Ordering {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit runs, character by character.
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const diff = order(a[i]) - order(b[j]);
      if (diff !== 0) return sign(diff);
      i++;
      j++;
    }
    // Digit runs, numerically.
    const i0 = i;
    const j0 = j;
    while (i < a.length && isDigit(a[i])) i++;
    while (j < b.length && isDigit(b[j])) j++;
    const diff = compareDigits(a.slice(i0, i), b.slice(j0, j));
    if (diff !== 0) return diff;
  }
  return 0;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLetter(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
