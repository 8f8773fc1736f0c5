import { parseStanzas } from './deb822.js';

/**
 * Reads Python core metadata (packaging.python.org "Core metadata specifications"): the headers of a
 * `*.dist-info/METADATA`, `*.egg-info/PKG-INFO` or single-file `*.egg-info`, for `Name` and `Version`.
 *
 * @example
 * parsePythonMetadata('Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n\nlong description');
 * // { name: 'requests', version: '2.31.0' }
 */
export function parsePythonMetadata(text: string): { name: string; version: string } | undefined {
  const headers = parseStanzas(text, { firstOnly: true })[0];
  const name = headers?.get('name');
  const version = headers?.get('version');
  return name === undefined || version === undefined || name === '' || version === ''
    ? undefined
    : { name, version };
}

/** PEP 503 normalised name, as PyPI purls use it (`Foo_Bar.baz` → `foo-bar-baz`). */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
