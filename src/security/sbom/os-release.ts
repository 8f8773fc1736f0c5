import type { Distro } from './sbom-types.js';

/** Reads `KEY=value` lines of os-release(5); values may be quoted with `"` or `'` and use `\` escapes. */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match === null) continue;
    let value = (match[2] ?? '').trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    fields.set(match[1] ?? '', value);
  }
  return fields;
}

const majorMinor = (version: string): string => version.split('.').slice(0, 2).join('.');
const major = (version: string): string => version.split('.')[0] ?? version;

/**
 * The OSV ecosystem of a distribution's packages (osv-schema "Defined ecosystems"): `Debian:12`,
 * `Ubuntu:22.04:LTS`, `Alpine:v3.19`, `AlmaLinux:9`, `Rocky Linux:9`, `openSUSE:Leap 15.5`,
 * `SUSE:Linux Enterprise Server 15 SP5`. Distributions OSV does not cover keep `<id>:<version>`.
 * Red Hat's ecosystem names a CPE per repository (`Red Hat:enterprise_linux:9::appstream`), which
 * os-release cannot give, so RHEL gets `Red Hat` unscoped.
 */
export function osvEcosystem(id: string, versionId: string | undefined): string {
  const v = versionId ?? '';
  switch (id) {
    case 'debian':
      return v === '' ? 'Debian' : `Debian:${major(v)}`;
    case 'ubuntu': {
      // LTS releases are the April releases of even years (22.04, 24.04).
      const lts = /^(\d\d)\.04$/.exec(v) !== null && Number(v.slice(0, 2)) % 2 === 0;
      return v === '' ? 'Ubuntu' : `Ubuntu:${v}${lts ? ':LTS' : ''}`;
    }
    case 'alpine':
      return v === '' ? 'Alpine' : `Alpine:v${majorMinor(v)}`;
    case 'wolfi':
      return 'Wolfi';
    case 'chainguard':
      return 'Chainguard';
    case 'almalinux':
      return `AlmaLinux:${major(v)}`;
    case 'rocky':
      return `Rocky Linux:${major(v)}`;
    case 'rhel':
      return 'Red Hat';
    case 'opensuse-leap':
      return `openSUSE:Leap ${v}`;
    case 'opensuse-tumbleweed':
      return 'openSUSE:Tumbleweed';
    case 'sles': {
      const [release, sp] = v.split('.');
      return `SUSE:Linux Enterprise Server ${release ?? v}${sp !== undefined && sp !== '0' ? ` SP${sp}` : ''}`;
    }
    case 'photon':
      return `Photon OS:${v}`;
    case 'mageia':
      return `Mageia:${v}`;
    case 'openEuler':
    case 'openeuler':
      return `openEuler:${v}`;
    default:
      return v === '' ? id : `${id}:${v}`;
  }
}

/**
 * The distribution of an image: `etc/os-release` (or `usr/lib/os-release`), else the version files that
 * older and minimal images still have (`etc/debian_version`, `etc/alpine-release`).
 */
export function detectDistro(read: (path: string) => string | undefined): Distro | undefined {
  const osRelease = read('etc/os-release') ?? read('usr/lib/os-release');
  if (osRelease !== undefined) {
    const fields = parseOsRelease(osRelease);
    const id = fields.get('ID');
    if (id !== undefined && id !== '') {
      const versionId = fields.get('VERSION_ID');
      return { id, versionId, ecosystem: osvEcosystem(id, versionId) };
    }
  }
  const alpine = read('etc/alpine-release')?.trim();
  if (alpine !== undefined && alpine !== '')
    return { id: 'alpine', versionId: alpine, ecosystem: osvEcosystem('alpine', alpine) };
  const debian = read('etc/debian_version')?.trim();
  if (debian !== undefined && /^\d/.test(debian))
    return { id: 'debian', versionId: major(debian), ecosystem: osvEcosystem('debian', debian) };
  return undefined;
}
