import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The test process's environment without GIT_* (set when tests run from a git hook). */
export const testEnv: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter(
    (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('GIT_'),
  ),
);

/**
 * A real git remote for tests: a bare repository (`remote.git`, the remote) and a working clone
 * that commits and pushes to it, under one temporary folder that `cleanup()` removes.
 */
export class GitFixture {
  readonly root = mkdtempSync(join(tmpdir(), 'berth-git-'));
  readonly remote = join(this.root, 'remote.git');
  readonly work = join(this.root, 'work');
  #workspaces = 0;

  constructor() {
    this.gitIn(this.root, 'init', '--quiet', '--bare', '--initial-branch=main', this.remote);
    this.gitIn(this.root, 'init', '--quiet', '--initial-branch=main', this.work);
    this.git('remote', 'add', 'origin', this.remote);
  }

  /** Runs git in the working clone with a fixed identity; returns trimmed stdout. */
  git(...args: string[]): string {
    return this.gitIn(this.work, ...args);
  }

  gitIn(cwd: string, ...args: string[]): string {
    const identity = ['-c', 'user.name=Berth Test', '-c', 'user.email=test@berth.invalid'];
    const out = execFileSync(
      'git',
      [...identity, '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args],
      {
        cwd,
        env: { ...testEnv, GIT_CONFIG_NOSYSTEM: '1', HOME: this.root },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return out.trim();
  }

  /** Writes (or, for null, deletes) files, commits them all and returns the commit id. */
  commit(message: string, files: Record<string, string | null>): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.work, path);
      if (content === null) unlinkSync(full);
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Pushes the current branch, or the given refspecs, to the remote. */
  push(...refspecs: string[]): void {
    this.git('push', '--quiet', '--force', 'origin', ...(refspecs.length > 0 ? refspecs : ['HEAD']));
  }

  /** A path for a new checkout directory (not created). */
  workspace(): string {
    return join(this.root, `checkout-${++this.#workspaces}`);
  }

  /**
   * An environment whose git speaks protocol v0, whose servers refuse to send commits that are not a
   * branch or tag tip (no `uploadpack.allowReachableSHA1InWant`), as many older servers do.
   */
  protocolV0Env(): Record<string, string> {
    const home = join(this.root, 'home-v0');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, '.gitconfig'), '[protocol]\n\tversion = 0\n');
    return { ...testEnv, HOME: home };
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
