/**
 * Compiles a path glob to a RegExp: `**` matches any number of directories (also none), `*` and `?` stay
 * inside one path segment, `{a,b}` is an alternation. Paths are relative with `/` separators.
 *
 * Node 20 has no `path.matchesGlob`, and ten lines do not justify a dependency.
 *
 * @example
 * globToRegExp('**\/node_modules/**\/test/**').test('app/node_modules/x/test/a.js'); // true
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braces += 1;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces -= 1;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Compiles several globs into one matcher. */
export function pathMatcher(globs: readonly string[]): (path: string) => boolean {
  const patterns = globs.map(globToRegExp);
  return (path) => {
    const relative = path.replace(/^\.?\//, '');
    return patterns.some((pattern) => pattern.test(relative));
  };
}
