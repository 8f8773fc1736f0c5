import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupRun } from './cleanup-run.js';
import { runNetworkName, stepContainerName } from './run-object-names.js';
import {
  containersOf,
  pipelineOf,
  recordRun,
  removeAllOf,
  tempRun,
  testImage,
} from './testing/run-fixture.js';

// Real Docker Engine and the locally built busybox image (test/support/global-setup.ts).
const docker = new Docker();
const instance = `berth-test-runner-${process.pid}`;
const runs: { remove: () => void }[] = [];
const newRun = (files?: Record<string, string>) => {
  const run = tempRun(files);
  runs.push(run);
  return run;
};
afterEach(async () => {
  await removeAllOf(docker, instance);
});
afterAll(() => runs.forEach((run) => run.remove()));

describe('runPipeline on the Docker Engine', () => {
  it('runs the two branches of a DAG at the same time, after the step they wait for', async () => {
    const { workspaceDir, artifactsDir } = newRun();
    const spec = pipelineOf(
      'steps:',
      '  setup:',
      `    image: ${testImage}`,
      '    commands: [sleep 1, echo ready > ready.txt]',
      '  left:',
      `    image: ${testImage}`,
      '    depends_on: [setup]',
      '    commands: [cat ready.txt, sleep 1]',
      '  right:',
      `    image: ${testImage}`,
      '    depends_on: [setup]',
      '    commands: [cat ready.txt, sleep 1]',
    );
    const at = new Map<string, number>();
    const start = Date.now();
    const run = await recordRun(
      { spec, workspaceDir, artifactsDir },
      {
        docker,
        instance,
        onEvent: (e) => {
          if (e.type === 'step-started' || e.type === 'step-finished')
            at.set(`${e.type}:${e.step}`, Date.now());
        },
      },
    );
    const total = Date.now() - start;
    expect(run.result.status).toBe('success');
    expect(run.result.steps.map((s) => [s.step, s.status])).toEqual([
      ['setup', 'success'],
      ['left', 'success'],
      ['right', 'success'],
    ]);
    const time = (key: string): number => at.get(key) ?? Number.NaN;
    expect(time('step-started:left')).toBeGreaterThanOrEqual(time('step-finished:setup'));
    expect(time('step-started:right')).toBeGreaterThanOrEqual(time('step-finished:setup'));
    // Parallel: each branch starts before the other finishes, and the run takes less than the sum.
    expect(time('step-started:left')).toBeLessThan(time('step-finished:right'));
    expect(time('step-started:right')).toBeLessThan(time('step-finished:left'));
    const sum = run.result.steps.reduce((n, s) => n + s.durationMs, 0);
    expect(total).toBeLessThan(sum);
    console.info(
      `DAG of 3 steps (sleep 1 each, one parallel pair): ${total} ms; steps ${run.result.steps.map((s) => `${s.step} ${s.durationMs} ms`).join(', ')}`,
    );
  });

  it('skips the steps after a failing step, and runs those after a step whose failure is ignored', async () => {
    const { workspaceDir, artifactsDir } = newRun();
    const spec = pipelineOf(
      'steps:',
      '  lint:',
      `    image: ${testImage}`,
      '    commands: [echo linting, exit 3]',
      '    failure: ignore',
      '  test:',
      `    image: ${testImage}`,
      '    depends_on: []',
      '    commands: [echo before, "false", echo never-printed]',
      '  after-lint:',
      `    image: ${testImage}`,
      '    depends_on: [lint]',
      '    commands: [echo after-lint]',
      '  after-test:',
      `    image: ${testImage}`,
      '    depends_on: [test]',
      '    commands: [echo after-test]',
    );
    const run = await recordRun({ spec, workspaceDir, artifactsDir }, { docker, instance });
    expect(run.result.status).toBe('failure');
    expect(Object.fromEntries(run.result.steps.map((s) => [s.step, [s.status, s.exitCode]]))).toEqual({
      lint: ['failure', 3],
      test: ['failure', 1],
      'after-lint': ['success', 0],
      'after-test': ['skipped', undefined],
    });
    expect(run.log('test')).toEqual(['+ echo before', 'before', '+ false', 'the step exited with code 1']);
    expect(run.finished('after-test')?.message).toBe('step "test" failed');
  });

  it('gives the step container its CPU and memory limits, least privileges and the workspace', async () => {
    const { workspaceDir, artifactsDir } = newRun({ 'input.txt': 'from the checkout\n' });
    const runId = `limits-${process.pid}`;
    const spec = pipelineOf(
      'steps:',
      '  build:',
      `    image: ${testImage}`,
      '    resources: { cpus: 0.5, memory: 64m }',
      '    commands: [cat input.txt, echo written > output.txt, echo ready, sleep 2]',
    );
    let inspected: Promise<Docker.ContainerInspectInfo> | undefined;
    const run = await recordRun(
      { spec, workspaceDir, artifactsDir, runId },
      {
        docker,
        instance,
        onEvent: (e) => {
          if (e.type === 'step-log' && e.text === 'ready') {
            inspected = docker.getContainer(stepContainerName(runId, 'build')).inspect();
          }
        },
      },
    );
    expect(run.result.status).toBe('success');
    const info = await inspected;
    expect(info?.HostConfig).toMatchObject({
      NanoCpus: 500_000_000,
      Memory: 64 * 1024 * 1024,
      MemorySwap: 64 * 1024 * 1024,
      SecurityOpt: ['no-new-privileges'],
      PidsLimit: 4096,
      Init: true,
      NetworkMode: runNetworkName(runId),
    });
    expect(info?.HostConfig.CapDrop).toContain('NET_RAW');
    expect(info?.Config.Labels).toEqual({
      'dev.berth.instance': instance,
      'dev.berth.pipeline-run': runId,
      'dev.berth.step': 'build',
    });
    expect(info?.Config.WorkingDir).toBe('/workspace');
    expect(info?.Config.Env).toContain('BERTH_APP=shop');
    expect(readFileSync(join(workspaceDir, 'output.txt'), 'utf8')).toBe('written\n');
    expect(run.log('build').slice(0, 2)).toEqual(['+ cat input.txt', 'from the checkout']);
  });

  it('stops the running container within 2 s when the run is cancelled and leaves nothing behind', async () => {
    const { workspaceDir, artifactsDir } = newRun();
    const runId = `cancel-${process.pid}`;
    const spec = pipelineOf(
      'services:',
      '  web:',
      `    image: ${testImage}`,
      '    commands: [httpd -f -p 8080]',
      'steps:',
      '  slow:',
      `    image: ${testImage}`,
      '    commands: [echo sleeping, sleep 30]',
      '  next:',
      `    image: ${testImage}`,
      '    commands: [echo next]',
    );
    const controller = new AbortController();
    let abortedAt = 0;
    let stepStoppedAt = 0;
    const run = await recordRun(
      { spec, workspaceDir, artifactsDir, runId },
      {
        docker,
        instance,
        onEvent: (e) => {
          if (e.type === 'step-log' && e.text === 'sleeping') {
            abortedAt = Date.now();
            controller.abort();
          }
          if (e.type === 'step-finished' && e.step === 'slow') stepStoppedAt = Date.now();
        },
      },
      controller.signal,
    );
    const runMs = Date.now() - abortedAt;
    const stepMs = stepStoppedAt - abortedAt;
    expect(run.result.status).toBe('cancelled');
    expect(run.result.steps.map((s) => [s.step, s.status])).toEqual([
      ['slow', 'cancelled'],
      ['next', 'skipped'],
    ]);
    // The step's container is stopped and removed before `step-finished`; then the service and network go.
    expect(stepMs).toBeLessThan(2000);
    expect(runMs).toBeLessThan(5000);
    console.info(
      `cancel: step container stopped and removed ${stepMs} ms after abort; run resolved after ${runMs} ms`,
    );
    expect(await containersOf(docker, instance)).toEqual([]);
    expect(await docker.listNetworks({ filters: { name: [runNetworkName(runId)] } })).toEqual([]);
  });

  it('fails a step that runs longer than its timeout', async () => {
    const { workspaceDir, artifactsDir } = newRun();
    const spec = pipelineOf(
      'steps:',
      '  hang:',
      `    image: ${testImage}`,
      '    timeout: 1s',
      '    commands: [sleep 30]',
    );
    const started = Date.now();
    const run = await recordRun({ spec, workspaceDir, artifactsDir }, { docker, instance });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.result.status).toBe('failure');
    expect(run.finished('hang')).toMatchObject({
      status: 'failure',
      message: 'the step took longer than its timeout (1s)',
    });
    expect(await containersOf(docker, instance)).toEqual([]);
  });

  it('fails a step whose image is not on the host and cannot be pulled, saying so', async () => {
    const { workspaceDir, artifactsDir } = newRun();
    const spec = pipelineOf(
      'steps:',
      '  build:',
      '    image: 127.0.0.1:1/absent/image:0',
      '    commands: [echo unreachable]',
    );
    const run = await recordRun({ spec, workspaceDir, artifactsDir }, { docker, instance });
    expect(run.result.status).toBe('failure');
    expect(run.finished('build')?.message).toContain(
      'image "127.0.0.1:1/absent/image:0" is not in the Docker Engine and could not be pulled',
    );
    expect(existsSync(join(artifactsDir, 'build'))).toBe(false);
  });

  it('cleanupRun removes the containers and network a run left behind, and nothing of other runs', async () => {
    const leftover = (runId: string) => ({
      'dev.berth.instance': instance,
      'dev.berth.pipeline-run': runId,
    });
    await docker.createNetwork({
      Name: runNetworkName(`crashed-${process.pid}`),
      Labels: leftover(`crashed-${process.pid}`),
    });
    for (const runId of [`crashed-${process.pid}`, `other-${process.pid}`]) {
      const container = await docker.createContainer({
        name: stepContainerName(runId, 'test'),
        Image: testImage,
        Cmd: ['sleep', '30'],
        Labels: { ...leftover(runId), 'dev.berth.step': 'test' },
        HostConfig: { Init: true },
      });
      await container.start();
    }
    expect(await cleanupRun(docker, `crashed-${process.pid}`, { instance })).toEqual({
      containers: 1,
      networks: 1,
    });
    const left = await containersOf(docker, instance);
    expect(left.map((c) => c.Labels['dev.berth.pipeline-run'])).toEqual([`other-${process.pid}`]);
    expect(
      await docker.listNetworks({ filters: { name: [runNetworkName(`crashed-${process.pid}`)] } }),
    ).toEqual([]);
  });
});
