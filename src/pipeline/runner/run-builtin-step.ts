import type { StepSpec } from '../spec/index.js';
import type { BuiltinContext, StepOutcome } from './runner-types.js';
import { stoppedExecution, type StepExecution, type StepRunContext } from './step-execution.js';

type BuiltinStep = Exclude<StepSpec, { kind: 'run' }>;

/**
 * A built-in step (`build`, `scan`, `push`, `deploy`, `approval`): the integrator's handler does the
 * work; the runner gives it masked logging, the secrets and the outputs of earlier steps, and stops
 * waiting for it when the run is cancelled or the step times out (the handler should watch `signal`).
 */
export async function runBuiltinStep(step: BuiltinStep, ctx: StepRunContext): Promise<StepExecution> {
  const { input, deps } = ctx;
  const builtin: BuiltinContext = {
    runId: input.runId,
    app: input.app,
    workspaceDir: input.workspaceDir,
    trigger: input.trigger,
    variables: input.variables,
    outputs: ctx.outputs,
    log: (line) => ctx.output.system(line),
    secret: (name) => input.secrets.get(name),
    signal: ctx.signal,
  };
  const stopped = new Promise<'stopped'>((resolve) => {
    if (ctx.signal.aborted) resolve('stopped');
    ctx.signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  // A handler that throws synchronously, or rejects after the step was stopped, must not escape.
  const work = Promise.resolve().then(() => callHandler(step, builtin, deps.builtins));
  work.catch(() => undefined);
  let outcome: StepOutcome | 'stopped';
  try {
    outcome = await Promise.race([work, stopped]);
  } catch (error) {
    if (ctx.signal.aborted) return stoppedExecution(ctx);
    return {
      status: 'failure',
      message: ctx.masker.mask(`the ${step.kind} step failed: ${(error as Error).message}`),
    };
  }
  if (outcome === 'stopped') return stoppedExecution(ctx);
  return {
    status: outcome.status === 'success' ? 'success' : 'failure',
    ...(outcome.message === undefined ? {} : { message: ctx.masker.mask(outcome.message) }),
    ...(outcome.outputs === undefined ? {} : { outputs: { ...outcome.outputs } }),
  };
}

function callHandler(
  step: BuiltinStep,
  ctx: BuiltinContext,
  handlers: StepRunContext['deps']['builtins'],
): Promise<StepOutcome> {
  switch (step.kind) {
    case 'build':
      return handlers.build(step, ctx);
    case 'scan':
      return handlers.scan(step, ctx);
    case 'push':
      return handlers.push(step, ctx);
    case 'deploy':
      return handlers.deploy(step, ctx);
    case 'approval':
      return handlers.approval(step, ctx);
  }
}
