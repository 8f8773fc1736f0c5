import { BerthError } from '../errors/index.js';
import type { AppSpec } from './app-spec.js';

/** Service name => names it depends on. */
export type DependencyGraph = Readonly<Record<string, readonly string[]>>;

/**
 * The first dependency cycle found, as a path that returns to its start (`['a', 'b', 'a']`), or
 * undefined. Deterministic: services and their dependencies are visited in alphabetical order.
 */
export function findCycle(graph: DependencyGraph): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const seen = state.get(name);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const next of [...(graph[name] ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of Object.keys(graph).sort()) {
    const cycle = visit(name);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

/**
 * Service names with every dependency before its dependents; among services that are ready at the
 * same time, alphabetical order (Kahn's algorithm with a sorted queue), so the result is stable.
 *
 * @example
 * topologicalOrder(spec); // ['cache', 'db', 'web'] when web depends on db and cache
 */
export function topologicalOrder(spec: AppSpec): string[] {
  const graph = Object.fromEntries(
    Object.entries(spec.services).map(([name, service]) => [name, Object.keys(service.dependsOn)]),
  );
  return orderGraph(graph);
}

/** `topologicalOrder` over a bare graph; dependencies outside the graph are ignored. */
export function orderGraph(graph: DependencyGraph): string[] {
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const [name, deps] of Object.entries(graph)) {
    const known = deps.filter((dep) => Object.hasOwn(graph, dep));
    waiting.set(name, new Set(known).size);
    for (const dep of new Set(known)) dependents.set(dep, [...(dependents.get(dep) ?? []), name]);
  }
  const ready = [...waiting].filter(([, count]) => count === 0).map(([name]) => name);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort();
    const name = ready.shift() as string;
    order.push(name);
    for (const dependent of dependents.get(name) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  if (order.length !== waiting.size) {
    const cycle = findCycle(graph) ?? [];
    throw new BerthError(
      'BERTH_COMPOSE_DEPENDENCY',
      `services form a dependency cycle: ${cycle.join(' -> ')}`,
      {
        hint: 'Remove one depends_on entry of the cycle.',
      },
    );
  }
  return order;
}
