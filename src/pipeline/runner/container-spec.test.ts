import { describe, expect, it } from 'vitest';
import {
  buildContainerSpec,
  containerCommand,
  resourceLimits,
  type ContainerSpecInput,
} from './container-spec.js';
import { buildStepScript } from './step-script.js';

const gib = 1024 ** 3;
const base: ContainerSpecInput = {
  name: 'berth-run-42-test',
  image: 'node:20',
  commands: ['npm ci'],
  env: ['BERTH_RUN=42'],
  labels: { 'dev.berth.instance': 'i1', 'dev.berth.pipeline-run': '42', 'dev.berth.step': 'test' },
  resources: { cpus: 2, memoryBytes: 4 * gib },
  defaults: { cpus: 1, memoryBytes: 2 * gib },
  pidsLimit: 4096,
  stopGraceSeconds: 1,
  network: 'berth-run-42',
  workspaceDir: '/srv/berth/ws:42',
};

describe('resourceLimits', () => {
  it.each([
    ['the step asks', { cpus: 2, memoryBytes: 4 * gib }, undefined, [2e9, 4 * gib]],
    ['the defaults without resources', undefined, undefined, [1e9, 2 * gib]],
    [
      'fractions of a CPU',
      { cpus: 0.25, memoryBytes: 64 * 1024 ** 2 },
      undefined,
      [250_000_000, 64 * 1024 ** 2],
    ],
    [
      'at most the ceiling',
      { cpus: 8, memoryBytes: 32 * gib },
      { cpus: 2, memoryBytes: 3 * gib },
      [2e9, 3 * gib],
    ],
  ])('gives %s', (_case, resources, max, [nanoCpus, memory]) => {
    expect(resourceLimits(resources, { cpus: 1, memoryBytes: 2 * gib }, max)).toEqual({
      NanoCpus: nanoCpus,
      Memory: memory,
      MemorySwap: memory,
    });
  });
});

describe('containerCommand', () => {
  it.each([
    [
      'commands run by /bin/sh -c',
      undefined,
      ['make'],
      { Entrypoint: ['/bin/sh', '-c'], Cmd: [buildStepScript(['make'])] },
    ],
    [
      'an entrypoint given the script',
      ['/bin/bash', '-c'],
      ['make'],
      { Entrypoint: ['/bin/bash', '-c'], Cmd: [buildStepScript(['make'])] },
    ],
    [
      'an entrypoint alone',
      ['/usr/bin/tool', '--check'],
      [],
      { Entrypoint: ['/usr/bin/tool', '--check'], Cmd: [] },
    ],
    ["the image's own command", undefined, [], {}],
  ])('runs %s', (_case, entrypoint, commands, expected) => {
    expect(containerCommand(entrypoint, commands)).toEqual(expected);
  });
});

describe('buildContainerSpec', () => {
  it('mounts the workspace as the working folder and the caches as volumes', () => {
    const spec = buildContainerSpec({
      ...base,
      caches: [{ volume: 'berth-cache-shop-npm-1', path: '/root/.npm' }],
    });
    expect(spec.WorkingDir).toBe('/workspace');
    expect(spec.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/srv/berth/ws:42', Target: '/workspace' },
      { Type: 'volume', Source: 'berth-cache-shop-npm-1', Target: '/root/.npm' },
    ]);
  });

  it('runs with least privilege, limits and no log driver, and carries only the run labels', () => {
    const spec = buildContainerSpec(base);
    expect(spec.HostConfig).toMatchObject({
      NanoCpus: 2e9,
      Memory: 4 * gib,
      MemorySwap: 4 * gib,
      PidsLimit: 4096,
      Init: true,
      Privileged: false,
      SecurityOpt: ['no-new-privileges'],
      NetworkMode: 'berth-run-42',
      LogConfig: { Type: 'none', Config: {} },
    });
    expect(spec.HostConfig?.CapDrop).toEqual(expect.arrayContaining(['NET_RAW', 'MKNOD']));
    expect(spec.HostConfig?.CapDrop).not.toContain('CHOWN');
    expect(Object.keys(spec.Labels ?? {}).sort()).toEqual([
      'dev.berth.instance',
      'dev.berth.pipeline-run',
      'dev.berth.step',
    ]);
  });

  it('gives a service its name as network alias and no workspace', () => {
    const { workspaceDir: _unused, ...service } = base;
    const spec = buildContainerSpec({ ...service, name: 'berth-run-42-svc-db', aliases: ['db'] });
    expect(spec.NetworkingConfig).toEqual({ EndpointsConfig: { 'berth-run-42': { Aliases: ['db'] } } });
    expect(spec.WorkingDir).toBeUndefined();
    expect(spec.HostConfig?.Mounts).toBeUndefined();
  });
});
