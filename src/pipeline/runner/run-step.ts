import { performance } from 'node:perf_hooks';
import type { SecretMasker } from '../masking/index.js';
import type { StepSpec } from '../spec/index.js';
import { runBuiltinStep } from './run-builtin-step.js';
import { runContainerStep } from './run-container-step.js';
import type { RunEvent, RunInput, RunnerDeps, StepResult } from './runner-types.js';
import { stoppedExecution, type StepExecution, type StepRunContext } from './step-execution.js';
import { StepOutput } from './step-output.js';

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); longer timeouts wait that long. */
const maxTimerMs = 2 ** 31 - 1;

export interface RunStepOptions {
  readonly input: RunInput;
  readonly deps: RunnerDeps;
  readonly masker: SecretMasker;
  readonly network?: string;
  /** Outputs of the steps this one waits for. */
  readonly outputs: StepRunContext['outputs'];
  readonly emit: (event: RunEvent) => void;
}

/**
 * Runs one step that `nextSteps` made ready: emits `step-started` and its `step-log` lines, enforces
 * its `timeout`, turns an abort of the run's signal into `cancelled` and any error into a failure
 * with a masked message. Returns what `step-finished` reports; the caller emits it.
 */
export async function runStep(
  step: StepSpec,
  options: RunStepOptions,
  runSignal: AbortSignal,
): Promise<StepResult & { readonly status: StepExecution['status'] }> {
  const { input, masker, emit } = options;
  const started = performance.now();
  emit({ type: 'step-started', runId: input.runId, step: step.name, kind: step.kind });
  const output = new StepOutput(masker, (stream, text) =>
    emit({ type: 'step-log', runId: input.runId, step: step.name, stream, text }),
  );
  const controller = new AbortController();
  const onRunAbort = (): void => controller.abort('cancelled');
  if (runSignal.aborted) onRunAbort();
  else runSignal.addEventListener('abort', onRunAbort, { once: true });
  const timer = setTimeout(() => controller.abort('timeout'), Math.min(step.timeoutMs, maxTimerMs));
  const ctx: StepRunContext = {
    input,
    deps: options.deps,
    masker,
    output,
    ...(options.network === undefined ? {} : { network: options.network }),
    outputs: options.outputs,
    signal: controller.signal,
    timeoutMs: step.timeoutMs,
  };
  let execution: StepExecution;
  try {
    execution = step.kind === 'run' ? await runContainerStep(step, ctx) : await runBuiltinStep(step, ctx);
  } catch (error) {
    execution = controller.signal.aborted
      ? stoppedExecution(ctx)
      : { status: 'failure', message: masker.mask((error as Error).message) };
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', onRunAbort);
  }
  output.end();
  if (execution.status !== 'success' && execution.message !== undefined) output.system(execution.message);
  const { status, exitCode, message, reports, artifacts, outputs } = execution;
  return {
    step: step.name,
    status,
    durationMs: Math.round(performance.now() - started),
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(message === undefined ? {} : { message }),
    ...(reports === undefined ? {} : { reports }),
    ...(artifacts === undefined ? {} : { artifacts }),
    ...(outputs === undefined ? {} : { outputs }),
  };
}
