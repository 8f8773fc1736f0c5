import type Docker from 'dockerode';
import { builtinHandlers, type BuiltinDeps } from '../builtins/index.js';
import { runPipeline, type RunEvent as RunnerEvent, type RunResult } from '../runner/index.js';
import type { ResourcesSpec } from '../spec/index.js';
import type { PipelineServiceDeps } from './pipeline-service.js';
import type { RunEvent } from './run-events.js';

export interface RunnerAdapterDeps {
  docker: Docker;
  instance: string;
  builtins: Omit<BuiltinDeps, 'approve' | 'runOf'>;
  /** Resources of steps that set none: a build must not starve the apps on the host. */
  defaults: ResourcesSpec;
}

/** Translates the runner's events into the service's run events (the variant is added by the service). */
export function toRunEvent(event: RunnerEvent): RunEvent | undefined {
  switch (event.type) {
    case 'step-started':
      return { type: 'step', variant: '', step: event.step, kind: event.kind, status: 'running' };
    case 'step-log':
      return {
        type: 'log',
        variant: '',
        step: event.step,
        stream: event.stream === 'stderr' ? 'stderr' : 'stdout',
        text: event.text,
      };
    case 'step-finished':
      return {
        type: 'step',
        variant: '',
        step: event.step,
        status: event.status,
        ...(event.exitCode === undefined ? {} : { exitCode: event.exitCode }),
        ...(event.message === undefined ? {} : { message: event.message }),
        ...(event.reports ? { reports: [...event.reports] } : {}),
        ...(event.artifacts ? { artifacts: [...event.artifacts] } : {}),
      };
    case 'run-finished':
      return undefined;
  }
}

/** The name of the pseudo-step that holds the top-level `reports` (not a valid step name, so no clash). */
export const reportsStepName = '(reports)';

/**
 * The top-level `reports` of a run, judged after its last step, as a step record: its summaries and, when
 * a report gate failed the run, the reason. Undefined when the pipeline has none.
 */
export function reportsStepEvent(
  result: Pick<RunResult, 'reports' | 'message' | 'status'>,
): RunEvent | undefined {
  const gate = result.message?.startsWith('report gate:') === true;
  if (result.reports.length === 0 && !gate) return undefined;
  return {
    type: 'step',
    variant: '',
    step: reportsStepName,
    kind: 'reports',
    status: gate ? 'failure' : 'success',
    ...(gate && result.message ? { message: result.message } : {}),
    reports: [...result.reports],
  };
}

/** The service's `execute`: one matrix variant through the container runner with the built-in kinds. */
export function executeWithRunner(deps: RunnerAdapterDeps): PipelineServiceDeps['execute'] {
  return async (input) => {
    const builtins = builtinHandlers({
      ...deps.builtins,
      runOf: () => ({ id: input.runDbId }),
      approve: (_runId, step) => input.approval(step),
    });
    const result = await runPipeline(
      {
        runId: input.runId,
        app: input.app,
        spec: input.spec,
        trigger: {
          event: input.trigger.event,
          commit: input.trigger.commit ?? '',
          ...(input.trigger.branch ? { branch: input.trigger.branch } : {}),
          ...(input.trigger.tag ? { tag: input.trigger.tag } : {}),
          ...(input.trigger.cron ? { cron: input.trigger.cron } : {}),
          ...(input.trigger.changedFiles ? { changedFiles: input.trigger.changedFiles } : {}),
        },
        workspaceDir: input.workspaceDir,
        artifactsDir: input.artifactsDir,
        secrets: input.secrets,
        variables: input.variables,
        defaults: deps.defaults,
      },
      {
        docker: deps.docker,
        instance: deps.instance,
        builtins,
        onEvent: (event) => {
          const mapped = toRunEvent(event);
          if (mapped) input.onEvent(mapped);
        },
      },
      input.signal,
    );
    const outputs: Record<string, string> = {};
    for (const [step, values] of Object.entries(result.outputs)) {
      for (const [key, value] of Object.entries(values)) outputs[`${step}.${key}`] = value;
    }
    const reports = reportsStepEvent(result);
    if (reports) input.onEvent(reports);
    return { status: result.status, outputs, ...(result.message ? { message: result.message } : {}) };
  };
}
