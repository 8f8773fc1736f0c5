import { compareDigits, compareStrings, type Ordering } from './ordering.js';

/**
 * Alpine (apk-tools) package versions, `number{.number}[letter]{_suffix[number]}[~hash][-rN]`, ordered as
 * apk does (apk-tools `src/version.c`; `apk-package(5)`), following osv-scalibr `semantic/version-alpine.go`
 * for the strings apk calls invalid. Unlike osv-scalibr, and like apk, a version with more numbers is newer
 * (`1.0 > 1`), which keeps the order transitive (`1-r1 < 1.0.4 < 1.00`). Also used by Wolfi, Chainguard
 * and MinimOS.
 *
 * @example
 * compare('1.2_rc1', '1.2'); // -1: pre-release suffixes sort before the bare version
 * compare('1.2_p1', '1.2'); // 1: `_p` (patch) sorts after it
 * compare('1.0-r2', '1.0-r10'); // -1
 */
export function compare(a: string, b: string): Ordering {
  const x = parse(a);
  const y = parse(b);
  // apk falls back to a plain string comparison when neither version is valid.
  if (x.invalid && y.invalid) return compareStrings(a, b);
  // The commit hash (~abc123) carries no order and is ignored.
  return (
    compareNumbers(x.numbers, y.numbers) ||
    compareLetters(x.letter, y.letter) ||
    compareSuffixes(x.suffixes, y.suffixes) ||
    compareDigits(x.revision, y.revision) ||
    compareRemainders(x.remainder, y.remainder)
  );
}

/** True when the string matches apk's version grammar. */
export function isValid(version: string): boolean {
  return valid.test(version);
}

const valid = /^\d+(?:\.\d+)*[a-z]?(?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*(?:~[0-9a-f]+)?(?:-r\d+)?$/;

/** Suffix weights: pre-releases sort before no suffix (4), post-release markers after it. */
const suffixWeights: Readonly<Record<string, number>> = {
  alpha: 0,
  beta: 1,
  pre: 2,
  rc: 3,
  cvs: 5,
  svn: 6,
  git: 7,
  hg: 8,
  p: 9,
};
const noSuffix: Suffix = { weight: 4, number: '0' };

interface Suffix {
  weight: number;
  number: string;
}

interface ApkVersion {
  numbers: string[];
  letter: string;
  suffixes: Suffix[];
  revision: string;
  /** Text left over after the grammar stopped matching; non-empty marks the version invalid. */
  remainder: string;
  invalid: boolean;
}

function parse(version: string): ApkVersion {
  let rest = version;

  const numbers = /^(?:\d+\.?)*/.exec(rest)?.[0] ?? '';
  rest = rest.slice(numbers.length);

  const letter = /^[a-z]/.exec(rest)?.[0] ?? '';
  rest = rest.slice(letter.length);

  // As in osv-scalibr, every `_suffix` found is counted, but only leading ones are consumed.
  const suffixes: Suffix[] = [];
  for (const [whole, name = '', number] of rest.matchAll(/_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g)) {
    suffixes.push({ weight: suffixWeights[name] ?? noSuffix.weight, number: number || '0' });
    if (rest.startsWith(whole)) rest = rest.slice(whole.length);
  }

  const hash = /^~[0-9a-f]+/.exec(rest)?.[0] ?? '';
  rest = rest.slice(hash.length);

  let revision = '0';
  let invalid = false;
  if (rest !== '') {
    const match = /^-r(\d*)/.exec(rest);
    if (match === null) {
      invalid = true;
    } else {
      revision = match[1] || '0';
      rest = rest.slice(match[0].length);
    }
  }

  return {
    numbers: numbers === '' ? [] : numbers.split('.'),
    letter,
    suffixes,
    revision,
    remainder: rest,
    invalid,
  };
}

function compareNumbers(a: readonly string[], b: readonly string[]): Ordering {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    // apk: a version with more numbers is newer, even if the extra ones are zeros (1.0 > 1).
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    // After the first number, a component with a leading zero compares as a string (apk: 1.01 < 1.1).
    const asStrings = i > 0 && (x.startsWith('0') || y.startsWith('0'));
    const diff = asStrings ? compareStrings(x, y) : compareDigits(x, y);
    if (diff !== 0) return diff;
  }
  return 0;
}

function compareLetters(a: string, b: string): Ordering {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  return compareStrings(a, b);
}

function compareSuffixes(a: readonly Suffix[], b: readonly Suffix[]): Ordering {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? noSuffix;
    const y = b[i] ?? noSuffix;
    if (x.weight !== y.weight) return x.weight < y.weight ? -1 : 1;
    const diff = compareDigits(x.number, y.number);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A version that parsed completely sorts after one with unparsed text left over. */
function compareRemainders(a: string, b: string): Ordering {
  if (a === '' && b !== '') return 1;
  if (a !== '' && b === '') return -1;
  return 0;
}
