import { describe, expect, it } from 'vitest';
import { normalizePythonName, parsePythonMetadata } from './python.js';

describe('parsePythonMetadata', () => {
  it('reads Name and Version from the headers, not from the description body', () => {
    const metadata =
      'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nClassifier: A\nClassifier: B\n\nName: not-this\n';
    expect(parsePythonMetadata(metadata)).toEqual({ name: 'requests', version: '2.31.0' });
  });

  it('reads an old egg-info PKG-INFO', () => {
    expect(
      parsePythonMetadata('Metadata-Version: 1.1\nName: PyYAML\nVersion: 6.0\nSummary: YAML parser\n'),
    ).toEqual({ name: 'PyYAML', version: '6.0' });
  });

  it('returns undefined without a version', () => {
    expect(parsePythonMetadata('Name: x\n')).toBeUndefined();
  });

  it.each([
    ['Foo_Bar.baz', 'foo-bar-baz'],
    ['zope.interface', 'zope-interface'],
    ['PyYAML', 'pyyaml'],
  ])('normalises %s to %s (PEP 503)', (name, normalised) => {
    expect(normalizePythonName(name)).toBe(normalised);
  });
});
