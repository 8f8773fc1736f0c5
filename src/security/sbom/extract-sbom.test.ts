import { describe, expect, it } from 'vitest';
import { extractSbom } from './extract-sbom.js';
import type { SbomFile } from './sbom-types.js';
import { sbomWanted } from './sbom-wanted.js';
import { inlineGoBinary, sampleModinfo } from './testing/go-fixtures.js';

const file = (data: string | Buffer, layer = 'sha256:base', mode = 0o644): SbomFile => ({
  data: Buffer.isBuffer(data) ? data : Buffer.from(data),
  layer,
  mode,
});

const debianFiles = new Map<string, SbomFile>([
  ['etc/os-release', file('ID=debian\nVERSION_ID="12"\n')],
  [
    'var/lib/dpkg/status',
    file(
      [
        'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u4\n',
        'Package: python3-requests\nStatus: install ok installed\nArchitecture: all\nSource: requests\nVersion: 2.28.1+dfsg-1\n',
        'Package: caddy\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.6.2-5\n',
      ].join('\n'),
      'sha256:os',
    ),
  ],
  [
    'var/lib/dpkg/info/python3-requests.list',
    file(
      '/.\n/usr/lib/python3/dist-packages/requests-2.28.1.egg-info\n/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO\n',
    ),
  ],
  ['var/lib/dpkg/info/caddy.list', file('/usr\n/bin/caddy\n')],
  // Installed by dpkg: not reported again as PyPI or Go.
  [
    'usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO',
    file('Name: requests\nVersion: 2.28.1\n'),
  ],
  [
    'usr/bin/caddy',
    file(inlineGoBinary('go1.19.8', 'path\tgithub.com/caddyserver/caddy/v2/cmd/caddy\n'), 'sha256:os', 0o755),
  ],
  // Installed by pip and by the app build: reported.
  [
    'usr/local/lib/python3.11/site-packages/Flask-3.0.0.dist-info/METADATA',
    file('Metadata-Version: 2.1\nName: Flask\nVersion: 3.0.0\n', 'sha256:app'),
  ],
  ['app/node_modules/express/package.json', file('{"name":"express","version":"4.18.2"}', 'sha256:app')],
  [
    'app/node_modules/@types/node/package.json',
    file('{"name":"@types/node","version":"20.11.0"}', 'sha256:app'),
  ],
  // A lockfile beside an installed node_modules adds nothing; one without node_modules is read.
  [
    'app/package-lock.json',
    file('{"lockfileVersion":3,"packages":{"node_modules/not-installed":{"version":"1.0.0"}}}', 'sha256:app'),
  ],
  [
    'tools/package-lock.json',
    file(
      '{"lockfileVersion":3,"packages":{"node_modules/express":{"version":"4.18.2"},"node_modules/ms":{"version":"2.1.3"}}}',
      'sha256:app',
    ),
  ],
  ['app/server', file(inlineGoBinary('go1.21.5', sampleModinfo), 'sha256:app', 0o755)],
  ['var/lib/rpm/Packages', file('')],
]);

const sbom = await extractSbom(debianFiles);

describe('extractSbom', () => {
  const rows = sbom.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}`);

  it('reads the distro and names OS packages in its OSV ecosystem with source package and purl', () => {
    expect(sbom.distro).toEqual({ id: 'debian', versionId: '12', ecosystem: 'Debian:12' });
    expect(sbom.packages.find((p) => p.name === 'libc6')).toEqual({
      ecosystem: 'Debian:12',
      name: 'libc6',
      version: '2.36-9+deb12u4',
      sourceName: 'glibc',
      sourceVersion: '2.36-9+deb12u4',
      purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc',
      locations: ['var/lib/dpkg/status'],
      layer: 'sha256:os',
    });
  });

  it('does not report files an OS package installed as language packages again', () => {
    expect(rows).not.toContain('PyPI requests@2.28.1');
    expect(rows.filter((r) => r.startsWith('Go stdlib'))).toEqual(['Go stdlib@1.21.5']);
  });

  it('reports language packages outside OS packages, sorted and deduplicated by purl', () => {
    expect(rows).toEqual([
      'Debian:12 caddy@2.6.2-5',
      'Debian:12 libc6@2.36-9+deb12u4',
      'Debian:12 python3-requests@2.28.1+dfsg-1',
      'Go example.com/app@v1.4.0',
      'Go github.com/fork/lib@v1.0.1-fix',
      'Go golang.org/x/net@v0.17.0',
      'Go k8s.io/api@v0.0.0',
      'Go stdlib@1.21.5',
      'PyPI Flask@3.0.0',
      'npm @types/node@20.11.0',
      'npm express@4.18.2',
      'npm ms@2.1.3',
    ]);
    const express = sbom.packages.find((p) => p.name === 'express');
    expect(express?.locations).toEqual(['app/node_modules/express/package.json', 'tools/package-lock.json']);
    expect(express?.layer).toBe('sha256:app');
    expect(sbom.packages.find((p) => p.name === 'Flask')?.purl).toBe('pkg:pypi/flask@3.0.0');
    expect(sbom.packages.find((p) => p.name === '@types/node')?.purl).toBe('pkg:npm/%40types/node@20.11.0');
  });

  it('says which package data it could not read', () => {
    expect(sbom.unscanned).toEqual([
      { path: 'var/lib/rpm/Packages', reason: 'rpm BerkeleyDB/NDB database: only rpmdb.sqlite is read' },
    ]);
  });

  it('reads distroless dpkg (status.d with md5sums ownership)', async () => {
    const distroless = await extractSbom(
      new Map([
        ['etc/os-release', file('ID=debian\nVERSION_ID="12"\n')],
        [
          'var/lib/dpkg/status.d/base-files',
          file('Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n'),
        ],
        [
          'var/lib/dpkg/status.d/openssl',
          file('Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl\n'),
        ],
        [
          'var/lib/dpkg/status.d/openssl.md5sums',
          file('d41d8cd98f00b204e9800998ecf8427e  usr/lib/ssl/misc/tool.jar\n'),
        ],
        ['usr/lib/ssl/misc/tool.jar', file('not scanned: owned')],
      ]),
    );
    expect(distroless.packages.map((p) => `${p.name} ${p.sourceName} ${p.locations.join()}`)).toEqual([
      'base-files base-files var/lib/dpkg/status.d/base-files',
      'libssl3 openssl var/lib/dpkg/status.d/openssl',
    ]);
    expect(distroless.unscanned).toEqual([]);
  });

  it('reads Alpine: apk with origin, and apk-owned Python packages are not repeated', async () => {
    const alpine = await extractSbom(
      new Map([
        ['etc/os-release', file('ID=alpine\nVERSION_ID=3.19.1\n')],
        [
          'lib/apk/db/installed',
          file(
            'P:py3-six\nV:1.16.0-r8\nA:noarch\no:py3-six\nF:usr/lib/python3.11/site-packages/six-1.16.0.dist-info\nR:METADATA\n\nP:libcrypto3\nV:3.1.4-r5\nA:x86_64\no:openssl\n',
          ),
        ],
        [
          'usr/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA',
          file('Name: six\nVersion: 1.16.0\n'),
        ],
      ]),
    );
    expect(alpine.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version} ${p.purl}`)).toEqual([
      'Alpine:v3.19 libcrypto3@3.1.4-r5 pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1&upstream=openssl',
      'Alpine:v3.19 py3-six@1.16.0-r8 pkg:apk/alpine/py3-six@1.16.0-r8?arch=noarch&distro=alpine-3.19.1',
    ]);
  });
});

describe('sbomWanted', () => {
  it.each([
    ['etc/os-release', true],
    ['var/lib/dpkg/status', true],
    ['var/lib/dpkg/status.d/libc6', true],
    ['var/lib/dpkg/info/libc6:amd64.list', true],
    ['var/lib/dpkg/info/libc6:amd64.md5sums', false],
    ['usr/lib/apk/db/installed', true],
    ['usr/lib/sysimage/rpm/rpmdb.sqlite', true],
    ['app/package-lock.json', true],
    ['app/node_modules/.package-lock.json', false],
    ['app/node_modules/ms/package.json', true],
    ['app/node_modules/@scope/pkg/package.json', true],
    ['app/node_modules/ms/lib/package.json', false],
    ['app/package.json', false],
    ['usr/lib/python3/dist-packages/six-1.16.0.egg-info', true],
    ['srv/app.war', true],
    ['etc/passwd', false],
  ])('%s → %s', (path, wanted) => {
    expect(sbomWanted(path, { size: 10, mode: 0o644 })).toBe(wanted);
  });

  it('streams large executables through a Go build-info reducer and marks unreadable rpm databases', () => {
    expect(typeof sbomWanted('usr/local/bin/app', { size: 5_000_000, mode: 0o755 })).toBe('object');
    expect(sbomWanted('usr/local/bin/script', { size: 500, mode: 0o755 })).toBe(false);
    expect(typeof sbomWanted('var/lib/rpm/Packages', { size: 5_000_000, mode: 0o644 })).toBe('object');
  });
});
