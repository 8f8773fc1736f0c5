import { existsSync, readFileSync } from 'node:fs';
import {
  buildStepGraph,
  loadPipeline,
  type PipelineSpec,
  type ScanPolicy,
  type StepKind,
} from '../spec/index.js';

/** One step of a run's graph as the API shows it (`graph` of `GET /apps/{app}/pipelines/runs/{n}`). */
export interface RunGraphStep {
  name: string;
  kind: StepKind;
  /** Steps that must finish first: `depends_on`, or the step before it in a file without any. */
  needs: string[];
  /** Approval steps: the question shown to approvers (as written, before `${...}` substitution). */
  message?: string;
  /** Approval steps: who may answer. */
  role?: string;
  /** Scan steps: the image or workspace folder scanned, as written. */
  target?: string;
  /** Scan steps: what fails the step (and so gates the deploy after it). */
  policy?: ScanPolicy;
}

/** The shape of a run: its steps in file order with their dependencies, and its matrix variants. */
export interface RunGraph {
  /** `NODE=20 DB=postgres` per matrix combination; `['']` without a matrix (the steps' `variant`). */
  variants: string[];
  steps: RunGraphStep[];
}

/**
 * The dependency graph of a loaded pipeline file, for drawing a run (issue 7: the dashboard's DAG).
 * Names, kinds, `depends_on` and policies are never substituted, so one graph fits every variant.
 *
 * @example
 * runGraph(loadPipeline(text, { file: '.berth/pipeline.yaml' })).steps.map((s) => s.needs);
 */
export function runGraph(spec: PipelineSpec): RunGraph {
  const graph = buildStepGraph(spec, { event: 'manual' });
  const variants =
    spec.matrix.length === 0
      ? ['']
      : spec.matrix.map((axes) =>
          Object.entries(axes)
            .map(([axis, value]) => `${axis}=${value}`)
            .join(' '),
        );
  return {
    variants,
    steps: spec.steps.map((step) => ({
      name: step.name,
      kind: step.kind,
      needs: [...(graph.nodes[step.name]?.needs ?? [])],
      ...(step.kind === 'approval'
        ? { role: step.role, ...(step.message === undefined ? {} : { message: step.message }) }
        : {}),
      ...(step.kind === 'scan'
        ? {
            target: 'image' in step.target ? step.target.image : step.target.path,
            policy: step.policy,
          }
        : {}),
    })),
  };
}

/**
 * The graph of the pipeline file a run checked out; undefined before the checkout, when the commit has
 * no pipeline file, or when it does not load (the run's own events say why). A step could rewrite the
 * file in the workspace; the dashboard then still shows every recorded step.
 */
export function readRunGraph(file: string): RunGraph | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return runGraph(loadPipeline(readFileSync(file, 'utf8'), { file: '.berth/pipeline.yaml' }));
  } catch {
    return undefined;
  }
}
