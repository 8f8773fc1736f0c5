import { spawn } from 'node:child_process';
import { BerthError } from '../../errors/index.js';
import { gitErrorCode } from './git-failure.js';

export interface RunGitOptions {
  cwd: string;
  /** The full environment, from `gitEnvironment`. */
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Each line git writes to stderr (progress lines end in CR and are split there too). */
  onStderrLine?: ((line: string) => void) | undefined;
  /** Blanked out of stderr before anyone sees it. */
  secrets?: readonly string[] | undefined;
}

/** What one git command did. A non-zero exit is a result, not an exception: callers decide. */
export interface GitResult {
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  /** The last 16 KiB, secrets blanked. */
  readonly stderr: string;
}

const maxStderrChars = 16_384;
const maxStdoutBytes = 64 * 1024 * 1024;
/** Time git gets after SIGTERM to remove its lock files before SIGKILL. */
const killGraceMs = 3_000;

/**
 * Runs `git <args>` in its own process group, so a timeout or abort also stops the transport helpers
 * (git-remote-https, ssh) it started. Rejects with the signal's reason on abort and with a BerthError
 * on timeout or when git is missing; resolves with the exit code otherwise.
 */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<GitResult> {
  const { signal } = options;
  if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let partial = '';
    let stopped: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const stop = (reason: Error): void => {
      if (stopped !== undefined || child.pid === undefined) return;
      stopped = reason;
      killGroup(child.pid, 'SIGTERM');
      const pid = child.pid;
      killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), killGraceMs);
    };
    const timeout = setTimeout(() => {
      stop(
        new BerthError(
          gitErrorCode,
          `git ${subcommand(args)} did not finish within ${formatMs(options.timeoutMs)}`,
          { hint: 'Check that the remote is reachable, or raise the timeout for large repositories.' },
        ),
      );
    }, options.timeoutMs);
    const onAbort = (): void => stop(signal?.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdoutBytes) {
        stop(new BerthError(gitErrorCode, `git ${subcommand(args)} printed more than 64 MiB`));
      } else stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Keep twice the tail shown: a secret cut in half at the start of the kept text is dropped
      // by the final slice instead of being shown half-redacted.
      stderr = (stderr + chunk).slice(-2 * maxStderrChars);
      if (options.onStderrLine === undefined) return;
      const lines = (partial + chunk).split(/\r\n|\r|\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') options.onStderrLine(redact(line, options.secrets));
    });

    const finish = (): void => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      reject(
        error.code === 'ENOENT'
          ? new BerthError(gitErrorCode, 'git is not installed (not found on PATH)', {
              hint: 'Install git (Debian: apt-get install git) on the machine running Berth.',
              cause: error,
            })
          : error,
      );
    });
    child.on('close', (code, signalName) => {
      finish();
      if (stopped !== undefined) return reject(stopped);
      resolve({
        args,
        exitCode: code ?? (signalName === null ? 1 : 128),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: redact(stderr, options.secrets).slice(-maxStderrChars),
      });
    });
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** The git subcommand in `args`, skipping `-c key=value` pairs: for messages. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-c' || arg === '-C') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return '';
}

function redact(text: string, secrets: readonly string[] | undefined): string {
  let out = text;
  for (const secret of secrets ?? []) out = out.split(secret).join('***');
  return out;
}

/** `250 ms`, `30 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}
