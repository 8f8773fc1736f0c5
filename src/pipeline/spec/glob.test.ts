import { describe, expect, it } from 'vitest';
import { matchAnyGlob, matchGlob } from './glob.js';

describe('matchGlob', () => {
  it.each([
    ['main', 'main', true],
    ['main', 'mainline', false],
    ['release/*', 'release/1.2', true],
    ['release/*', 'release/1.2/hotfix', false],
    ['release/**', 'release/1.2/hotfix', true],
    ['*', 'feature/x', false],
    ['**', 'feature/x', true],
    ['*.md', 'README.md', true],
    ['*.md', 'docs/README.md', false],
    ['**/*.md', 'docs/README.md', true],
    ['**/*.md', 'README.md', true],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/a/b/c.ts', true],
    ['src/**/*.ts', 'srcx/a.ts', false],
    ['src/**', 'src', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['*.{ts,tsx}', 'app.tsx', true],
    ['*.{ts,tsx}', 'app.js', false],
    ['{src,test}/**/*.{ts,js}', 'test/unit/x.js', true],
    ['{a,b{c,d}}', 'bd', true],
    ['{a,b{c,d}}', 'b', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false],
    ['a?b', 'a/b', false],
    ['[abc].txt', 'b.txt', true],
    ['[!abc].txt', 'b.txt', false],
    ['[!abc].txt', 'd.txt', true],
    ['[a-c]x', 'cx', true],
    ['[a-c]x', 'dx', false],
    ['[!a]', '/', false],
    ['\\*.txt', '*.txt', true],
    ['\\*.txt', 'a.txt', false],
    ['.github/**', '.github/workflows/ci.yaml', true],
    ['*', '.env', true],
    ['./src/*.ts', 'src/a.ts', true],
    ['src/*.ts', './src/a.ts', true],
    ['v*', 'v1.2.3', true],
    ['v[0-9]*', 'version', false],
    ['a**b', 'axxb', true],
    ['a**b', 'ax/xb', false],
    ['{unclosed', '{unclosed', true],
    ['[unclosed', '[unclosed', true],
    ['a+b(c)', 'a+b(c)', true],
    ['$HOME', '$HOME', true],
  ])('matchGlob(%j, %j) is %s', (pattern, path, expected) => {
    expect(matchGlob(pattern, path)).toBe(expected);
  });

  it('matches when any pattern of a list matches', () => {
    expect(matchAnyGlob(['docs/**', '*.md'], 'docs/a/b.txt')).toBe(true);
    expect(matchAnyGlob(['docs/**', '*.md'], 'src/a.ts')).toBe(false);
    expect(matchAnyGlob([], 'src/a.ts')).toBe(false);
  });
});
