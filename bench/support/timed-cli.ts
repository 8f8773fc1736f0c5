import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const cliPath = resolve(import.meta.dirname, '../../dist/cli/main.js');

export interface TimedRun {
  code: number | null;
  stdout: string;
  /** Each stderr line with the wall-clock time (Date.now()) it arrived. */
  lines: { atMs: number; text: string }[];
  startedAtMs: number;
  endedAtMs: number;
}

/** Runs the real `berth` CLI (dist/) and timestamps its progress lines on stderr. */
export function timedBerth(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<TimedRun> {
  return new Promise((done) => {
    const startedAtMs = Date.now();
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { ...(process.env as Record<string, string>), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let pending = '';
    const lines: TimedRun['lines'] = [];
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const atMs = Date.now();
      pending += d.toString();
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        lines.push({ atMs, text: pending.slice(0, nl) });
        pending = pending.slice(nl + 1);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (pending) lines.push({ atMs: Date.now(), text: pending });
      done({ code, stdout, lines, startedAtMs, endedAtMs: Date.now() });
    });
  });
}
