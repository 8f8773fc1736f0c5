import type { RunEvent } from './types';

/** One output line of a step, numbered from 1 within the step. */
export interface LogLine {
  n: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A step's state as the live stream last said it. */
export interface LiveStep {
  status: string;
  exitCode?: number;
  message?: string;
}

/** Lines kept per step; older lines are dropped (and counted) so a chatty build cannot exhaust the tab. */
export const maxLinesPerStep = 5000;

/** The key of a step within a run: matrix variant and step name (variant `''` without a matrix). */
export const stepKey = (variant: string, step: string): string => `${variant}\u0000${step}`;

interface StepLog {
  lines: LogLine[];
  total: number;
}

/**
 * What a run's live log stream has said so far: each step's status and its last `maxLinesPerStep`
 * lines, and the run's status. The stream replays the whole history on every (re)connection, so the
 * view calls `reset()` when it connects and nothing is shown twice. Mutable on purpose (a build can
 * send thousands of lines a second); `version` changes with every event so a view knows to redraw.
 *
 * @example
 * const live = new RunStream();
 * subscribe(path, (e) => live.apply(JSON.parse(e.data)), (s) => s === 'live' && live.reset(), { events });
 */
export class RunStream {
  #logs = new Map<string, StepLog>();
  #steps = new Map<string, LiveStep>();
  #run: { status: string; message?: string } | undefined;
  version = 0;

  reset(): void {
    this.#logs = new Map();
    this.#steps = new Map();
    this.#run = undefined;
    this.version++;
  }

  apply(event: RunEvent): void {
    this.version++;
    if (event.type === 'run') {
      this.#run = { status: event.status, ...(event.message ? { message: event.message } : {}) };
    } else if (event.type === 'step') {
      this.#steps.set(stepKey(event.variant, event.step), {
        status: event.status,
        ...(event.exitCode === undefined ? {} : { exitCode: event.exitCode }),
        ...(event.message ? { message: event.message } : {}),
      });
    } else {
      const key = stepKey(event.variant, event.step);
      const log = this.#logs.get(key) ?? { lines: [], total: 0 };
      log.total++;
      log.lines.push({ n: log.total, stream: event.stream, text: event.text });
      // Trim in batches: one splice per 10 % over the cap instead of one shift per line.
      if (log.lines.length > maxLinesPerStep * 1.1) log.lines.splice(0, log.lines.length - maxLinesPerStep);
      this.#logs.set(key, log);
    }
  }

  /** The kept lines of a step, oldest first (at most `maxLinesPerStep`, give or take 10 %). */
  lines(key: string): readonly LogLine[] {
    return this.#logs.get(key)?.lines ?? [];
  }

  /** How many lines the step wrote, kept or not. */
  total(key: string): number {
    return this.#logs.get(key)?.total ?? 0;
  }

  step(key: string): LiveStep | undefined {
    return this.#steps.get(key);
  }

  /** The run's latest status event (`running`, `waiting`, `cancelling`, …) and its message. */
  get run(): { status: string; message?: string } | undefined {
    return this.#run;
  }
}

/** Parses one SSE `data` field of the run stream; anything that is not an event object is ignored. */
export function parseRunEvent(data: string): RunEvent | undefined {
  try {
    const value = JSON.parse(data) as unknown;
    if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
    const type = value.type;
    return type === 'run' || type === 'step' || type === 'log' ? (value as RunEvent) : undefined;
  } catch {
    return undefined;
  }
}
