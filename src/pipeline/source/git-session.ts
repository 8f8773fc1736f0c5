import { BerthError } from '../../errors/index.js';
import { gitEnvironment, secretsOf, type GitCredentials, type GitEnv } from './git-env.js';
import { gitErrorCode, gitFailure } from './git-failure.js';
import type { RepoTransport } from './repo-url.js';
import { formatMs, runGit, type GitResult } from './run-git.js';

export interface GitSessionOptions {
  readonly transport: RepoTransport;
  readonly env?: GitEnv | undefined;
  readonly credentials?: GitCredentials | undefined;
  readonly signal?: AbortSignal | undefined;
  /** For every command of the session together. */
  readonly timeoutMs: number;
}

export interface RunOptions {
  readonly onStderrLine?: ((line: string) => void) | undefined;
}

/**
 * Hardening for every command (git-config(1)): hooks off, the `ext::` transport (which runs
 * commands) off, no fsmonitor daemon. `protocol.file.allow=always` only for local remotes, `never`
 * otherwise (git >= 2.38.1 restricts it for submodules only).
 */
function hardening(transport: RepoTransport): string[] {
  const settings = [
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    'protocol.ext.allow=never',
    `protocol.file.allow=${transport === 'local' ? 'always' : 'never'}`,
    'advice.detachedHead=false',
    'init.defaultBranch=main',
  ];
  return settings.flatMap((s) => ['-c', s]);
}

/**
 * Several git commands in one directory sharing an environment, credentials, an abort signal and
 * one deadline.
 */
export class GitSession {
  readonly #cwd: string;
  readonly #options: GitSessionOptions;
  readonly #env: Record<string, string>;
  readonly #secrets: string[];
  readonly #deadline: number;

  constructor(cwd: string, options: GitSessionOptions) {
    this.#cwd = cwd;
    this.#options = options;
    this.#env = gitEnvironment(options.env ?? {}, options.credentials);
    this.#secrets = secretsOf(options.credentials);
    this.#deadline = Date.now() + options.timeoutMs;
  }

  /** Runs `git <args>`; a non-zero exit is returned, not thrown. */
  async run(args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
    const timeoutMs = this.#deadline - Date.now();
    if (timeoutMs <= 0) {
      throw new BerthError(gitErrorCode, `git did not finish within ${formatMs(this.#options.timeoutMs)}`, {
        hint: 'Check that the remote is reachable, or raise the timeout for large repositories.',
      });
    }
    return runGit([...hardening(this.#options.transport), ...args], {
      cwd: this.#cwd,
      env: this.#env,
      timeoutMs,
      signal: this.#options.signal,
      onStderrLine: options.onStderrLine,
      secrets: this.#secrets,
    });
  }

  /** Runs `git <args>` and returns its output; throws `<what> failed: <reason>` on a non-zero exit. */
  async ok(what: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.exitCode !== 0) throw gitFailure(what, result);
    return result.stdout;
  }

  /** Whether the commit and its tree are in the local object store. */
  async hasCommit(commit: string): Promise<boolean> {
    return (await this.run(['cat-file', '-e', `${commit}^{commit}`])).exitCode === 0;
  }

  async isShallow(): Promise<boolean> {
    return (await this.ok('checking the clone', ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  }
}
