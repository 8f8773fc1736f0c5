import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Docker from 'dockerode';
import { expandMatrix, loadPipeline, type PipelineSpec } from '../../spec/index.js';
import type { BuiltinHandlers, RunEvent, RunInput, RunnerDeps, RunResult } from '../runner-types.js';
import { runPipeline } from '../run-pipeline.js';
import { runnerLabelKeys } from '../runner-labels.js';

/** The locally built test image (test/support/test-image.ts); never pulled. */
export const testImage = 'berth-test/busybox:1';

/** A pipeline file's variant as the runner gets it, from YAML lines. */
export function pipelineOf(...lines: string[]): PipelineSpec {
  const spec = loadPipeline(lines.join('\n'), { file: '.berth/pipeline.yaml' });
  const [variant] = expandMatrix(spec, { BERTH_APP: 'shop', BERTH_RUN: '1', BERTH_COMMIT_SHORT: 'abc1234' });
  if (variant === undefined) throw new Error('expandMatrix returned no variant');
  return variant.spec;
}

/** A temporary workspace and artifacts folder, removed by `remove()`. */
export function tempRun(files: Record<string, string> = {}): {
  workspaceDir: string;
  artifactsDir: string;
  root: string;
  remove: () => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'berth-runner-'));
  const workspaceDir = join(root, 'workspace');
  const artifactsDir = join(root, 'artifacts');
  mkdirSync(workspaceDir);
  mkdirSync(artifactsDir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspaceDir, path)), { recursive: true });
    writeFileSync(join(workspaceDir, path), text);
  }
  return { workspaceDir, artifactsDir, root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Built-in handlers that fail the test if a step of that kind runs, unless replaced. */
export function builtinsOf(overrides: Partial<BuiltinHandlers> = {}): BuiltinHandlers {
  const unexpected = (kind: string) => () => Promise.reject(new Error(`unexpected ${kind} step`));
  return {
    build: unexpected('build'),
    scan: unexpected('scan'),
    push: unexpected('push'),
    deploy: unexpected('deploy'),
    approval: unexpected('approval'),
    ...overrides,
  };
}

export interface RecordedRun {
  result: RunResult;
  events: RunEvent[];
  /** `step-log` texts of a step (all streams), in order. */
  log: (step: string) => string[];
  /** The `step-finished` event of a step. */
  finished: (step: string) => Extract<RunEvent, { type: 'step-finished' }> | undefined;
}

/** Runs a pipeline and records its events. */
export async function recordRun(
  input: Partial<RunInput> & Pick<RunInput, 'spec' | 'workspaceDir' | 'artifactsDir'>,
  deps: Partial<RunnerDeps> & Pick<RunnerDeps, 'docker' | 'instance'>,
  signal?: AbortSignal,
): Promise<RecordedRun> {
  const events: RunEvent[] = [];
  const result = await runPipeline(
    {
      runId: `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      app: 'shop',
      trigger: { event: 'push', branch: 'main', commit: 'abc1234def', changedFiles: [] },
      secrets: new Map(),
      variables: { BERTH_APP: 'shop', BERTH_RUN: '1' },
      defaults: { cpus: 1, memoryBytes: 256 * 1024 * 1024 },
      ...input,
    },
    {
      builtins: builtinsOf(),
      ...deps,
      onEvent: (event) => {
        events.push(event);
        deps.onEvent?.(event);
      },
    },
    signal,
  );
  return {
    result,
    events,
    log: (step) => events.flatMap((e) => (e.type === 'step-log' && e.step === step ? [e.text] : [])),
    finished: (step) =>
      events.find(
        (e): e is Extract<RunEvent, { type: 'step-finished' }> =>
          e.type === 'step-finished' && e.step === step,
      ),
  };
}

/** Containers of an installation id, with their labels (for "nothing is left" checks). */
export async function containersOf(docker: Docker, instance: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({
    all: true,
    filters: { label: [`${runnerLabelKeys.instance}=${instance}`] },
  });
}

/** Removes every container, network and volume labelled with this installation id. */
export async function removeAllOf(docker: Docker, instance: string): Promise<void> {
  const label = [`${runnerLabelKeys.instance}=${instance}`];
  for (const c of await docker.listContainers({ all: true, filters: { label } })) {
    await docker.getContainer(c.Id).remove({ force: true, v: true });
  }
  for (const n of await docker.listNetworks({ filters: { label } })) await docker.getNetwork(n.Id).remove();
  const { Volumes } = await docker.listVolumes({ filters: { label } });
  for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove();
}
