/** Percent-encodes a purl component: only `A-Za-z0-9.-_~` stay literal (purl-spec PURL-SPECIFICATION.rst). */
function encode(text: string): string {
  // Most names and versions need no escaping (a Debian image: ~4,000 components a scan).
  if (/^[A-Za-z0-9._~-]*$/.test(text)) return text;
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Builds a Package URL: `pkg:type/namespace/name@version?qualifiers`, namespace segments and qualifier
 * values percent-encoded, qualifiers sorted by key, empty ones left out.
 *
 * @example
 * purl('npm', '@babel', 'core', '7.24.0'); // 'pkg:npm/%40babel/core@7.24.0'
 * purl('deb', 'debian', 'libc6', '2.36-9', { arch: 'amd64', distro: 'debian-12' });
 */
export function purl(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string,
  qualifiers: Readonly<Record<string, string | undefined>> = {},
): string {
  const path = [...(namespace ?? '').split('/').filter(Boolean), name].map(encode).join('/');
  const query = Object.entries(qualifiers)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${encode(value)}`)
    .join('&');
  return `pkg:${type}/${path}@${encode(version)}${query === '' ? '' : `?${query}`}`;
}
