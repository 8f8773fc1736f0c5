/**
 * Glob matching for `.berthignore` ids and paths. Ids: `*` matches any run of characters (`CVE-2025-*`),
 * case-insensitively. Paths: `*` and `?` stay within one path segment and `**` spans segments; `**` then a
 * slash also matches no folder at all, so `**` + `/Dockerfile` matches a Dockerfile at any depth, the root
 * included. Node's `path.matchesGlob` is still experimental and warns on Node 20, hence these few lines.
 */
export function matchesGlob(pattern: string, value: string, kind: 'id' | 'path'): boolean {
  const subject = kind === 'path' ? normalizePath(value) : value;
  const source = kind === 'path' ? normalizePath(pattern) : pattern;
  return globToRegExp(source, kind).test(subject);
}

/** Forward slashes, no leading `./`: the form findings and patterns are compared in. */
export function normalizePath(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
}

function globToRegExp(glob: string, kind: 'id' | 'path'): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && kind === 'path' && glob[i + 1] === '*') {
      // `**/` also matches no folder at all; a trailing `**` matches everything below.
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += kind === 'path' ? '[^/]*' : '.*';
    else if (c === '?') out += kind === 'path' ? '[^/]' : '.';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, kind === 'id' ? 'i' : '');
}
