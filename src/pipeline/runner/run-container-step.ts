import { join } from 'node:path';
import type { RunStep } from '../spec/index.js';
import { collectArtifacts } from './collect-artifacts.js';
import { collectReports } from './collect-reports.js';
import { prepareCacheVolumes } from './cache-volumes.js';
import { buildContainerSpec } from './container-spec.js';
import { runContainer } from './run-container.js';
import { stepContainerName } from './run-object-names.js';
import { runLabels, runnerLabelKeys } from './runner-labels.js';
import { resolveRunLimits } from './runner-limits.js';
import { buildStepEnvironment, toDockerEnv } from './step-environment.js';
import { stoppedExecution, type StepExecution, type StepRunContext } from './step-execution.js';

/**
 * A run step (docs/pipeline.md, "Run steps"): one container of `image` with the workspace at
 * `/workspace`, its caches mounted, on the run network; then its reports are judged and its artifacts
 * copied, also when it failed (a failed test run is when they matter most), but not when it was
 * stopped.
 */
export async function runContainerStep(step: RunStep, ctx: StepRunContext): Promise<StepExecution> {
  const { input, deps, output } = ctx;
  const limits = resolveRunLimits(input.limits);
  const env = buildStepEnvironment({
    variables: input.variables,
    outputs: ctx.outputs,
    environment: step.environment,
    secretNames: step.secrets,
    secrets: input.secrets,
  });
  if (!env.ok) return { status: 'failure', message: env.reason };
  const caches = await prepareCacheVolumes(deps.docker, step.cache, {
    app: input.app,
    instance: deps.instance,
    workspaceDir: input.workspaceDir,
  });
  for (const cache of caches) output.system(`cache ${cache.path}: volume ${cache.volume}`);
  const spec = buildContainerSpec({
    name: stepContainerName(input.runId, step.name),
    image: step.image,
    commands: step.commands,
    ...(step.entrypoint === undefined ? {} : { entrypoint: step.entrypoint }),
    env: toDockerEnv(env.value),
    labels: { ...runLabels(deps.instance, input.runId), [runnerLabelKeys.step]: step.name },
    resources: step.resources,
    defaults: input.defaults,
    ...(limits.maxResources === undefined ? {} : { maxResources: limits.maxResources }),
    pidsLimit: limits.pidsLimit,
    stopGraceSeconds: limits.stopGraceSeconds,
    network: ctx.network ?? 'none',
    workspaceDir: input.workspaceDir,
    caches,
  });
  const exit = await runContainer({
    docker: deps.docker,
    spec,
    output,
    signal: ctx.signal,
    stopGraceSeconds: limits.stopGraceSeconds,
  });
  if (exit.stopped) return stoppedExecution(ctx, exit.exitCode);
  const exitCode = exit.exitCode ?? -1;
  let message = exitCode === 0 ? undefined : `the step exited with code ${exitCode}`;

  const verdicts = await collectReports(input.workspaceDir, step.reports);
  for (const verdict of verdicts) {
    for (const problem of verdict.problems) output.system(problem);
    if (verdict.fails && verdict.reason !== undefined) {
      output.system(`report gate: ${verdict.reason}`);
      message ??= verdict.reason;
    }
  }
  const reports = verdicts.flatMap((v) => (v.summary === undefined ? [] : [v.summary]));

  let artifacts: string[] | undefined;
  if (step.artifacts.length > 0) {
    const collected = await collectArtifacts(
      input.workspaceDir,
      step.artifacts,
      join(input.artifactsDir, step.name),
      {
        maxBytes: limits.maxArtifactBytes,
        maxFiles: limits.maxArtifactFiles,
      },
    );
    for (const problem of collected.problems) output.system(problem);
    if (collected.dropped.length > 0) {
      output.system(
        `artifacts: kept ${collected.kept.length} files (${collected.keptBytes} bytes); ${collected.dropped.length} left out over the limit of ${limits.maxArtifactBytes} bytes or ${limits.maxArtifactFiles} files`,
      );
    }
    artifacts = collected.kept;
  }
  const failed = exitCode !== 0 || verdicts.some((v) => v.fails);
  return {
    status: failed ? 'failure' : 'success',
    exitCode,
    ...(message === undefined ? {} : { message }),
    ...(reports.length === 0 ? {} : { reports }),
    ...(artifacts === undefined ? {} : { artifacts }),
  };
}
