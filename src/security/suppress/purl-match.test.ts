import { describe, expect, it } from 'vitest';
import { parsePurl, purlMatches } from './purl-match.js';

describe('purlMatches', () => {
  it.each([
    ['pkg:deb/debian/liblz4-1', 'pkg:deb/debian/liblz4-1@1.9.4-1?arch=amd64&distro=debian-12', true],
    ['pkg:deb/debian/lz4@1.9.4-1?os_distro=bookworm', 'pkg:deb/debian/lz4@1.9.4-1?distro=debian-12', true],
    ['pkg:deb/debian/lz4@1.10.0-4', 'pkg:deb/debian/lz4@1.9.4-1', false],
    ['pkg:deb/debian/lz4?arch=arm64', 'pkg:deb/debian/lz4@1.9.4-1?arch=amd64', false],
    ['pkg:deb/debian/lz4', 'pkg:deb/ubuntu/lz4@1', false],
    ['pkg:deb/debian/lz4', 'pkg:rpm/debian/lz4@1', false],
    ['pkg:npm/%40hono/node-server', 'pkg:npm/@hono/node-server@2.1.9', true],
    ['pkg:deb/debian/sqlite3@3.40.1-2%2Bdeb12u2', 'pkg:deb/debian/sqlite3@3.40.1-2+deb12u2?arch=amd64', true],
    ['pkg:oci/dhi%2Fnginx', 'pkg:oci/dhi%2Fnginx@sha256%3Aabc', true],
    ['not a purl', 'pkg:deb/debian/lz4@1', false],
  ] as const)('%s matches %s: %s', (pattern, candidate, expected) => {
    expect(purlMatches(pattern, candidate)).toBe(expected);
  });

  it('parsePurl splits namespace, name, version and qualifiers', () => {
    expect(parsePurl('pkg:golang/github.com/aws/aws-sdk-go@1.55.6?type=module')).toEqual({
      type: 'golang',
      namespace: 'github.com/aws',
      name: 'aws-sdk-go',
      version: '1.55.6',
      qualifiers: new Map([['type', 'module']]),
    });
  });
});
