import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { loadCompose, type ServiceSpec } from './index.js';

const load = (service: string): ServiceSpec => {
  const content = `services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n${service.replace(/^/gm, '    ')}\n`;
  const web = loadCompose({
    file: { path: '/p/compose.yaml', content },
    projectDir: '/p',
    environment: {},
    readFile: () => undefined,
  }).spec.services['web'];
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

describe('x-berth.rollout.verify relative limits', () => {
  it('reads maxErrorRateIncrease and maxP99Ratio next to the absolute limits', () => {
    const verify = load(
      'x-berth:\n  ingress: {}\n  rollout:\n    verify: { window: 30s, maxErrorRateIncrease: 2, maxP99Ratio: 1.5, maxErrorRate: 10 }',
    ).rollout.verify;
    expect(verify).toEqual({
      windowMs: 30_000,
      intervalMs: 10_000,
      maxErrorRate: 10,
      maxErrorRateIncrease: 2,
      maxP99Ratio: 1.5,
      failureLimit: 1,
      minRequests: 10,
    });
  });

  it('accepts a relative limit alone', () => {
    expect(load('x-berth:\n  rollout: { verify: { maxP99Ratio: 2 } }').rollout.verify?.maxP99Ratio).toBe(2);
  });

  it.each([
    ['verify: { window: 1m }', 'verify needs maxErrorRate, maxP99, maxErrorRateIncrease or maxP99Ratio'],
    ['verify: { maxP99Ratio: 0.5 }', '"0.5" is not a number >= 1'],
    ['verify: { maxErrorRateIncrease: 150 }', 'from 0 to 100'],
  ])('refuses %s', (yaml, message) => {
    const error = failure(`x-berth:\n  rollout: { ${yaml} }`);
    expect(error.code).toBe('BERTH_COMPOSE_INVALID');
    expect(error.message).toContain(message);
  });
});

describe('deploy.update_config failure policy', () => {
  it('defaults to rolling back on the first failure within 5 s of becoming ready', () => {
    expect(load('deploy: { replicas: 1 }').updateConfig).toMatchObject({
      failureAction: 'rollback',
      monitorMs: 5000,
      maxFailureRatio: 0,
    });
  });

  it('reads failure_action, monitor and max_failure_ratio', () => {
    expect(
      load('deploy:\n  update_config: { failure_action: pause, monitor: 3s, max_failure_ratio: 0.25 }')
        .updateConfig,
    ).toMatchObject({ failureAction: 'pause', monitorMs: 3000, maxFailureRatio: 0.25 });
  });

  it('refuses an unknown failure_action and a ratio above 1', () => {
    expect(failure('deploy:\n  update_config: { failure_action: retry }').message).toContain(
      'one of "continue", "rollback", "pause"',
    );
    expect(failure('deploy:\n  update_config: { max_failure_ratio: 2 }').code).toBe('BERTH_COMPOSE_INVALID');
  });
});
