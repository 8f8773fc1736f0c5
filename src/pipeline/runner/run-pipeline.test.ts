import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import type { BuiltinContext } from './runner-types.js';
import { builtinsOf, pipelineOf, recordRun, tempRun } from './testing/run-fixture.js';

// Pipelines of built-in steps only: the runner needs no Docker Engine for them.
const noEngine = new Proxy({} as Docker, {
  get: (_target, key) => {
    throw new Error(`the engine was used (${String(key)})`);
  },
});
const instance = 'berth-test-unit';
const run = tempRun();
afterAll(() => run.remove());
const dirs = { workspaceDir: run.workspaceDir, artifactsDir: run.artifactsDir };
const secret = 'hunter2-hunter2-hunter2';

const buildAndPush = pipelineOf(
  'steps:',
  '  image:',
  '    kind: build',
  '    tags: [registry.example.com/shop/web:abc1234]',
  '  push:',
  '    kind: push',
  '    image: registry.example.com/shop/web:abc1234',
);

describe('runPipeline with built-in steps', () => {
  it('runs built-in steps in order, giving each the outputs of the steps before it', async () => {
    let pushSaw: BuiltinContext['outputs'] | undefined;
    const builtins = builtinsOf({
      build: (_step, ctx) => {
        ctx.log('built');
        return Promise.resolve({ status: 'success', outputs: { image_digest: 'sha256:ab12' } });
      },
      push: (_step, ctx) => {
        pushSaw = ctx.outputs;
        return Promise.resolve({ status: 'success' });
      },
    });
    const { result, events } = await recordRun(
      { spec: buildAndPush, runId: 'r1', ...dirs },
      { docker: noEngine, instance, builtins },
    );
    expect(result).toMatchObject({
      runId: 'r1',
      status: 'success',
      outputs: { image: { image_digest: 'sha256:ab12' } },
    });
    expect(pushSaw).toEqual({ image: { image_digest: 'sha256:ab12' } });
    expect(events.map((e) => `${e.type} ${'step' in e ? e.step : ''}`.trim())).toEqual([
      'step-started image',
      'step-log image',
      'step-finished image',
      'step-started push',
      'step-finished push',
      'run-finished',
    ]);
    expect(events.at(-1)).toEqual({ type: 'run-finished', ...result });
  });

  it('masks secrets in what a handler logs and in its failure message', async () => {
    const builtins = builtinsOf({
      build: (_step, ctx) => {
        ctx.log(`logging in with ${ctx.secret('registry_password') ?? 'nothing'}`);
        return Promise.resolve({ status: 'failure', message: `registry refused ${secret}` });
      },
    });
    const { result, log, finished } = await recordRun(
      { spec: buildAndPush, ...dirs, secrets: new Map([['registry_password', secret]]) },
      { docker: noEngine, instance, builtins },
    );
    expect(result.status).toBe('failure');
    expect(log('image')).toEqual(['logging in with ***', 'registry refused ***']);
    expect(finished('image')?.message).toBe('registry refused ***');
    expect(finished('push')?.status).toBe('skipped');
  });

  it('fails a step whose handler throws, with the error message', async () => {
    const builtins = builtinsOf({ build: () => Promise.reject(new Error(`daemon said ${secret}`)) });
    const { finished } = await recordRun(
      { spec: buildAndPush, ...dirs, secrets: new Map([['x', secret]]) },
      { docker: noEngine, instance, builtins },
    );
    expect(finished('image')).toMatchObject({
      status: 'failure',
      message: 'the build step failed: daemon said ***',
    });
  });

  it('skips a step whose `when` does not hold and still runs the steps after it', async () => {
    const spec = pipelineOf(
      'steps:',
      '  image:',
      '    kind: build',
      '    tags: [web:1]',
      '    when: { branch: release/* }',
      '  push:',
      '    kind: push',
      '    image: web:1',
    );
    const builtins = builtinsOf({ push: () => Promise.resolve({ status: 'success' }) });
    const { result, finished } = await recordRun({ spec, ...dirs }, { docker: noEngine, instance, builtins });
    expect(result.status).toBe('success');
    expect(finished('image')).toMatchObject({
      status: 'skipped',
      message: 'its `when` conditions do not hold',
    });
    expect(finished('push')?.status).toBe('success');
  });

  it('stops waiting for an approval when the run is cancelled and tells the handler', async () => {
    const spec = pipelineOf('steps:', '  approve:', '    kind: approval', '  deploy:', '    kind: deploy');
    const controller = new AbortController();
    let handlerSignal: AbortSignal | undefined;
    const builtins = builtinsOf({
      approval: (_step, ctx) => {
        handlerSignal = ctx.signal;
        setTimeout(() => controller.abort(), 10);
        return new Promise(() => undefined); // never answered
      },
    });
    const { result } = await recordRun(
      { spec, ...dirs },
      { docker: noEngine, instance, builtins },
      controller.signal,
    );
    expect(result.status).toBe('cancelled');
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['approve', 'cancelled'],
      ['deploy', 'skipped'],
    ]);
    expect(handlerSignal?.aborted).toBe(true);
  });

  it('fails a step that takes longer than its timeout', async () => {
    const spec = pipelineOf('steps:', '  approve:', '    kind: approval', '    timeout: 30ms');
    const builtins = builtinsOf({ approval: () => new Promise(() => undefined) });
    const { result, finished } = await recordRun({ spec, ...dirs }, { docker: noEngine, instance, builtins });
    expect(result.status).toBe('failure');
    expect(finished('approve')?.message).toBe('the step took longer than its timeout (30ms)');
  });

  it('skips every step of a run cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await recordRun(
      { spec: buildAndPush, ...dirs },
      { docker: noEngine, instance, builtins: builtinsOf() },
      controller.signal,
    );
    expect(result.status).toBe('cancelled');
    expect(result.steps.map((s) => s.status)).toEqual(['skipped', 'skipped']);
  });

  it('finishes the run even when the event listener throws', async () => {
    const builtins = builtinsOf({
      build: () => Promise.resolve({ status: 'success' }),
      push: () => Promise.resolve({ status: 'success' }),
    });
    const { result } = await recordRun(
      { spec: buildAndPush, ...dirs },
      {
        docker: noEngine,
        instance,
        builtins,
        onEvent: () => {
          throw new Error('listener bug');
        },
      },
    );
    expect(result.status).toBe('success');
  });

  it('refuses a secret too short to mask before anything runs', async () => {
    const error = await recordRun(
      { spec: buildAndPush, ...dirs, secrets: new Map([['pin', '1234']]) },
      { docker: noEngine, instance },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('BERTH_SECRET_UNMASKABLE');
  });

  it('fails the run and skips its steps when the engine cannot be reached', async () => {
    const spec = pipelineOf('steps:', '  test:', '    image: node:20', '    commands: [npm test]');
    const docker = new Docker({ socketPath: `${run.root}/no-docker.sock` });
    const { result, finished } = await recordRun({ spec, ...dirs }, { docker, instance });
    expect(result.status).toBe('failure');
    expect(result.message).toMatch(
      /^the run could not start its steps: .*cannot reach the Docker Engine \(ENOENT\)/,
    );
    expect(finished('test')?.status).toBe('skipped');
  });

  it('judges the top-level reports after the last step and fails the run on their gate', async () => {
    const spec = pipelineOf(
      'reports:',
      '  - junit: reports/*.xml',
      '    fail_on: failure',
      'steps:',
      '  image:',
      '    kind: build',
      '    tags: [web:1]',
    );
    const withReport = tempRun({
      'reports/unit.xml': '<testsuite><testcase name="a"><failure message="no"/></testcase></testsuite>',
    });
    try {
      const builtins = builtinsOf({ build: () => Promise.resolve({ status: 'success' }) });
      const { result } = await recordRun(
        { spec, workspaceDir: withReport.workspaceDir, artifactsDir: withReport.artifactsDir },
        { docker: noEngine, instance, builtins },
      );
      expect(result.status).toBe('failure');
      expect(result.steps.map((s) => s.status)).toEqual(['success']);
      expect(result.reports).toEqual([expect.objectContaining({ kind: 'junit', total: 1, failed: 1 })]);
      expect(result.message).toBe('report gate: 1 of 1 tests failed in "reports/*.xml" (fail_on: failure)');
    } finally {
      withReport.remove();
    }
  });
});
