/**
 * The `pattern` parser (LogQL docs, "Pattern"): `<name>` captures up to the next literal or the end of
 * the line, `<_>` skips the same way, literals must match exactly, and matching starts at the beginning
 * of the line.
 */

export type PatternPart = { kind: 'literal'; text: string } | { kind: 'capture'; name: string | undefined };

export class PatternError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}

/** Parses a pattern or throws PatternError (no named capture, or two captures with nothing between). */
export function parsePattern(pattern: string): PatternPart[] {
  const parts: PatternPart[] = [];
  const capture = /<(_|[a-zA-Z_][a-zA-Z0-9_]*)>/g;
  let last = 0;
  let named = 0;
  for (const match of pattern.matchAll(capture)) {
    if (match.index > last) parts.push({ kind: 'literal', text: pattern.slice(last, match.index) });
    const previous = parts[parts.length - 1];
    if (previous?.kind === 'capture') {
      throw new PatternError('two captures must be separated by literal text', match.index);
    }
    const name = match[1] === '_' ? undefined : match[1];
    if (name !== undefined) named++;
    parts.push({ kind: 'capture', name });
    last = match.index + match[0].length;
  }
  if (last < pattern.length) parts.push({ kind: 'literal', text: pattern.slice(last) });
  if (named === 0) throw new PatternError('a pattern needs at least one named capture such as <status>', 0);
  return parts;
}

/** Matches a line; returns the named captures, or undefined when the line does not fit the pattern. */
export function matchPattern(
  parts: readonly PatternPart[],
  line: string,
): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  let pos = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (part === undefined) break;
    if (part.kind === 'literal') {
      if (!line.startsWith(part.text, pos)) return undefined;
      pos += part.text.length;
      continue;
    }
    const next = parts[p + 1];
    let end = line.length;
    if (next?.kind === 'literal') {
      end = line.indexOf(next.text, pos);
      if (end < 0) return undefined;
    }
    if (part.name !== undefined && !(part.name in result)) result[part.name] = line.slice(pos, end);
    pos = end;
  }
  return result;
}
