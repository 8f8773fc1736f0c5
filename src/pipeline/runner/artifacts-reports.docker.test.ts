import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { builtinsOf, pipelineOf, recordRun, removeAllOf, tempRun, testImage } from './testing/run-fixture.js';

// Real Docker Engine and the locally built busybox image (test/support/global-setup.ts).
const docker = new Docker();
const instance = `berth-test-runner-artifacts-${process.pid}`;
const runs: { remove: () => void }[] = [];
const newRun = () => {
  const run = tempRun();
  runs.push(run);
  return run;
};
afterEach(async () => {
  await removeAllOf(docker, instance);
});
afterAll(() => runs.forEach((run) => run.remove()));

const junit = (failures: number): string =>
  [
    '<testsuite name="unit" tests="2">',
    '  <testcase classname="src/add.test.ts" name="adds"/>',
    failures > 0
      ? '  <testcase classname="src/sub.test.ts" name="subtracts" line="7"><failure message="expected 1 to be 2"/></testcase>'
      : '  <testcase classname="src/sub.test.ts" name="subtracts"/>',
    '</testsuite>',
  ].join('');

describe('artifacts, reports and built-in steps on the Docker Engine', () => {
  it('copies the artifact files a step wrote, but no link to a file outside the workspace', async () => {
    const { workspaceDir, artifactsDir } = newRun();
    const spec = pipelineOf(
      'steps:',
      '  build:',
      `    image: ${testImage}`,
      '    artifacts: [dist, "*.log"]',
      '    commands:',
      '      - mkdir -p dist/js',
      '      - echo "bundle" > dist/js/app.js',
      '      - echo "build ok" > build.log',
      '      - ln -s /etc/passwd dist/passwd',
      '      - ln -s / dist/root',
    );
    const { result, finished } = await recordRun({ spec, workspaceDir, artifactsDir }, { docker, instance });
    expect(result.status).toBe('success');
    expect(finished('build')?.artifacts).toEqual(['build.log', 'dist/js/app.js']);
    expect(readFileSync(join(artifactsDir, 'build/dist/js/app.js'), 'utf8')).toBe('bundle\n');
    expect(readFileSync(join(artifactsDir, 'build/build.log'), 'utf8')).toBe('build ok\n');
    expect(readdirSync(join(artifactsDir, 'build/dist'))).toEqual(['js']);
  });

  it('fails the step when its JUnit report has a failed test and fail_on is failure', async () => {
    const { workspaceDir, artifactsDir } = newRun();
    const spec = pipelineOf(
      'steps:',
      '  test:',
      `    image: ${testImage}`,
      '    reports:',
      '      - junit: reports/*.xml',
      '        fail_on: failure',
      '    commands:',
      '      - mkdir -p reports',
      `      - echo '${junit(1)}' > reports/junit.xml`,
      '  deploy:',
      `    image: ${testImage}`,
      '    commands: [echo deploying]',
    );
    const { result, finished, log } = await recordRun(
      { spec, workspaceDir, artifactsDir },
      { docker, instance },
    );
    expect(result.status).toBe('failure');
    const test = finished('test');
    expect(test).toMatchObject({ status: 'failure', exitCode: 0 });
    expect(test?.reports).toEqual([
      expect.objectContaining({
        kind: 'junit',
        total: 2,
        passed: 1,
        failed: 1,
        findings: [
          expect.objectContaining({ message: 'expected 1 to be 2', file: 'src/sub.test.ts', line: 7 }),
        ],
      }),
    ]);
    expect(log('test')).toContain('report gate: 1 of 2 tests failed in "reports/*.xml" (fail_on: failure)');
    expect(finished('deploy')?.status).toBe('skipped');
  });

  it('passes built-in step outputs to later steps as BERTH_OUTPUT_<STEP>_<KEY> and in the result', async () => {
    const { workspaceDir, artifactsDir } = newRun();
    const spec = pipelineOf(
      'steps:',
      '  image:',
      '    kind: build',
      '    tags: [registry.example.com/shop/web:abc1234]',
      '  show:',
      `    image: ${testImage}`,
      '    commands: [echo "digest=$BERTH_OUTPUT_IMAGE_IMAGE_DIGEST"]',
    );
    const builtins = builtinsOf({
      build: (step, ctx) => {
        ctx.log(
          `building ${step.tags.join(', ')} from ${ctx.workspaceDir === workspaceDir ? 'the workspace' : '?'}`,
        );
        return Promise.resolve({ status: 'success', outputs: { image_digest: 'sha256:0123abcd' } });
      },
    });
    const { result, log } = await recordRun(
      { spec, workspaceDir, artifactsDir },
      { docker, instance, builtins },
    );
    expect(result.status).toBe('success');
    expect(log('image')).toEqual(['building registry.example.com/shop/web:abc1234 from the workspace']);
    expect(log('show')).toContain('digest=sha256:0123abcd');
    expect(result.outputs).toEqual({ image: { image_digest: 'sha256:0123abcd' } });
    expect(existsSync(join(artifactsDir, 'show'))).toBe(false);
  });
});
