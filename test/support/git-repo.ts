import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A bare repository (the "remote") and a working clone that commits and pushes to it. */
export interface GitRemote {
  bare: string;
  /** Writes the files, commits them on main, pushes, and returns the commit id. */
  commit: (files: Record<string, string>, message: string) => string;
  remove: () => void;
}

export function gitRemote(): GitRemote {
  const root = mkdtempSync(join(tmpdir(), 'berth-git-'));
  const bare = join(root, 'remote.git');
  const work = join(root, 'work');
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd,
      encoding: 'utf8',
    }).trim();
  mkdirSync(work);
  git(root, 'init', '--bare', '--initial-branch=main', bare);
  git(work, 'init', '--initial-branch=main');
  git(work, 'remote', 'add', 'origin', bare);
  return {
    bare,
    commit: (files, message) => {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(work, path)), { recursive: true });
        writeFileSync(join(work, path), content);
      }
      git(work, 'add', '-A');
      git(work, 'commit', '-m', message);
      git(work, 'push', 'origin', 'main');
      return git(work, 'rev-parse', 'HEAD');
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
