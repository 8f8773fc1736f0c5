import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { loadCompose, type ServiceSpec } from './index.js';

const load = (xBerth: string): ServiceSpec => {
  const content = `services:\n  web:\n    image: nginx\n    x-berth:\n${xBerth.replace(/^/gm, '      ')}\n`;
  const web = loadCompose({
    file: { path: '/p/compose.yaml', content },
    projectDir: '/p',
    environment: { PRIO: '500' },
    readFile: () => undefined,
  }).spec.services['web'];
  if (!web) throw new Error('no web');
  return web;
};

const failure = (xBerth: string): BerthError => {
  try {
    load(xBerth);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected an error');
};

describe('x-berth.priority and x-berth.preemptionPolicy', () => {
  it('leaves the priority out when neither key is given (priority 0 for scheduling)', () => {
    expect(load('readiness: { tcp: { port: 80 } }').priority).toBeUndefined();
  });

  it.each([
    ['priority: 1000', { value: 1000, preemptionPolicy: 'PreemptLowerPriority' }],
    ['priority: -5', { value: -5, preemptionPolicy: 'PreemptLowerPriority' }],
    ['priority: "${PRIO}"', { value: 500, preemptionPolicy: 'PreemptLowerPriority' }],
    ['priority: 1000000000\npreemptionPolicy: Never', { value: 1e9, preemptionPolicy: 'Never' }],
    ['preemptionPolicy: Never', { value: 0, preemptionPolicy: 'Never' }],
  ])('reads %j', (xBerth, expected) => {
    expect(load(xBerth).priority).toEqual(expected);
  });

  it.each([
    ['priority: 1000000001', '"1000000001" is not an integer from -2147483648 to 1000000000', 5, 17],
    ['priority: 1.5', '"1.5" is not an integer', 5, 17],
    ['priority: high', '"high" is not an integer', 5, 17],
    ['priority: 10\npreemptionPolicy: never', '"never" is not one of "PreemptLowerPriority", "Never"', 6, 25],
  ])('refuses %j with the value and its position', (xBerth, message, line, column) => {
    const error = failure(xBerth);
    expect(error.code).toBe('BERTH_COMPOSE_INVALID');
    expect(error.message).toContain(message);
    expect(error.position).toMatchObject({ file: '/p/compose.yaml', line, column });
  });

  it('refuses a misspelt key next to them', () => {
    const error = failure('priorty: 10');
    expect(error.code).toBe('BERTH_COMPOSE_UNSUPPORTED_KEY');
    expect(error.hint).toContain('priority, preemptionPolicy');
  });
});
