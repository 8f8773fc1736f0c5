import { nextSteps, runOutcome, type StepGraph } from '../spec/index.js';
import type { RunStatus, StepRunStatus } from './runner-types.js';

/** Why a step did not run. */
export type SkipReason = 'condition' | 'cancelled';

export interface ScheduleOptions {
  /** Steps running at once; at least 1. */
  readonly maxParallel: number;
  /** Runs one step to its end; `signal` is the run's. A rejection counts as a failure. */
  readonly execute: (step: string, signal: AbortSignal) => Promise<'success' | 'failure' | 'cancelled'>;
  /** Called once for each step that will not run. */
  readonly onSkip: (step: string, reason: SkipReason) => void;
}

export interface ScheduleResult {
  readonly status: RunStatus;
  /** Final status of every step of the graph. */
  readonly steps: ReadonlyMap<string, StepRunStatus>;
}

/**
 * Runs a step graph to its end: steps start as soon as `nextSteps` makes them ready (parallel branches
 * of a DAG together, at most `maxParallel` at a time, in file order), skips are propagated, and once
 * `signal` aborts nothing new starts, running steps are left to stop (they watch the same signal), the
 * rest is skipped and the run is `cancelled`. A cancelled step counts as failed for its dependents.
 *
 * @example
 * await scheduleSteps(buildStepGraph(spec, trigger), { maxParallel: 2, execute, onSkip }, signal);
 */
export async function scheduleSteps(
  graph: StepGraph,
  options: ScheduleOptions,
  signal: AbortSignal,
): Promise<ScheduleResult> {
  const status = new Map<string, StepRunStatus>();
  const running = new Map<string, Promise<void>>();
  const maxParallel = Math.max(1, Math.floor(options.maxParallel));
  const names = (wanted: StepRunStatus[]): string[] =>
    [...status].filter(([, s]) => wanted.includes(s)).map(([name]) => name);
  const start = (step: string): void => {
    const done = options
      .execute(step, signal)
      .catch(() => 'failure' as const)
      .then((result) => {
        status.set(step, result);
        running.delete(step);
      });
    running.set(step, done);
  };
  for (;;) {
    if (!signal.aborted) {
      const next = nextSteps(graph, {
        succeeded: names(['success']),
        failed: names(['failure', 'cancelled']),
        skipped: names(['skipped']),
        running: running.keys(),
      });
      for (const step of next.skip) {
        status.set(step, 'skipped');
        options.onSkip(step, 'condition');
      }
      for (const step of next.ready.slice(0, maxParallel - running.size)) start(step);
      if (running.size === 0 && next.skip.length === 0) break;
    } else if (running.size === 0) {
      break;
    }
    if (running.size > 0) await Promise.race(running.values());
  }
  if (signal.aborted) {
    for (const step of graph.steps) {
      if (status.has(step)) continue;
      status.set(step, 'skipped');
      options.onSkip(step, 'cancelled');
    }
    return { status: 'cancelled', steps: status };
  }
  const outcome = runOutcome(graph, {
    succeeded: names(['success']),
    failed: names(['failure', 'cancelled']),
    skipped: names(['skipped']),
  });
  // `running` cannot remain: the loop ends only when nothing runs and nothing is ready or skipped.
  return { status: outcome === 'running' ? 'failure' : outcome, steps: status };
}
