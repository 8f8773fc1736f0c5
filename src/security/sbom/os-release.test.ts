import { describe, expect, it } from 'vitest';
import { detectDistro, osvEcosystem, parseOsRelease } from './os-release.js';

describe('osvEcosystem', () => {
  it.each([
    ['debian', '12', 'Debian:12'],
    ['debian', undefined, 'Debian'],
    ['ubuntu', '22.04', 'Ubuntu:22.04:LTS'],
    ['ubuntu', '23.10', 'Ubuntu:23.10'],
    ['ubuntu', '21.04', 'Ubuntu:21.04'],
    ['alpine', '3.19.1', 'Alpine:v3.19'],
    ['alpine', '3.18', 'Alpine:v3.18'],
    ['wolfi', '20230201', 'Wolfi'],
    ['almalinux', '9.3', 'AlmaLinux:9'],
    ['rocky', '8.9', 'Rocky Linux:8'],
    ['rhel', '9.3', 'Red Hat'],
    ['opensuse-leap', '15.5', 'openSUSE:Leap 15.5'],
    ['sles', '15.5', 'SUSE:Linux Enterprise Server 15 SP5'],
    ['fedora', '39', 'fedora:39'],
  ])('%s %s → %s', (id, version, ecosystem) => {
    expect(osvEcosystem(id, version)).toBe(ecosystem);
  });
});

describe('detectDistro', () => {
  it('reads quoted os-release values', () => {
    const text = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\nID=debian\n# comment\n';
    expect(parseOsRelease(text).get('PRETTY_NAME')).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(detectDistro((path) => (path === 'etc/os-release' ? text : undefined))).toEqual({
      id: 'debian',
      versionId: '12',
      ecosystem: 'Debian:12',
    });
  });

  it('falls back to usr/lib/os-release, then to the version files', () => {
    const only = (files: Record<string, string>) => (path: string) => files[path];
    expect(detectDistro(only({ 'usr/lib/os-release': "ID='alpine'\nVERSION_ID=3.20.0\n" }))?.ecosystem).toBe(
      'Alpine:v3.20',
    );
    expect(detectDistro(only({ 'etc/alpine-release': '3.18.4\n' }))?.ecosystem).toBe('Alpine:v3.18');
    expect(detectDistro(only({ 'etc/debian_version': '11.9\n' }))?.ecosystem).toBe('Debian:11');
    expect(detectDistro(only({ 'etc/debian_version': 'bookworm/sid\n' }))).toBeUndefined();
  });
});
