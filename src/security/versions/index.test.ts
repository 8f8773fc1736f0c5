import { describe, expect, it } from 'vitest';
import { compareVersions, isSupportedEcosystem, isValidVersion } from './index.js';

describe('compareVersions()', () => {
  it.each([
    ['Debian:12', '1.2.3-1~deb12u1', '1.2.3-1', -1],
    ['Ubuntu:22.04:LTS', '1.0-1ubuntu1', '1.0-1', 1],
    ['Alpine:v3.18', '1.2_rc1-r0', '1.2-r0', -1],
    ['Wolfi', '1.2-r1', '1.2-r10', -1],
    ['Red Hat:enterprise_linux:9::appstream', '1:1.0-1.el9', '2.0-1.el9', 1],
    ['AlmaLinux:9', '4.18.0-305.el8', '4.18.0-305.3.1.el8', -1],
    ['Rocky Linux:8', '1.0~rc1', '1.0', -1],
    ['npm', '1.0.0-rc.1', '1.0.0', -1],
    ['DHI', '20.15.1', '20.15.0', 1],
    ['crates.io', '0.10.0', '0.9.0', 1],
    ['Go', 'v1.2.4-0.20230101120000-abcdef123456', '1.2.4', -1],
    ['PyPI', '2.0.0rc1', '2.0.0', -1],
    ['Maven:https://repo.maven.apache.org/maven2', '1.0', '1.0.0-ga', 0],
    ['RubyGems', '1.0.0.beta1', '1.0.0', -1],
    ['NuGet', '1.0', '1.0.0.0', 0],
    ['Packagist', '1.0-dev', '1.0', -1],
    ['Pub', '1.0.0', '1.0.0+1', -1],
    ['CRAN', '1.0', '1.0.0', -1],
    ['Bioconductor', '1.10.0', '1.9.0', 1],
    ['Hackage', '1.0', '1.0.0', -1],
  ] as const)('orders %s versions %s and %s as %d', (ecosystem, a, b, expected) => {
    expect(compareVersions(ecosystem, a, b)).toBe(expected);
  });

  it('throws for an unknown ecosystem, naming it', () => {
    expect(() => compareVersions('Cobol', '1', '2')).toThrow('unsupported ecosystem "Cobol"');
  });

  it('matches ecosystem names exactly, as OSV spells them', () => {
    expect(() => compareVersions('pypi', '1', '2')).toThrow('unsupported ecosystem "pypi"');
  });

  it('never throws for malformed versions of a known ecosystem', () => {
    for (const ecosystem of [
      'Debian',
      'Alpine',
      'Red Hat',
      'npm',
      'Go',
      'PyPI',
      'Maven',
      'RubyGems',
      'Packagist',
    ]) {
      expect(() => compareVersions(ecosystem, '', '!!not a version::-')).not.toThrow();
    }
  });
});

describe('isSupportedEcosystem()', () => {
  it.each([
    ['Debian', true],
    ['Debian:12', true],
    ['Alpine:v3.20', true],
    ['Red Hat:enterprise_linux:8', true],
    ['Maven:https://repo1.maven.org/maven2/', true],
    ['GIT', false],
    ['Linux', false],
    ['', false],
    ['constructor', false],
    ['__proto__', false],
  ])('says %j is %s', (ecosystem, supported) => {
    expect(isSupportedEcosystem(ecosystem)).toBe(supported);
  });
});

describe('isValidVersion()', () => {
  it.each([
    ['Debian:12', '1:2.3-4', true],
    ['Debian', 'abc', false],
    ['Alpine', '1.2.3-r0', true],
    ['Alpine', '1.2.3-R0', false],
    ['npm', 'v1.2.3', true],
    ['crates.io', 'v1.2.3', false],
    ['Go', '1.2', false],
    ['PyPI', '1.0.post1', true],
    ['PyPI', '1.0-bulbasaur', false],
  ] as const)('in %s, says %j is %s', (ecosystem, version, valid) => {
    expect(isValidVersion(ecosystem, version)).toBe(valid);
  });

  it('throws for an unknown ecosystem', () => {
    expect(() => isValidVersion('Cobol', '1')).toThrow('unsupported ecosystem "Cobol"');
  });
});
