import type { StepGraph } from './step-graph.js';

/** How far a run has come; steps in none of the lists have not started. */
export interface RunState {
  readonly succeeded?: Iterable<string>;
  readonly failed?: Iterable<string>;
  readonly skipped?: Iterable<string>;
  readonly running?: Iterable<string>;
}

export interface NextSteps {
  /** Steps to start now, in file order. */
  readonly ready: string[];
  /**
   * Steps to mark skipped now: their `when` does not hold at the status they would see (a step that
   * needs a failed step is skipped unless its `when.status` includes `failure`). Already propagated:
   * steps that only waited for these are decided in the same call.
   */
  readonly skip: string[];
}

/**
 * The pure scheduler core: given what has finished, which steps start and which are skipped. Call it
 * again whenever a step finishes; the run is over when `runOutcome` is no longer `running`.
 *
 * @example
 * nextSteps(graph, { succeeded: ['build'], running: ['lint'] }); // { ready: ['test'], skip: [] }
 */
export function nextSteps(graph: StepGraph, state: RunState): NextSteps {
  const failed = new Set(state.failed ?? []);
  const done = new Set([...(state.succeeded ?? []), ...failed, ...(state.skipped ?? [])]);
  const started = new Set([...done, ...(state.running ?? [])]);
  const ready: string[] = [];
  const skip: string[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const name of graph.steps) {
      const node = graph.nodes[name];
      if (node === undefined || started.has(name) || !node.needs.every((n) => done.has(n))) continue;
      const failing = node.ancestors.some((a) => failed.has(a) && graph.nodes[a]?.ignoreFailure !== true);
      started.add(name);
      if (node.runsOn.includes(failing ? 'failure' : 'success')) {
        ready.push(name);
      } else {
        skip.push(name);
        done.add(name);
        changed = true;
      }
    }
  }
  const position = (name: string): number => graph.steps.indexOf(name);
  return { ready, skip: skip.sort((a, b) => position(a) - position(b)) };
}

/** `running` while some step has not finished; then `failure` if a step failed without `failure: ignore`. */
export function runOutcome(graph: StepGraph, state: RunState): 'running' | 'success' | 'failure' {
  const failed = new Set(state.failed ?? []);
  const done = new Set([...(state.succeeded ?? []), ...failed, ...(state.skipped ?? [])]);
  if (graph.steps.some((name) => !done.has(name))) return 'running';
  return [...failed].some((name) => graph.nodes[name]?.ignoreFailure === false) ? 'failure' : 'success';
}
