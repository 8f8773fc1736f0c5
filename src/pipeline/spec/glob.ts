/*
 * Glob patterns for `when.path`, `when.branch`, `when.tag`, artifacts and reports (docs/pipeline.md,
 * "Globs"). Written here because Node 20's `path.matchesGlob` is experimental (it prints a warning)
 * and skips dot files. Syntax, as in Woodpecker's doublestar:
 *   `*`  any characters except `/`        `?`  one character except `/`
 *   `**` as a whole segment: any number of segments (`src/**` , `**\/*.ts`)
 *   `[abc]`, `[a-z]`, `[!a]` one character of (or not of) a set
 *   `{a,b}` alternatives, may nest        `\x` the character x itself
 * Patterns match the whole path; `./` in front of a path or pattern is ignored; dot files match `*`.
 */

const cache = new Map<string, RegExp>();
const maxCached = 1000;

/**
 * Whether `path` matches the glob `pattern`.
 *
 * @example
 * matchGlob('src/**\/*.{ts,tsx}', 'src/app/main.ts'); // true
 */
export function matchGlob(pattern: string, path: string): boolean {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    regex = globToRegExp(pattern);
    if (cache.size >= maxCached) cache.clear();
    cache.set(pattern, regex);
  }
  return regex.test(stripDotSlash(path));
}

/** True when any of `patterns` matches `path`. */
export function matchAnyGlob(patterns: readonly string[], path: string): boolean {
  return patterns.some((pattern) => matchGlob(pattern, path));
}

/** The regular expression equivalent of `pattern` (anchored at both ends). */
export function globToRegExp(pattern: string): RegExp {
  const parser = new GlobParser(stripDotSlash(pattern));
  return new RegExp(`^${parser.parse(false)}$`, 'u');
}

function stripDotSlash(text: string): string {
  return text.startsWith('./') ? text.slice(2) : text;
}

class GlobParser {
  private i = 0;

  constructor(private readonly s: string) {}

  /** Parses until the end, or inside braces until the closing `}` (left for the caller). */
  parse(inBraces: boolean): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i] as string;
      if (inBraces && (c === ',' || c === '}')) break;
      if (c === '\\' && this.i + 1 < this.s.length) {
        out += escapeRegex(this.s[this.i + 1] as string);
        this.i += 2;
      } else if (c === '*') {
        out += this.star(inBraces);
      } else if (c === '?') {
        out += '[^/]';
        this.i += 1;
      } else if (c === '[') {
        out += this.charClass();
      } else if (c === '{') {
        out += this.braces();
      } else {
        out += escapeRegex(c);
        this.i += 1;
      }
    }
    return out;
  }

  private star(inBraces: boolean): string {
    const start = this.i;
    while (this.s[this.i] === '*') this.i += 1;
    if (this.i - start === 1) return '[^/]*';
    const before = this.s[start - 1];
    const after = this.s[this.i];
    const segmentStart = before === undefined || before === '/';
    if (segmentStart && after === '/') {
      this.i += 1;
      return '(?:.*/)?';
    }
    const segmentEnd = after === undefined || (inBraces && (after === ',' || after === '}'));
    // `**` inside a segment (`a**b`) is a plain `*`, as in shells without globstar.
    return segmentStart && segmentEnd ? '.*' : '[^/]*';
  }

  private charClass(): string {
    const close = this.s.indexOf(']', this.i + 2);
    if (close === -1) {
      this.i += 1;
      return '\\[';
    }
    let body = this.s.slice(this.i + 1, close);
    this.i = close + 1;
    const negate = body.startsWith('!') || body.startsWith('^');
    if (negate) body = body.slice(1);
    const escaped = body.replace(/[\\\]^[]/g, (ch) => `\\${ch}`);
    return negate ? `[^/${escaped}]` : `(?!/)[${escaped}]`;
  }

  private braces(): string {
    const open = this.i;
    this.i += 1;
    const alternatives: string[] = [];
    for (;;) {
      alternatives.push(this.parse(true));
      const c = this.s[this.i];
      if (c === ',') {
        this.i += 1;
        continue;
      }
      if (c === '}') {
        this.i += 1;
        return `(?:${alternatives.join('|')})`;
      }
      // No closing brace: the `{` is literal; parse the rest again without it.
      this.i = open + 1;
      return '\\{';
    }
  }
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
