import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectArtifacts } from './collect-artifacts.js';
import { tempRun } from './testing/run-fixture.js';

const limits = { maxBytes: 1024, maxFiles: 100 };
const made: ReturnType<typeof tempRun>[] = [];
const workspace = (files: Record<string, string>) => {
  const run = tempRun(files);
  made.push(run);
  return run;
};
afterEach(() => made.splice(0).forEach((run) => run.remove()));

describe('collectArtifacts', () => {
  it('copies matching files and whole folders, keeping their relative paths', async () => {
    const { workspaceDir, artifactsDir } = workspace({
      'dist/app.js': 'app',
      'dist/css/site.css': 'css',
      'coverage/lcov.info': 'lcov',
      'src/main.ts': 'src',
    });
    const dest = join(artifactsDir, 'build');
    const collected = await collectArtifacts(workspaceDir, ['dist', 'coverage/*.info'], dest, limits);
    expect(collected.kept).toEqual(['coverage/lcov.info', 'dist/app.js', 'dist/css/site.css']);
    expect(readFileSync(join(dest, 'dist/css/site.css'), 'utf8')).toBe('css');
    expect(existsSync(join(dest, 'src'))).toBe(false);
  });

  it('never follows a link, to a file or a folder outside the workspace', async () => {
    const { workspaceDir, artifactsDir, root } = workspace({ 'dist/app.js': 'app' });
    writeFileSync(join(root, 'host-secret.txt'), 'host secret');
    mkdirSync(join(root, 'host-folder'));
    writeFileSync(join(root, 'host-folder/key.pem'), 'key');
    symlinkSync(join(root, 'host-secret.txt'), join(workspaceDir, 'dist/secret.txt'));
    symlinkSync(join(root, 'host-folder'), join(workspaceDir, 'dist/folder'));
    symlinkSync(join(root, 'host-folder'), join(workspaceDir, 'linked'));
    const dest = join(artifactsDir, 'build');
    const collected = await collectArtifacts(
      workspaceDir,
      ['dist', 'linked/**', 'dist/folder/*'],
      dest,
      limits,
    );
    expect(collected.kept).toEqual(['dist/app.js']);
    expect(existsSync(join(dest, 'dist/secret.txt'))).toBe(false);
  });

  it('ignores a pattern that leaves the workspace and says so', async () => {
    const { workspaceDir, artifactsDir, root } = workspace({});
    writeFileSync(join(root, 'outside.txt'), 'x');
    const collected = await collectArtifacts(
      workspaceDir,
      ['../outside.txt'],
      join(artifactsDir, 's'),
      limits,
    );
    expect(collected.kept).toEqual([]);
    expect(collected.problems).toEqual(['artifact path "../outside.txt" is outside the workspace; ignored']);
  });

  it('keeps no more than the byte limit and lists what it left out', async () => {
    const { workspaceDir, artifactsDir } = workspace({
      'out/a.bin': 'a'.repeat(600),
      'out/b.bin': 'b'.repeat(600),
      'out/c.bin': 'c'.repeat(300),
    });
    const collected = await collectArtifacts(workspaceDir, ['out'], join(artifactsDir, 's'), limits);
    expect(collected).toMatchObject({
      kept: ['out/a.bin', 'out/c.bin'],
      dropped: ['out/b.bin'],
      keptBytes: 900,
    });
  });

  it('copies an empty file', async () => {
    const { workspaceDir, artifactsDir } = workspace({ 'empty.txt': '' });
    const collected = await collectArtifacts(workspaceDir, ['empty.txt'], join(artifactsDir, 's'), limits);
    expect(collected.kept).toEqual(['empty.txt']);
    expect(readFileSync(join(artifactsDir, 's/empty.txt'), 'utf8')).toBe('');
  });
});
