import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { admit } from './admission.js';
import { composeSpec } from './preemption-test-kit.js';

const GiB = 1024 ** 3;
const host = { cpus: 2, memoryBytes: 4 * GiB };

/** An app of one service with `replicas` × `cpus` reserved, at a priority (none: the default 0). */
const app = (name: string, replicas: number, cpus: number, priority?: number, policy?: string) =>
  composeSpec(
    name,
    `  web:
    image: nginx
    deploy: { replicas: ${replicas}, resources: { reservations: { cpus: "${cpus}" } } }
${priority === undefined ? '' : `    x-berth: { priority: ${priority}${policy ? `, preemptionPolicy: ${policy}` : ''} }\n`}`,
  );

const refusal = (fn: () => void): BerthError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('admit()', () => {
  it('admits what fits next to the other apps', () => {
    expect(() => admit(app('a', 2, 0.5), host, [app('b', 1, 1)])).not.toThrow();
  });

  it('refuses what does not fit without priorities, with the numbers', () => {
    const error = refusal(() => admit(app('a', 2, 0.75), host, [app('b', 1, 1)]));
    expect(error.code).toBe('BERTH_ADMISSION_RESOURCES');
    expect(error.message).toBe(
      'app "a" does not fit on this host: CPU: reservations total 1.5 CPU but the host has 1 CPU free (2 CPU total, 1 CPU reserved by other apps)',
    );
  });

  it("does not count the app's own previous release", () => {
    expect(() => admit(app('a', 2, 1), host, [app('a', 2, 1)])).not.toThrow();
  });

  it('admits a higher priority over lower-priority apps that fill the host (they can be preempted)', () => {
    expect(() => admit(app('high', 2, 0.5, 1000), host, [app('low', 4, 0.5)])).not.toThrow();
  });

  it('admits a preemptionPolicy Never app that will wait for room', () => {
    expect(() => admit(app('high', 1, 1, 1000, 'Never'), host, [app('low', 4, 0.5)])).not.toThrow();
  });

  it('refuses a higher priority when apps of the same or a higher priority leave no room', () => {
    const error = refusal(() =>
      admit(app('high', 2, 1, 1000), host, [app('peer', 1, 1, 1000), app('low', 2, 0.5)]),
    );
    expect(error.message).toBe(
      'app "high" does not fit on this host even after preempting lower-priority replicas: CPU: reservations at priority ≥ 1000 total 2 CPU but the host has 1 CPU free (2 CPU total, 1 CPU reserved by other apps at priority ≥ 1000)',
    );
    expect(error.hint).toContain('x-berth.priority');
  });

  it('refuses a lower priority that only fits by taking the room of a higher one', () => {
    const error = refusal(() => admit(app('low', 2, 1), host, [app('high', 1, 1, 1000)]));
    expect(error.message).toContain('CPU: reservations total 2 CPU but the host has 1 CPU free');
  });

  it('checks every priority of an app with several', () => {
    const mixed = composeSpec(
      'mixed',
      `  api:
    image: nginx
    deploy: { resources: { reservations: { cpus: "1.5" } } }
    x-berth: { priority: 10 }
  batch:
    image: nginx
    deploy: { resources: { reservations: { cpus: "1" } } }
`,
    );
    expect(() => admit(mixed, host, [])).toThrow(/reservations total 2.5 CPU but the host has 2 CPU free/);
    expect(() => admit(mixed, host, [app('peer', 1, 1, 10)])).toThrow(
      /at priority ≥ 10 total 1.5 CPU but the host has 1 CPU free/,
    );
  });
});
