import type { ParserDirective } from './dockerfile-types.js';

/** Directives BuildKit knows; any other `# key=value` line is a plain comment and ends the directive block. */
const knownDirectives = new Set(['syntax', 'escape', 'check']);
const directivePattern = /^#\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(.*?)\s*$/;

export interface DirectiveBlock {
  directives: ParserDirective[];
  escapeChar: '\\' | '`';
  /** Index of the first line after the directive block. */
  nextIndex: number;
}

/**
 * Reads the parser directives at the top of a Dockerfile. Per the Dockerfile reference they must come first:
 * the first comment, blank line or instruction ends the block, a directive may appear only once, and names are
 * case-insensitive. `escape` accepts only `\` and a backtick.
 */
export function readParserDirectives(lines: readonly string[]): DirectiveBlock {
  const directives: ParserDirective[] = [];
  let escapeChar: '\\' | '`' = '\\';
  let index = 0;
  for (; index < lines.length; index++) {
    const match = directivePattern.exec((lines[index] ?? '').trim());
    const name = match?.[1]?.toLowerCase();
    if (match === null || name === undefined || !knownDirectives.has(name)) break;
    if (directives.some((directive) => directive.name === name)) break;
    const value = match[2] ?? '';
    directives.push({ name, value, line: index + 1 });
    if (name === 'escape' && value === '`') escapeChar = '`';
  }
  return { directives, escapeChar, nextIndex: index };
}
