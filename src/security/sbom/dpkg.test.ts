import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDpkgFileList, parseDpkgMd5sums, parseDpkgStatus } from './dpkg.js';

const status = `Package: libc6
Status: install ok installed
Priority: optional
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u4
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.

Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl (3.0.11-1~deb12u2)
Version: 3.0.11-1~deb12u2+b1

Package: removed-but-configured
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1

Package: never-installed
Status: purge ok not-installed
Architecture: amd64

Package: login
Status: install ok unpacked
Architecture: amd64
Source: shadow
Version: 1:4.13+dfsg1-1
`;

describe('parseDpkgStatus', () => {
  it('keeps packages on disk with binary and source name and version', () => {
    expect(parseDpkgStatus(status)).toEqual([
      {
        name: 'libc6',
        version: '2.36-9+deb12u4',
        architecture: 'amd64',
        sourceName: 'glibc',
        sourceVersion: '2.36-9+deb12u4',
        files: [],
      },
      // A binNMU (+b1) rebuilds the source without changing it: Source carries the source version.
      {
        name: 'libssl3',
        version: '3.0.11-1~deb12u2+b1',
        architecture: 'amd64',
        sourceName: 'openssl',
        sourceVersion: '3.0.11-1~deb12u2',
        files: [],
      },
      {
        name: 'login',
        version: '1:4.13+dfsg1-1',
        architecture: 'amd64',
        sourceName: 'shadow',
        sourceVersion: '1:4.13+dfsg1-1',
        files: [],
      },
    ]);
  });

  it('reads a distroless status.d file, which has no Status field', () => {
    const distroless =
      'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\nMaintainer: GNU Libc Maintainers\n';
    expect(parseDpkgStatus(distroless).map((p) => [p.name, p.version, p.sourceName])).toEqual([
      ['tzdata', '2024a-0+deb12u1', 'tzdata'],
    ]);
  });

  it('accepts CRLF line ends', () => {
    expect(
      parseDpkgStatus('Package: a\r\nVersion: 1\r\n\r\nPackage: b\r\nVersion: 2\r\n').map((p) => p.name),
    ).toEqual(['a', 'b']);
  });

  it.skipIf(!existsSync('/var/lib/dpkg/status'))(
    "agrees with dpkg-query on this machine's status file",
    () => {
      const started = performance.now();
      const packages = parseDpkgStatus(readFileSync('/var/lib/dpkg/status', 'utf8'));
      const elapsedMs = performance.now() - started;
      const expected = execFileSync(
        'dpkg-query',
        [
          '-W',
          '-f',
          '${Package}\t${Architecture}\t${Version}\t${source:Package}\t${source:Version}\t${db:Status-Status}\n',
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      )
        .split('\n')
        .filter((line) => line.endsWith('\tinstalled'))
        .map((line) => line.split('\t').slice(0, 5).join('\t'))
        .sort();
      const actual = packages
        .map((p) => [p.name, p.architecture, p.version, p.sourceName, p.sourceVersion].join('\t'))
        .sort();
      expect(actual).toEqual(expected);
      expect(actual.length).toBeGreaterThan(100);
      expect(elapsedMs).toBeLessThan(500);
    },
  );
});

describe('dpkg file lists', () => {
  it('reads info/*.list paths without the root entry', () => {
    expect(parseDpkgFileList('/.\n/usr\n/usr/bin/curl\n\n')).toEqual(['usr', 'usr/bin/curl']);
  });

  it('reads *.md5sums paths', () => {
    expect(parseDpkgMd5sums('d41d8cd98f00b204e9800998ecf8427e  usr/bin/tool\nbadline\n')).toEqual([
      'usr/bin/tool',
    ]);
  });
});
