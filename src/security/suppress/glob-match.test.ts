import { describe, expect, it } from 'vitest';
import { matchesGlob } from './glob-match.js';

describe('matchesGlob', () => {
  it.each([
    ['DL3008', 'DL3008', true],
    ['dl3008', 'DL3008', true],
    ['DL30*', 'DL3008', true],
    ['CVE-2025-*', 'CVE-2025-62813', true],
    ['CVE-2025-*', 'CVE-2024-1', false],
    ['BC1?1', 'BC101', true],
    ['DL3008', 'DL30081', false],
  ] as const)('id pattern %s against %s is %s', (pattern, id, expected) => {
    expect(matchesGlob(pattern, id, 'id')).toBe(expected);
  });

  it.each([
    ['Dockerfile', './Dockerfile', true],
    ['services/*/Dockerfile', 'services/web/Dockerfile', true],
    ['services/*/Dockerfile', 'services/web/api/Dockerfile', false],
    ['**/Dockerfile', 'Dockerfile', true],
    ['**/Dockerfile', 'a/b/c/Dockerfile', true],
    ['k8s/**', 'k8s/base/deploy.yaml', true],
    ['k8s/*.yaml', 'k8s/base/deploy.yaml', false],
    ['compose.y?ml', 'compose.yaml', true],
    ['app.(prod).yaml', 'app.(prod).yaml', true],
    ['docs\\x.md', 'docs/x.md', true],
  ] as const)('path pattern %s against %s is %s', (pattern, path, expected) => {
    expect(matchesGlob(pattern, path, 'path')).toBe(expected);
  });
});
