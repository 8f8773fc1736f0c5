import type { ProbeSpec } from '../app/index.js';
import type { ManagedContainer } from '../engine/index.js';
import { runProbe, type ProbeTarget } from './probe-runner.js';
import { initialProbeState, nextProbeState, type ProbeState } from './probe-state.js';

export interface ProbedContainer {
  container: ManagedContainer;
  readiness: ProbeSpec | undefined;
  liveness: ProbeSpec | undefined;
  target: ProbeTarget;
}

/** A probe result that changed a replica's readiness or liveness. */
export interface ProbeFlip {
  container: string;
  service: string;
  kind: 'readiness' | 'liveness';
  passing: boolean;
  message: string;
}

interface Loop {
  key: string;
  app: string;
  timers: { readiness?: NodeJS.Timeout; liveness?: NodeJS.Timeout };
  readiness: ProbeState | undefined;
  liveness: ProbeState | undefined;
  stopped: boolean;
}

/**
 * Runs readiness and liveness probes for running replicas, one timer loop per probe. A loop is keyed by
 * container id and start time, so a restarted container starts over (initial delay, not ready).
 * `onChange(app)` fires when a probe flips, which triggers a reconcile of that app.
 */
export class Prober {
  readonly #loops = new Map<string, Loop>();
  readonly #onChange: (app: string, flip: ProbeFlip) => void;

  constructor(onChange: (app: string, flip: ProbeFlip) => void) {
    this.#onChange = onChange;
  }

  /** Makes the running loops match `wanted` (for one app): starts new loops, stops stale ones. */
  sync(app: string, wanted: readonly ProbedContainer[]): void {
    const keep = new Set<string>();
    for (const item of wanted) {
      const { container } = item;
      if (container.state !== 'running' || (!item.readiness && !item.liveness)) continue;
      const key = `${container.id}@${container.startedAt}`;
      keep.add(container.id);
      if (this.#loops.get(container.id)?.key === key) continue;
      this.#stopLoop(container.id);
      this.#startLoop(app, key, item);
    }
    for (const [id, loop] of this.#loops) if (loop.app === app && !keep.has(id)) this.#stopLoop(id);
  }

  /** Readiness/liveness as last observed; undefined when the container has no such probe loop. */
  state(
    containerId: string,
  ): { readiness: ProbeState | undefined; liveness: ProbeState | undefined } | undefined {
    const loop = this.#loops.get(containerId);
    return loop ? { readiness: loop.readiness, liveness: loop.liveness } : undefined;
  }

  /** Forgets a container's probe results (after Berth restarted it). */
  reset(containerId: string): void {
    this.#stopLoop(containerId);
  }

  stopAll(): void {
    for (const id of [...this.#loops.keys()]) this.#stopLoop(id);
  }

  #stopLoop(id: string): void {
    const loop = this.#loops.get(id);
    if (!loop) return;
    loop.stopped = true;
    clearTimeout(loop.timers.readiness);
    clearTimeout(loop.timers.liveness);
    this.#loops.delete(id);
  }

  #startLoop(app: string, key: string, item: ProbedContainer): void {
    const loop: Loop = {
      key,
      app,
      timers: {},
      readiness: item.readiness ? initialProbeState('readiness') : undefined,
      liveness: item.liveness ? initialProbeState('liveness') : undefined,
      stopped: false,
    };
    this.#loops.set(item.container.id, loop);
    for (const kind of ['readiness', 'liveness'] as const) {
      const spec = item[kind];
      if (!spec) continue;
      const tick = async (): Promise<void> => {
        const startedAt = Date.now();
        // A probe never throws into the timer: an unexpected error counts as a failed attempt.
        const result = await runProbe(spec.handler, item.target, spec.timeoutMs).catch((error: unknown) => ({
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }));
        if (loop.stopped) return;
        const before = loop[kind];
        const after = nextProbeState(before ?? initialProbeState(kind), result.ok, result.message, spec);
        loop[kind] = after;
        if (before?.passing !== after.passing) {
          const { container } = item;
          this.#onChange(app, {
            container: container.name,
            service: container.service,
            kind,
            passing: after.passing,
            message: after.lastMessage,
          });
        }
        const wait = Math.max(0, spec.periodMs - (Date.now() - startedAt));
        loop.timers[kind] = setTimeout(() => void tick(), wait).unref();
      };
      loop.timers[kind] = setTimeout(() => void tick(), spec.initialDelayMs).unref();
    }
  }
}
