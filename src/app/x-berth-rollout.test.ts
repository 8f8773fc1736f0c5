import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { loadCompose, type ServiceSpec } from './index.js';

const load = (service: string): ServiceSpec => {
  const content = `services:\n  web:\n    image: nginx\n${service.replace(/^/gm, '    ')}\n`;
  const spec = loadCompose({
    file: { path: '/p/compose.yaml', content },
    projectDir: '/p',
    environment: {},
    readFile: () => undefined,
  }).spec;
  const web = spec.services['web'];
  if (!web) throw new Error('no web');
  return web;
};

const failure = (service: string): BerthError => {
  try {
    load(service);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected an error');
};

describe('x-berth ingress and rollout', () => {
  it('turns ingress on with defaults for `ingress: {}` and `ingress: true`', () => {
    expect(load('ports: ["8080:80"]\nx-berth:\n  ingress: {}').ingress).toEqual({ hosts: [], drainMs: 2000 });
    expect(load('ports: ["8080:80"]\nx-berth:\n  ingress: true').ingress).toEqual({
      hosts: [],
      drainMs: 2000,
    });
  });

  it('reads hosts and the drain time', () => {
    expect(
      load(
        'ports: ["8080:80"]\nx-berth:\n  ingress: { host: [shop.example.com, "*.shop.test"], drain: 500ms }',
      ).ingress,
    ).toEqual({
      hosts: ['shop.example.com', '*.shop.test'],
      drainMs: 500,
    });
  });

  it('refuses a malformed host name with its position', () => {
    const error = failure('x-berth:\n  ingress: { host: "Shop Example" }');
    expect(error.code).toBe('BERTH_COMPOSE_INVALID');
    expect(error.message).toContain('"Shop Example" is not a host name');
  });

  it('allows a fixed host port for several replicas only behind the ingress', () => {
    expect(failure('ports: ["8080:80"]\ndeploy: { replicas: 3 }').hint).toContain('x-berth: { ingress: {} }');
    expect(load('ports: ["8080:80"]\ndeploy: { replicas: 3 }\nx-berth: { ingress: {} }').replicas).toBe(3);
  });

  it('defaults the rollout to a 10 minute progress deadline with automatic rollback', () => {
    expect(load('deploy: { replicas: 1 }').rollout).toEqual({
      progressDeadlineMs: 600_000,
      autoRollback: true,
    });
    expect(load('x-berth:\n  rollout: { progressDeadline: 30s, autoRollback: false }').rollout).toEqual({
      progressDeadlineMs: 30_000,
      autoRollback: false,
    });
  });

  it('refuses unknown rollout keys', () => {
    expect(failure('x-berth:\n  rollout: { canary: true }').code).toBe('BERTH_COMPOSE_UNSUPPORTED_KEY');
  });
});

describe('x-berth.autoscale', () => {
  it('reads targets with the Kubernetes HPA defaults', () => {
    expect(load('x-berth:\n  autoscale: { min: 2, max: 10, cpu: 70 }').autoscale).toEqual({
      min: 2,
      max: 10,
      cpuPercent: 70,
      syncPeriodMs: 15_000,
      scaleDownStabilizationMs: 300_000,
      tolerance: 0.1,
    });
    expect(
      load('x-berth:\n  autoscale: { max: 4, rps: 50, scaleDownStabilization: 30s, syncPeriod: 2s }')
        .autoscale,
    ).toMatchObject({
      min: 1,
      rpsPerReplica: 50,
      scaleDownStabilizationMs: 30_000,
      syncPeriodMs: 2000,
    });
  });

  it.each([
    ['autoscale: { min: 3, max: 2, cpu: 50 }', 'max 2 is below min 3'],
    ['autoscale: { min: 1, cpu: 50 }', 'autoscale needs "max"'],
    ['autoscale: { max: 3 }', 'needs at least one target'],
  ])('refuses %s', (yaml, message) => {
    expect(failure(`x-berth:\n  ${yaml}`).message).toContain(message);
  });
});

describe('x-berth.ingress edge cases', () => {
  it('treats `ingress: false` as no ingress', () => {
    expect(load('x-berth:\n  ingress: false').ingress).toBeUndefined();
  });

  it('refuses an ingress without a published TCP port', () => {
    expect(failure('x-berth:\n  ingress: {}').message).toContain(
      'x-berth.ingress needs a published TCP port',
    );
  });
});

describe('cpuset', () => {
  it('pins replicas to CPUs', () => {
    expect(load('cpuset: "0-1"').cpuset).toBe('0-1');
    expect(load('cpuset: "0,2"').cpuset).toBe('0,2');
  });

  it('refuses something that is not a CPU list', () => {
    expect(failure('cpuset: "all"').message).toContain('cpuset "all" is not a CPU list');
  });
});

describe('x-berth.rollout.strategy: canary', () => {
  const canary = (rollout: string, ingress = '\n  ingress: {}') =>
    `ports: ["8080:80"]\ndeploy: { replicas: 3 }\nx-berth:${ingress}\n  rollout: ${rollout}`;

  it('reads the steps (weight and pause) of a canary', () => {
    const spec = load(
      canary('{ strategy: canary, steps: [{ weight: 10, pause: 30s }, { weight: 50, pause: 1m }] }'),
    );
    expect(spec.rollout.canary).toEqual({
      steps: [
        { weight: 10, pauseMs: 30_000 },
        { weight: 50, pauseMs: 60_000 },
      ],
    });
  });

  it('is a rolling update without strategy or with strategy: rolling', () => {
    expect(load(canary('{ strategy: rolling }')).rollout.canary).toBeUndefined();
    expect(load(canary('{ progressDeadline: 1m }')).rollout.canary).toBeUndefined();
  });

  // The rollout value starts at line 8, column 16 of the file `load` builds.
  it.each([
    [
      '{ strategy: canery, steps: [] }',
      '"canery" is not a rollout strategy; did you mean "canary"?',
      'canery',
    ],
    ['{ strategy: canary }', 'strategy canary needs steps', 'canary'],
    ['{ steps: [{ weight: 10, pause: 1s }] }', 'steps are only used with strategy: canary', '[{'],
    ['{ strategy: canary, steps: [] }', 'steps is empty', '[]'],
    ['{ strategy: canary, steps: [{ weight: 10 }] }', 'a canary step needs "pause"', '{ weight'],
    ['{ strategy: canary, steps: [{ weight: 0, pause: 1s }] }', '"0" is not an integer from 1 to 100', '0,'],
    [
      '{ strategy: canary, steps: [{ weight: 10, pause: 500ms }] }',
      '"500ms" is shorter than 1000ms',
      '500ms',
    ],
    [
      '{ strategy: canary, steps: [{ weight: 50, pause: 1s }, { weight: 20, pause: 1s }] }',
      "weight 20 is not above the previous step's 50",
      '20',
    ],
  ])('refuses %s with the position of the problem', (rollout, message, at) => {
    const error = failure(canary(rollout));
    expect(error.code).toBe('BERTH_COMPOSE_INVALID');
    expect(error.message).toContain(message);
    expect(error.position).toMatchObject({ line: 8, column: 16 + rollout.indexOf(at) });
  });

  it('suggests the right key for a typo or an Argo Rollouts step name', () => {
    const typo = failure(canary('{ strategy: canary, steps: [{ wieght: 10, pause: 1s }] }'));
    expect(typo.code).toBe('BERTH_COMPOSE_UNSUPPORTED_KEY');
    expect(typo.message).toContain('key "wieght" is not supported by Berth; did you mean "weight"?');
    const argo = failure(canary('{ strategy: canary, steps: [{ setWeight: 10, pause: 1s }] }'));
    expect(argo.hint).toBe('Write weight: 10 (Argo Rollouts calls it setWeight).');
  });

  it('needs the ingress, which sets the weights', () => {
    const error = failure(
      canary('{ strategy: canary, steps: [{ weight: 10, pause: 1s }] }', '').replace(
        'deploy: { replicas: 3 }',
        'deploy: { replicas: 1 }',
      ),
    );
    expect(error.message).toContain(
      "services.web.x-berth.rollout.strategy: strategy canary needs x-berth.ingress: the traffic weights are set in Berth's proxy",
    );
    expect(error.hint).toContain('Add `ingress: {}` to x-berth');
  });
});
