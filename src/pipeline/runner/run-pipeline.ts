import { performance } from 'node:perf_hooks';
import { SecretMasker } from '../masking/index.js';
import { buildStepGraph, type ReportSummary, type StepGraph, type StepSpec } from '../spec/index.js';
import { cleanupRun } from './cleanup-run.js';
import { collectReports } from './collect-reports.js';
import { createRunNetwork } from './run-network.js';
import { runNetworkName } from './run-object-names.js';
import { runLabels } from './runner-labels.js';
import { resolveRunLimits } from './runner-limits.js';
import type { RunEvent, RunInput, RunnerDeps, RunResult, RunStatus, StepResult } from './runner-types.js';
import { scheduleSteps, type SkipReason } from './schedule-steps.js';
import { runStep } from './run-step.js';
import { startServices } from './start-services.js';

/**
 * Runs one pipeline variant (after `expandMatrix`) on the local Docker Engine and resolves with how it
 * ended; matrix, queueing and storage are the caller's. Steps run as containers on a network of the run
 * with the workspace mounted (or as built-in handlers), in the order of `buildStepGraph` and
 * `nextSteps`, parallel branches together up to `limits.maxParallelSteps`. Every event goes to
 * `deps.onEvent` with secret values masked. Aborting `signal` stops running containers (SIGTERM, then
 * SIGKILL after `limits.stopGraceSeconds`), skips the rest and resolves with `cancelled`. Whatever
 * happens, the run's containers and network are removed; cache volumes stay.
 *
 * Throws (before touching the engine) only for input it cannot run: a secret too short to mask
 * (`BERTH_SECRET_UNMASKABLE`) or a `depends_on` cycle (`BERTH_PIPELINE_INVALID`).
 *
 * @example
 * const [variant] = expandMatrix(loadPipeline(text, { file: '.berth/pipeline.yaml' }), variables);
 * const result = await runPipeline(
 *   { runId: '42', app: 'shop', spec: variant.spec, trigger, workspaceDir, artifactsDir, secrets,
 *     variables, defaults: { cpus: 1, memoryBytes: 2 ** 31 } },
 *   { docker: new Docker(), instance, builtins, onEvent: (event) => store.append(event) },
 *   controller.signal,
 * );
 */
export async function runPipeline(
  input: RunInput,
  deps: RunnerDeps,
  signal: AbortSignal = new AbortController().signal,
): Promise<RunResult> {
  const startedAt = performance.now();
  const masker = new SecretMasker([...input.secrets].map(([name, value]) => ({ name, value })));
  const graph = buildStepGraph(input.spec, input.trigger);
  const limits = resolveRunLimits(input.limits);
  const emit = (event: RunEvent): void => {
    try {
      deps.onEvent(event);
    } catch {
      // A failing listener must not leave containers behind; RunnerDeps.onEvent says it must not throw.
    }
  };
  const steps = new Map<string, StepSpec>(input.spec.steps.map((step) => [step.name, step]));
  const results = new Map<string, StepResult>();
  const outputs: Record<string, Readonly<Record<string, string>>> = {};
  const finish = (result: StepResult): void => {
    results.set(result.step, result);
    emit({ type: 'step-finished', runId: input.runId, ...result });
  };
  const needsEngine = input.spec.services.length > 0 || input.spec.steps.some((s) => s.kind === 'run');
  const network = needsEngine ? runNetworkName(input.runId) : undefined;

  const execute = async (name: string, runSignal: AbortSignal) => {
    const step = steps.get(name);
    if (step === undefined) return 'failure' as const; // unreachable: the graph is built from these steps
    const options = { input, deps, masker, emit, outputs: ancestorOutputs(graph, name, outputs) };
    const result = await runStep(step, network === undefined ? options : { ...options, network }, runSignal);
    if (result.outputs !== undefined) outputs[name] = result.outputs;
    finish(result);
    return result.status;
  };

  const onSkip = (name: string, reason: SkipReason): void =>
    finish({
      step: name,
      status: 'skipped',
      durationMs: 0,
      message: skipMessage(graph, name, reason, results),
    });

  let status: RunStatus = 'failure';
  let message: string | undefined;
  try {
    if (network !== undefined && !signal.aborted) {
      await cleanupRun(deps.docker, input.runId, { instance: deps.instance });
      await createRunNetwork(deps.docker, network, runLabels(deps.instance, input.runId));
      await startServices(deps.docker, input.spec.services, {
        runId: input.runId,
        network,
        labels: runLabels(deps.instance, input.runId),
        variables: input.variables,
        secrets: input.secrets,
        defaults: input.defaults,
        ...(limits.maxResources === undefined ? {} : { maxResources: limits.maxResources }),
        pidsLimit: limits.pidsLimit,
        stopGraceSeconds: limits.stopGraceSeconds,
        log: () => undefined,
        signal,
      });
    }
    status = (await scheduleSteps(graph, { maxParallel: limits.maxParallelSteps, execute, onSkip }, signal))
      .status;
  } catch (error) {
    status = signal.aborted ? 'cancelled' : 'failure';
    message = masker.mask(`the run could not start its steps: ${(error as Error).message}`);
    for (const name of graph.steps) {
      if (!results.has(name)) finish({ step: name, status: 'skipped', durationMs: 0, message });
    }
  } finally {
    if (network !== undefined) {
      // By label: also removes service containers that were created but failed to start.
      await cleanupRun(deps.docker, input.runId, { instance: deps.instance }).catch(() => undefined);
    }
  }

  let reports: ReportSummary[] = [];
  if (status !== 'cancelled' && message === undefined && input.spec.reports.length > 0) {
    const verdicts = await collectReports(input.workspaceDir, input.spec.reports);
    reports = verdicts.flatMap((v) => (v.summary === undefined ? [] : [v.summary]));
    const reasons = verdicts.flatMap((v) => (v.fails && v.reason !== undefined ? [v.reason] : []));
    if (reasons.length > 0) {
      message = masker.mask(`report gate: ${reasons.join('; ')}`);
      status = 'failure';
    }
  }

  const result: RunResult = {
    runId: input.runId,
    status,
    durationMs: Math.round(performance.now() - startedAt),
    steps: graph.steps.map((name) => results.get(name) ?? { step: name, status: 'skipped', durationMs: 0 }),
    outputs,
    reports,
    ...(message === undefined ? {} : { message }),
  };
  emit({ type: 'run-finished', ...result });
  return result;
}

/** Outputs of the steps `name` waits for, directly or not: deterministic whatever ran in parallel. */
function ancestorOutputs(
  graph: StepGraph,
  name: string,
  outputs: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Record<string, Readonly<Record<string, string>>> {
  const picked: Record<string, Readonly<Record<string, string>>> = {};
  for (const ancestor of graph.nodes[name]?.ancestors ?? []) {
    const values = outputs[ancestor];
    if (values !== undefined) picked[ancestor] = values;
  }
  return picked;
}

function skipMessage(
  graph: StepGraph,
  name: string,
  reason: SkipReason,
  results: ReadonlyMap<string, StepResult>,
): string {
  if (reason === 'cancelled') return 'the run was cancelled';
  const failed = graph.nodes[name]?.ancestors.find((a) => {
    const status = results.get(a)?.status;
    return (status === 'failure' || status === 'cancelled') && graph.nodes[a]?.ignoreFailure !== true;
  });
  return failed === undefined ? 'its `when` conditions do not hold' : `step "${failed}" failed`;
}
