import { describe, expect, it } from 'vitest';
import { globBase, isSafeRelativePath, selectedWithFolders } from './workspace-path.js';

describe('isSafeRelativePath', () => {
  it.each([
    ['dist', true],
    ['coverage/**', true],
    ['./reports/*.xml', true],
    ['a/..b/c', true],
    ['../etc/passwd', false],
    ['dist/../../x', false],
    ['/etc/passwd', false],
    ['./', false],
    ['', false],
    ['a\0b', false],
  ])('%j stays inside the workspace: %s', (path, safe) => {
    expect(isSafeRelativePath(path)).toBe(safe);
  });
});

describe('globBase', () => {
  it.each([
    ['coverage/**', 'coverage'],
    ['reports/junit/*.xml', 'reports/junit'],
    ['./dist', 'dist'],
    ['dist/app.js', 'dist/app.js'],
    ['**/*.sarif', ''],
    ['*.log', ''],
    ['src/{a,b}/x', 'src'],
    ['pkg/[ab]/x', 'pkg'],
  ])('%j is walked from %j', (pattern, base) => {
    expect(globBase(pattern)).toBe(base);
  });
});

describe('selectedWithFolders', () => {
  it('selects a file matched itself or through a folder above it', () => {
    const matches = (p: string) => p === 'dist' || p === 'notes.txt';
    expect(selectedWithFolders('dist/js/app.js', matches)).toBe(true);
    expect(selectedWithFolders('notes.txt', matches)).toBe(true);
    expect(selectedWithFolders('distribution/x', matches)).toBe(false);
  });
});
