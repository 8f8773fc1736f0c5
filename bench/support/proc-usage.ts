import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime/stime in /proc/PID/stat (proc(5)). */
export const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

export interface ProcUsage {
  atMs: number;
  /** User + system CPU time of every thread of the process, in ms. */
  cpuMs: number;
  rssBytes: number;
}

/** Reads a process's CPU time and resident memory from /proc (Linux only). */
export function procUsage(pid: number): ProcUsage {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3, state (proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return { atMs: Date.now(), cpuMs: ((utime + stime) * 1000) / clockTicks, rssBytes: rssKb * 1024 };
}

/** `pid` and every process below it (e.g. a proxy the daemon starts), from /proc/PID/task/TID/children. */
export function processTree(pid: number): number[] {
  const found = [pid];
  for (let i = 0; i < found.length; i++) {
    const parent = found[i] as number;
    try {
      for (const tid of readdirSync(`/proc/${parent}/task`)) {
        const children = readFileSync(`/proc/${parent}/task/${tid}/children`, 'utf8').trim();
        if (children) found.push(...children.split(' ').map(Number));
      }
    } catch {
      // the process exited meanwhile
    }
  }
  return found;
}

/** Usage of a process tree summed over its members (RSS summed too, so shared pages count twice). */
export function treeUsage(pid: number): ProcUsage & { processes: number } {
  const usages = processTree(pid).flatMap((p) => {
    try {
      return [procUsage(p)];
    } catch {
      return [];
    }
  });
  return {
    atMs: Date.now(),
    cpuMs: usages.reduce((n, u) => n + u.cpuMs, 0),
    rssBytes: usages.reduce((n, u) => n + u.rssBytes, 0),
    processes: usages.length,
  };
}

/** CPU use between two samples as a percentage of one core. */
export const cpuPercent = (from: ProcUsage, to: ProcUsage): number =>
  ((to.cpuMs - from.cpuMs) / (to.atMs - from.atMs)) * 100;

/** The pid of `dockerd`, if it runs on this host (for context next to Berth's own figures). */
export function dockerdPid(): number | undefined {
  try {
    const pid = Number(execFileSync('pidof', ['dockerd'], { encoding: 'utf8' }).trim().split(' ')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
