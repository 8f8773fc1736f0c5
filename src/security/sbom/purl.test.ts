import { describe, expect, it } from 'vitest';
import { purl } from './purl.js';

describe('purl', () => {
  it.each([
    [['npm', '@babel', 'core', '7.24.0'], 'pkg:npm/%40babel/core@7.24.0'],
    [['golang', 'github.com/sirupsen', 'logrus', 'v1.9.3'], 'pkg:golang/github.com/sirupsen/logrus@v1.9.3'],
    [
      ['maven', 'org.apache.commons', 'commons-lang3', '3.12.0'],
      'pkg:maven/org.apache.commons/commons-lang3@3.12.0',
    ],
    [['pypi', undefined, 'requests', '2.31.0'], 'pkg:pypi/requests@2.31.0'],
  ] as const)('builds %j', ([type, namespace, name, version], expected) => {
    expect(purl(type, namespace, name, version)).toBe(expected);
  });

  it('encodes versions and sorts qualifiers, dropping empty ones', () => {
    expect(
      purl('deb', 'debian', 'login', '1:4.13+dfsg1-1', {
        upstream: 'shadow',
        arch: 'amd64',
        distro: 'debian-12',
        epoch: undefined,
      }),
    ).toBe('pkg:deb/debian/login@1%3A4.13%2Bdfsg1-1?arch=amd64&distro=debian-12&upstream=shadow');
  });
});
