import { labelKeys } from '../../engine/index.js';

/*
 * Labels of the containers, networks and volumes a run creates (docs/decisions/0001: the engine is the
 * source of truth, so leftovers are found by label). Deliberately without `dev.berth.app` and
 * `dev.berth.managed`: the orchestrator adopts objects carrying those, and must never adopt a step.
 */
export const runnerLabelKeys = {
  instance: labelKeys.instance,
  /** The run that created a step or service container, or the run network. */
  pipelineRun: 'dev.berth.pipeline-run',
  /** The step a container runs. */
  step: 'dev.berth.step',
  /** The pipeline service a container runs. */
  pipelineService: 'dev.berth.pipeline-service',
  /** The app a cache volume belongs to (not `dev.berth.app`: `berth down` must not take caches). */
  pipelineCache: 'dev.berth.pipeline-cache',
} as const;

/** Labels every object of one run carries. */
export function runLabels(instance: string, runId: string): Record<string, string> {
  return { [runnerLabelKeys.instance]: instance, [runnerLabelKeys.pipelineRun]: runId };
}
