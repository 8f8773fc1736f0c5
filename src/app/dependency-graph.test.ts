import { describe, expect, it } from 'vitest';
import type { AppSpec, ServiceSpec } from './app-spec.js';
import { findCycle, orderGraph, topologicalOrder } from './dependency-graph.js';

describe('findCycle', () => {
  it.each([
    [{ a: [], b: ['a'] }, undefined],
    [{ a: ['a'] }, ['a', 'a']],
    [{ a: ['b'], b: ['a'] }, ['a', 'b', 'a']],
    [{ c: ['a'], a: ['b'], b: ['c'] }, ['a', 'b', 'c', 'a']],
    [{ x: ['b'], b: ['c'], c: ['b'] }, ['b', 'c', 'b']],
  ])('finds the cycle in %j: %j', (graph, cycle) => {
    expect(findCycle(graph)).toEqual(cycle);
  });
});

describe('orderGraph', () => {
  it('puts dependencies first and sorts services that are ready together', () => {
    expect(orderGraph({ web: ['db', 'cache'], worker: ['db'], db: [], cache: [], admin: ['web'] })).toEqual([
      'cache',
      'db',
      'web',
      'admin',
      'worker',
    ]);
  });

  it('ignores dependencies outside the graph', () => {
    expect(orderGraph({ web: ['ghost'] })).toEqual(['web']);
  });

  it('throws BERTH_COMPOSE_DEPENDENCY naming the cycle', () => {
    expect(() => orderGraph({ a: ['b'], b: ['a'], c: [] })).toThrow(
      expect.objectContaining({
        code: 'BERTH_COMPOSE_DEPENDENCY',
        message: expect.stringContaining('a -> b -> a') as string,
      }),
    );
  });
});

describe('topologicalOrder', () => {
  it('orders the services of an AppSpec by depends_on', () => {
    const service = (deps: string[]): ServiceSpec =>
      ({
        dependsOn: Object.fromEntries(
          deps.map((d) => [d, { condition: 'service_started', restart: false, required: true }]),
        ),
      }) as ServiceSpec;
    const spec = {
      name: 'x',
      networks: {},
      volumes: {},
      services: { web: service(['db']), db: service([]), migrate: service(['db']) },
    } as AppSpec;
    expect(topologicalOrder(spec)).toEqual(['db', 'migrate', 'web']);
  });
});
