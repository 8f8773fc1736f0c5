import { BerthError } from '../../errors/index.js';
import { statusesFor, type TriggerContext } from './match-when.js';
import type { PipelineSpec, StepSpec, StepStatus } from './pipeline-spec.js';
import { pipelineErrorCode } from './pipeline-error.js';

/** What is wrong with the steps' `depends_on`, if anything. */
export type DependencyProblem =
  | { kind: 'unknown'; step: string; index: number; name: string }
  | { kind: 'self'; step: string; index: number }
  /** A path that returns to its start, e.g. `['a', 'b', 'a']`. */
  | { kind: 'cycle'; cycle: string[] };

type StepDeps = Pick<StepSpec, 'name' | 'dependsOn'>;

/**
 * The first problem with `depends_on`: an unknown step, a step depending on itself, or a cycle.
 * Deterministic: steps and their dependencies are visited in file order.
 */
export function findDependencyProblem(steps: readonly StepDeps[]): DependencyProblem | undefined {
  const byName = new Map(steps.map((s) => [s.name, s]));
  for (const step of steps) {
    for (const [index, name] of step.dependsOn.entries()) {
      if (name === step.name) return { kind: 'self', step: step.name, index };
      if (!byName.has(name)) return { kind: 'unknown', step: step.name, index, name };
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const next of byName.get(name)?.dependsOn ?? []) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const step of steps) {
    const cycle = visit(step.name);
    if (cycle !== undefined) return { kind: 'cycle', cycle };
  }
  return undefined;
}

export interface StepNode {
  readonly name: string;
  /** Steps that must finish before this one starts. */
  readonly needs: readonly string[];
  /** `needs`, their `needs`, and so on: a failure among them makes this step's status `failure`. */
  readonly ancestors: readonly string[];
  /** Statuses at which the step runs, from its `when` and the trigger; empty: always skipped. */
  readonly runsOn: readonly StepStatus[];
  readonly ignoreFailure: boolean;
}

/** The steps of one run as a scheduling graph (the input of `nextSteps`). */
export interface StepGraph {
  /** Step names in file order. */
  readonly steps: readonly string[];
  /** Dependencies first; ties in file order. */
  readonly order: readonly string[];
  readonly nodes: Readonly<Record<string, StepNode>>;
}

/**
 * The scheduling graph of a pipeline for one trigger. Without any `depends_on` in the file each step
 * needs the one before it (sequential, like Woodpecker); otherwise steps need exactly what they
 * declare and steps without `depends_on` start at once.
 *
 * @example
 * const graph = buildStepGraph(spec, { event: 'push', branch: 'main' });
 * nextSteps(graph, {}).ready; // the steps that can start now
 */
export function buildStepGraph(
  spec: Pick<PipelineSpec, 'steps' | 'dag'>,
  trigger: TriggerContext,
): StepGraph {
  const problem = findDependencyProblem(spec.steps);
  if (problem !== undefined) {
    throw new BerthError(pipelineErrorCode, `steps: ${describeProblem(problem)}`, {
      hint: 'Fix depends_on so that it names other steps of the pipeline without a cycle.',
    });
  }
  const needsOf = new Map<string, readonly string[]>(
    spec.steps.map((step, i) => {
      const previous = spec.steps[i - 1];
      const needs = spec.dag ? [...new Set(step.dependsOn)] : previous === undefined ? [] : [previous.name];
      return [step.name, needs];
    }),
  );
  const order = orderSteps(
    spec.steps.map((s) => s.name),
    needsOf,
  );
  const ancestors = new Map<string, Set<string>>();
  for (const name of order) {
    const all = new Set<string>();
    for (const need of needsOf.get(name) ?? []) {
      all.add(need);
      ancestors.get(need)?.forEach((a) => all.add(a));
    }
    ancestors.set(name, all);
  }
  const nodes: Record<string, StepNode> = {};
  for (const step of spec.steps) {
    nodes[step.name] = {
      name: step.name,
      needs: needsOf.get(step.name) ?? [],
      ancestors: spec.steps.map((s) => s.name).filter((n) => ancestors.get(step.name)?.has(n)),
      runsOn: statusesFor(step.when, trigger),
      ignoreFailure: step.ignoreFailure,
    };
  }
  return { steps: spec.steps.map((s) => s.name), order, nodes };
}

/** Words for a dependency problem, e.g. `dependency cycle build -> test -> build`. */
export function describeProblem(problem: DependencyProblem): string {
  if (problem.kind === 'cycle') return `dependency cycle ${problem.cycle.join(' -> ')}`;
  if (problem.kind === 'self') return `step "${problem.step}" depends on itself`;
  return `step "${problem.step}" depends on unknown step "${problem.name}"`;
}

/** Kahn's algorithm; among steps ready together, file order. */
function orderSteps(names: readonly string[], needsOf: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < names.length) {
    const next = names.find((n) => !placed.has(n) && (needsOf.get(n) ?? []).every((d) => placed.has(d)));
    if (next === undefined) break; // unreachable: cycles were rejected above
    order.push(next);
    placed.add(next);
  }
  return order;
}
