/**
 * Translates the RE2 subset LogQL accepts into a JavaScript RegExp (see README.md, "Regular expressions").
 * RE2 has no backreferences or lookaround, and `(?P<name>…)` is its spelling of a named group; Node 20's
 * RegExp has no inline flags, so a leading `(?i)`, `(?s)`, `(?m)` becomes a RegExp flag.
 */

export class Re2SubsetError extends Error {
  constructor(
    message: string,
    /** Offset inside the pattern. */
    readonly index: number,
  ) {
    super(message);
    this.name = 'Re2SubsetError';
  }
}

const posixClasses: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

export interface TranslatedRegex {
  source: string;
  flags: string;
}

/** Rewrites an RE2 pattern to JS syntax or throws Re2SubsetError for what RE2 (or this subset) rejects. */
export function translateRe2(pattern: string): TranslatedRegex {
  let flags = '';
  let i = 0;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  if (leading !== null) {
    for (const flag of leading[1] ?? '') {
      if (flag !== 'i' && flag !== 's' && flag !== 'm') {
        throw new Re2SubsetError(`unsupported inline flag "${flag}" (supported: i, s, m)`, 2);
      }
      if (!flags.includes(flag)) flags += flag;
    }
    i = leading[0].length;
  }
  let out = '';
  let inClass = false;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') {
        throw new Re2SubsetError(`backreferences such as "\\${next}" are not supported by RE2`, i);
      }
      if (next === 'p' || next === 'P') {
        throw new Re2SubsetError('Unicode classes (\\p{…}) are not supported yet', i);
      }
      if (next === 'Q' || next === 'C' || next === 'E') {
        throw new Re2SubsetError(`the escape "\\${next}" is not supported`, i);
      }
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'z') out += '(?![\\s\\S])';
      else out += ch + next;
      i += 2;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix !== null) {
        const body = posixClasses[posix[2] ?? ''];
        if (body === undefined || posix[1] === '^') {
          throw new Re2SubsetError(`unsupported character class "${posix[0]}"`, i);
        }
        out += body;
        i += posix[0].length;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      i++;
      // A `]` right after `[` or `[^` is a literal in RE2.
      const negated = pattern[i] === '^';
      if (negated) {
        out += '^';
        i++;
      }
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 3;
        continue;
      }
      if (/^<[A-Za-z_]/.test(rest)) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (/^(?:=|!|<=|<!)/.test(rest)) {
        throw new Re2SubsetError('lookahead and lookbehind assertions are not supported by RE2', i);
      }
      throw new Re2SubsetError(
        'inline flags and other (?…) groups are only supported as a leading (?i), (?s) or (?m)',
        i,
      );
    }
    out += ch;
    i++;
  }
  return { source: out, flags };
}

/**
 * Compiles an RE2 pattern. `anchored` wraps it as `^(?:…)$` (label matchers); `dotAll` makes `.` match
 * newlines (line filters, per the LogQL docs).
 */
export function compileRe2(pattern: string, options: { anchored?: boolean; dotAll?: boolean } = {}): RegExp {
  const { source, flags } = translateRe2(pattern);
  const body = options.anchored === true ? `^(?:${source})$` : source;
  const allFlags = options.dotAll === true && !flags.includes('s') ? `${flags}s` : flags;
  try {
    return new RegExp(body, allFlags);
  } catch (error) {
    throw new Re2SubsetError(`invalid regular expression: ${(error as Error).message}`, 0);
  }
}

const cache = new Map<string, RegExp>();

/** compileRe2 with a small cache: the evaluator compiles the same few patterns for every line. */
export function cachedRe2(pattern: string, options: { anchored?: boolean; dotAll?: boolean } = {}): RegExp {
  const key = `${options.anchored === true ? 'a' : ''}${options.dotAll === true ? 's' : ''}:${pattern}`;
  let regex = cache.get(key);
  if (regex === undefined) {
    regex = compileRe2(pattern, options);
    if (cache.size > 256) cache.clear();
    cache.set(key, regex);
  }
  return regex;
}
