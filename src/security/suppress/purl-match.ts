/** The parts of a Package URL that matching compares (github.com/package-url/purl-spec, PURL-SPECIFICATION.rst). */
export interface PurlParts {
  type: string;
  namespace: string;
  name: string;
  version: string | undefined;
  qualifiers: Map<string, string>;
}

/** Parses `pkg:type/namespace/name@version?qualifiers#subpath`; undefined when `value` is not a purl. */
export function parsePurl(value: string): PurlParts | undefined {
  const match = /^pkg:\/*([^/]+)\/([^?#]+?)(?:@([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/i.exec(value.trim());
  if (!match) return undefined;
  const [, type = '', path = '', version, query] = match;
  const segments = path.split('/').map(decode);
  const name = segments.pop() ?? '';
  const qualifiers = new Map<string, string>();
  for (const pair of query ? query.split('&') : []) {
    const eq = pair.indexOf('=');
    if (eq > 0) qualifiers.set(pair.slice(0, eq).toLowerCase(), decode(pair.slice(eq + 1)));
  }
  return {
    type: type.toLowerCase(),
    namespace: segments.join('/'),
    name,
    version: version === undefined ? undefined : decode(version),
    qualifiers,
  };
}

/**
 * Whether `pattern` (a purl from a VEX document or `.berthignore`) names the package `candidate`. A pattern
 * without a version matches every version; qualifiers are compared only where both purls carry the same key,
 * because producers add different ones (Berth `distro=debian-12`, Docker `os_version=12`). Names compare
 * case-insensitively, as most purl types define them.
 */
export function purlMatches(pattern: string, candidate: string): boolean {
  const p = parsePurl(pattern);
  const c = parsePurl(candidate);
  if (!p || !c) return false;
  if (p.type !== c.type) return false;
  if (p.namespace.toLowerCase() !== c.namespace.toLowerCase()) return false;
  if (p.name.toLowerCase() !== c.name.toLowerCase()) return false;
  if (p.version !== undefined && p.version !== c.version) return false;
  for (const [key, value] of p.qualifiers) {
    const other = c.qualifiers.get(key);
    if (other !== undefined && other !== value) return false;
  }
  return true;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
