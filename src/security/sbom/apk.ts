import type { OsPackage } from './os-package.js';

/**
 * Reads apk's database `lib/apk/db/installed` (apk-tools "installed database" format: `X:value` lines,
 * records separated by blank lines). `P` name, `V` version, `A` arch, `o` origin (the source package
 * Alpine's secdb is keyed by), `F` a directory and the `R` files in it.
 *
 * @example
 * parseApkInstalled('P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\nF:lib\nR:ld-musl-x86_64.so.1\n');
 */
export function parseApkInstalled(text: string): OsPackage[] {
  const packages: OsPackage[] = [];
  let fields = new Map<string, string>();
  let files: string[] = [];
  let dir = '';
  const flush = (): void => {
    const name = fields.get('P');
    const version = fields.get('V');
    if (name !== undefined && version !== undefined) {
      const origin = fields.get('o');
      packages.push({
        name,
        version,
        architecture: fields.get('A'),
        sourceName: origin ?? name,
        sourceVersion: version,
        files,
      });
    }
    fields = new Map();
    files = [];
    dir = '';
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === '') {
      flush();
      continue;
    }
    if (line[1] !== ':') continue;
    const key = line[0] ?? '';
    const value = line.slice(2);
    if (key === 'F') dir = value;
    else if (key === 'R') files.push(dir === '' ? value : `${dir}/${value}`);
    else if (!fields.has(key)) fields.set(key, value);
  }
  flush();
  return packages;
}
