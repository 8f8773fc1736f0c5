import { describe, expect, it } from 'vitest';
import {
  choosePreemptionVictims,
  type PreemptionPolicy,
  type PreemptionRequest,
  type RunningReplica,
} from './preemption-victims.js';

const MiB = 1024 ** 2;

interface Named extends RunningReplica {
  name: string;
}

/** `name:priority:cpus[:memoryMiB]`, started at `startedAt` (larger = newer). */
const replica = (spec: string, startedAt = 0): Named => {
  const [name = '', priority = '0', cpus = '0', memory = '0'] = spec.split(':');
  return {
    name,
    priority: Number(priority),
    request: { cpus: Number(cpus), memoryBytes: Number(memory) * MiB },
    startedAt,
  };
};

const request = (
  priority: number,
  cpus: number,
  memoryMiB = 0,
  preemptionPolicy: PreemptionPolicy = 'PreemptLowerPriority',
): PreemptionRequest => ({ priority, preemptionPolicy, request: { cpus, memoryBytes: memoryMiB * MiB } });

const capacity = (cpus: number, memoryMiB = 1024) => ({ cpus, memoryBytes: memoryMiB * MiB });

const victimsOf = (decision: ReturnType<typeof choosePreemptionVictims<Named>>): string[] | string =>
  decision.outcome === 'preempt'
    ? decision.victims.map((v) => v.name).sort()
    : decision.outcome === 'fits'
      ? 'fits'
      : 'unschedulable';

describe('choosePreemptionVictims()', () => {
  it.each([
    {
      what: 'fits in free room without evicting anyone',
      req: request(100, 1),
      cap: capacity(4),
      running: [replica('a:0:2')],
      expected: 'fits',
    },
    {
      what: 'evicts the lowest priority first',
      req: request(100, 1),
      cap: capacity(2),
      running: [replica('mid:50:1', 1), replica('low:0:1', 1)],
      expected: ['low'],
    },
    {
      what: 'prefers more victims of a lower priority over one of a higher priority',
      req: request(100, 2),
      cap: capacity(4),
      running: [replica('mid:50:2'), replica('low1:0:1'), replica('low2:0:1')],
      expected: ['low1', 'low2'],
    },
    {
      what: 'reaches into the next priority only for what the lowest cannot free',
      req: request(100, 3),
      cap: capacity(4),
      running: [replica('mid:50:2'), replica('low1:0:1', 1), replica('low2:0:1', 2)],
      expected: ['low2', 'mid'],
    },
    {
      what: 'takes the fewest victims within a priority (one big rather than two small)',
      req: request(100, 2),
      cap: capacity(4),
      running: [replica('big:0:2', 1), replica('s1:0:1', 2), replica('s2:0:1', 3)],
      expected: ['big'],
    },
    {
      what: 'evicts the newest among equals',
      req: request(100, 1),
      cap: capacity(3),
      running: [replica('old:0:1', 100), replica('newest:0:1', 300), replica('newer:0:1', 200)],
      expected: ['newest'],
    },
    {
      what: 'evicts only what is needed (free room counts)',
      req: request(100, 1.5),
      cap: capacity(3),
      running: [replica('a:0:1', 1), replica('b:0:1', 2), replica('c:0:0.5', 3)],
      expected: ['b'],
    },
    {
      what: 'covers memory as well as CPU',
      req: request(100, 1, 512),
      cap: capacity(3, 1024),
      running: [replica('cpu:0:1:0', 3), replica('mem:0:1:600', 1), replica('both:0:1:400', 2)],
      expected: ['mem'],
    },
    {
      what: 'ignores a resource the request does not ask for',
      req: request(100, 0, 256),
      cap: capacity(1, 1024),
      running: [replica('hog:0:2:0')],
      expected: 'fits',
    },
    {
      what: 'never preempts an equal priority',
      req: request(100, 1),
      cap: capacity(2),
      running: [replica('peer1:100:1'), replica('peer2:100:1')],
      expected: 'unschedulable',
    },
    {
      what: 'never preempts a higher priority',
      req: request(100, 1),
      cap: capacity(1),
      running: [replica('boss:1000:1')],
      expected: 'unschedulable',
    },
    {
      what: 'evicts nobody when even every lower replica would not make room',
      req: request(100, 3),
      cap: capacity(4),
      running: [replica('boss:1000:2'), replica('low:0:1'), replica('peer:100:1')],
      expected: 'unschedulable',
    },
    {
      what: 'waits instead of preempting under preemptionPolicy Never',
      req: request(100, 1, 0, 'Never'),
      cap: capacity(1),
      running: [replica('low:0:1')],
      expected: 'unschedulable',
    },
    {
      what: 'lets a negative priority be preempted by the default 0',
      req: request(0, 1),
      cap: capacity(1),
      running: [replica('batch:-10:1')],
      expected: ['batch'],
    },
  ])('$what', ({ req, cap, running, expected }) => {
    expect(victimsOf(choosePreemptionVictims(req, cap, running))).toEqual(expected);
  });

  it('says why a replica cannot be placed, with the numbers', () => {
    const never = choosePreemptionVictims(request(100, 1, 0, 'Never'), capacity(1), [replica('l:0:1')]);
    expect(never).toEqual({
      outcome: 'unschedulable',
      reason: 'needs 1 CPU, 0 MiB but 0 CPU, 1 GiB is free (preemptionPolicy Never: waits, never evicts)',
    });
    const short = choosePreemptionVictims(request(100, 3), capacity(2), [
      replica('l:0:1'),
      replica('p:100:1'),
    ]);
    expect(short).toMatchObject({
      outcome: 'unschedulable',
      reason: expect.stringContaining(
        'even after preempting all 1 replicas of a priority below 100',
      ) as string,
    });
    const peers = choosePreemptionVictims(request(5, 1), capacity(1), [replica('p:5:1')]);
    expect(peers).toMatchObject({
      reason: expect.stringContaining('no replica of a priority below 5 runs to preempt') as string,
    });
  });

  it('returns a set without spare victims when the pool is too large to search exactly', () => {
    const running = Array.from({ length: 300 }, (_, i) => replica(`r${i}:0:${i % 3 === 0 ? 2 : 1}`, i));
    const used = running.reduce((sum, r) => sum + r.request.cpus, 0);
    const decision = choosePreemptionVictims(request(100, 5), capacity(used), running);
    if (decision.outcome !== 'preempt') throw new Error(`expected victims, got ${decision.outcome}`);
    const freed = decision.victims.reduce((sum, v) => sum + v.request.cpus, 0);
    expect(freed).toBeGreaterThanOrEqual(5);
    for (const victim of decision.victims) expect(freed - victim.request.cpus).toBeLessThan(5);
  });
});
