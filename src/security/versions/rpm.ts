import { compareDigits, compareStrings, type Ordering } from './ordering.js';

/**
 * RPM package versions, `[epoch:]version[-release]`, ordered as rpm's `rpmvercmp` does (rpm
 * `rpmio/rpmvercmp.c`, `rpm-version(7)`): used by Red Hat, AlmaLinux, Rocky Linux, SUSE, openSUSE, Mageia,
 * Photon OS, Azure Linux and openEuler. Follows osv-scalibr `semantic/version-redhat.go` where rpm leaves
 * room (a present but empty release sorts after a missing one).
 *
 * @example
 * compare('1.0~rc1', '1.0'); // -1: `~` sorts before everything, even the end
 * compare('1.0^git1', '1.0'); // 1: `^` sorts after the end ...
 * compare('1.0^git1', '1.0.1'); // -1: ... but before any further segment
 */
export function compare(a: string, b: string): Ordering {
  const x = parse(a);
  const y = parse(b);
  return rpmvercmp(x.epoch, y.epoch) || rpmvercmp(x.version, y.version) || rpmvercmp(x.release, y.release);
}

/** True for `[epoch:]version[-release]` built from the characters rpm allows (alphanumerics and `._+~^`). */
export function isValid(version: string): boolean {
  return valid.test(version);
}

const valid = /^(?:\d+:)?[A-Za-z0-9._+~^]+(?:-[A-Za-z0-9._+~^]+)?$/;

interface RpmVersion {
  epoch: string;
  version: string;
  release: string;
}

function parse(evr: string): RpmVersion {
  // rpm `parseEVR`: the epoch is the leading digits only when a `:` follows them; the release follows the
  // last `-`.
  const epochMatch = /^(\d*):/.exec(evr);
  const epoch = epochMatch?.[1] || '0';
  const rest = epochMatch === null ? evr : evr.slice(epochMatch[0].length);
  const dash = rest.lastIndexOf('-');
  if (dash < 0) return { epoch, version: rest, release: '' };
  // The dash stays on the release so that `1-` (empty release) sorts after `1` (no release), as in OSV.
  return { epoch, version: rest.slice(0, dash), release: rest.slice(dash) };
}

function rpmvercmp(a: string, b: string): Ordering {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  let i = 0;
  let j = 0;
  for (;;) {
    // Separators (anything but alphanumerics, `~` and `^`) carry no weight.
    while (i < a.length && isSeparator(a[i])) i++;
    while (j < b.length && isSeparator(b[j])) j++;

    // `~` sorts before everything, including the end of the string.
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }

    // `^` sorts after the end of the string but before anything else.
    if (a[i] === '^' || b[j] === '^') {
      if (i === a.length) return -1;
      if (j === b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }

    if (i === a.length || j === b.length) break;

    // Take the leading run of digits, or of letters, from both strings (the kind `a` starts with).
    const numeric = isDigit(a[i]);
    const inRun = numeric ? isDigit : isLetter;
    const i0 = i;
    const j0 = j;
    while (i < a.length && inRun(a[i])) i++;
    while (j < b.length && inRun(b[j])) j++;
    const x = a.slice(i0, i);
    const y = b.slice(j0, j);

    // Segments of different kinds: a number is newer than letters.
    if (y === '') return numeric ? 1 : -1;
    const diff = numeric ? compareDigits(x, y) : compareStrings(x, y);
    if (diff !== 0) return diff;
  }
  // Equal up to the end of one string: whichever has anything left is newer.
  const left = a.length - i;
  const right = b.length - j;
  return left === right ? 0 : left > right ? 1 : -1;
}

function isSeparator(c: string | undefined): boolean {
  return c !== undefined && !isDigit(c) && !isLetter(c) && c !== '~' && c !== '^';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}
