import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheVolumeName } from './run-object-names.js';
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
const instance = `berth-test-runner-cache-${process.pid}`;
const run = tempRun();
beforeEach(async () => {
  await removeAllOf(docker, instance);
});
afterAll(async () => {
  await removeAllOf(docker, instance);
  run.remove();
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('services and caches on the Docker Engine', () => {
  it('starts services before the steps, reachable by name, and removes them afterwards', async () => {
    const spec = pipelineOf(
      'services:',
      '  web:',
      `    image: ${testImage}`,
      '    commands: [httpd -f -p 8080 -h /www]',
      'steps:',
      '  fetch:',
      `    image: ${testImage}`,
      '    commands:',
      '      - for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://web:8080/ && exit 0; sleep 0.2; done; exit 1',
    );
    const { result, log } = await recordRun(
      { spec, workspaceDir: run.workspaceDir, artifactsDir: run.artifactsDir },
      { docker, instance },
    );
    expect(result.status).toBe('success');
    expect(log('fetch')).toContain('ok');
    expect(await containersOf(docker, instance)).toEqual([]);
  });

  it('mounts the same cache volume while the lockfile is the same, and a new one when it changes', async () => {
    const spec = pipelineOf(
      'steps:',
      '  install:',
      `    image: ${testImage}`,
      '    cache:',
      "      - key: npm-{{ hashFiles('package-lock.json') }}",
      '        path: /cache',
      '    commands:',
      '      - cat /cache/marker 2>/dev/null || echo empty',
      '      - echo "$BERTH_RUN" > /cache/marker',
    );
    const lockfile = (text: string): string => {
      writeFileSync(join(run.workspaceDir, 'package-lock.json'), text);
      return `npm-${sha256(`package-lock.json\0${sha256(text)}\n`)}`;
    };
    const runOnce = async (number: string) => {
      const recorded = await recordRun(
        {
          spec,
          workspaceDir: run.workspaceDir,
          artifactsDir: run.artifactsDir,
          variables: { BERTH_RUN: number },
        },
        { docker, instance },
      );
      expect(recorded.result.status).toBe('success');
      return recorded.log('install').filter((line) => !line.startsWith('+ '));
    };
    const firstKey = lockfile('{"lockfileVersion": 3}\n');
    expect(await runOnce('1')).toEqual([
      `cache /cache: volume ${cacheVolumeName('shop', firstKey)}`,
      'empty',
    ]);
    expect(await runOnce('2')).toEqual([`cache /cache: volume ${cacheVolumeName('shop', firstKey)}`, '1']);
    const secondKey = lockfile('{"lockfileVersion": 3, "packages": {}}\n');
    expect(await runOnce('3')).toEqual([
      `cache /cache: volume ${cacheVolumeName('shop', secondKey)}`,
      'empty',
    ]);
    const volume = await docker.getVolume(cacheVolumeName('shop', firstKey)).inspect();
    expect(volume.Labels).toEqual({ 'dev.berth.instance': instance, 'dev.berth.pipeline-cache': 'shop' });
  });
});
