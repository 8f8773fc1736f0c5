import { docker } from '../../test/support/docker-cli.js';

export interface ContainerState {
  running: boolean;
  /** The main process's pid on the host (0 when not running). */
  pid: number;
  startedAtMs: number;
}

/** What `docker inspect` says now (the engine's own record, independent of Berth). */
export function containerState(id: string): ContainerState {
  const [running, pid, startedAt] = docker(
    'inspect',
    '-f',
    '{{.State.Running}} {{.State.Pid}} {{.State.StartedAt}}',
    id,
  ).split(' ');
  return { running: running === 'true', pid: Number(pid), startedAtMs: Date.parse(startedAt ?? '') };
}

/** Waits (up to a minute) until the container has been running for at least `forMs`. */
export async function runningFor(id: string, forMs: number): Promise<ContainerState> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = containerState(id);
    if (state.running && Date.now() - state.startedAtMs >= forMs) return state;
    if (Date.now() > deadline) throw new Error(`${id.slice(0, 12)} did not stay running for ${forMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
