import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateCacheKey } from '../spec/index.js';
import { workspaceHasher } from './hash-workspace-files.js';
import { tempRun } from './testing/run-fixture.js';

const made: ReturnType<typeof tempRun>[] = [];
const workspace = (files: Record<string, string>) => {
  const run = tempRun(files);
  made.push(run);
  return run;
};
afterEach(() => made.splice(0).forEach((run) => run.remove()));

describe('workspaceHasher', () => {
  it('gives the same hash for the same files and another when one changes', async () => {
    const { workspaceDir } = workspace({
      'package-lock.json': '{"a":1}',
      'web/package-lock.json': '{"b":1}',
    });
    const hash = workspaceHasher(workspaceDir);
    const first = await hash(['**/package-lock.json']);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await hash(['**/package-lock.json'])).toBe(first);
    writeFileSync(join(workspaceDir, 'web/package-lock.json'), '{"b":2}');
    expect(await hash(['**/package-lock.json'])).not.toBe(first);
  });

  it('changes when a matching file is renamed', async () => {
    const { workspaceDir } = workspace({ 'a.lock': 'same' });
    const before = await workspaceHasher(workspaceDir)(['*.lock']);
    const other = workspace({ 'b.lock': 'same' });
    expect(await workspaceHasher(other.workspaceDir)(['*.lock'])).not.toBe(before);
  });

  it('hashes to an empty text when nothing matches, and ignores links and escaping patterns', async () => {
    const { workspaceDir, root } = workspace({});
    writeFileSync(join(root, 'outside.lock'), 'x');
    symlinkSync(join(root, 'outside.lock'), join(workspaceDir, 'linked.lock'));
    expect(await workspaceHasher(workspaceDir)(['*.lock', '../outside.lock'])).toBe('');
  });

  it('fills a cache key template', async () => {
    const { workspaceDir } = workspace({ 'requirements.txt': 'flask==3.0\n' });
    const key = await evaluateCacheKey(
      "pip-{{ hashFiles('requirements*.txt') }}",
      workspaceHasher(workspaceDir),
    );
    expect(key).toMatch(/^pip-[0-9a-f]{64}$/);
  });
});
