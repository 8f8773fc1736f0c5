import { formatResources } from './admission-format.js';

/** CPU cores and memory bytes: what a replica reserves, or what a host has. */
export interface Resources {
  cpus: number;
  memoryBytes: number;
}

/** Kubernetes' `preemptionPolicy`: `Never` waits in the queue instead of evicting anyone. */
export type PreemptionPolicy = 'PreemptLowerPriority' | 'Never';

/** A replica that holds part of the host. */
export interface RunningReplica {
  priority: number;
  request: Resources;
  /** Epoch ms; among equal priorities the newest replica is evicted first. */
  startedAt: number;
}

/** A replica that does not have room yet. */
export interface PreemptionRequest {
  priority: number;
  preemptionPolicy: PreemptionPolicy;
  request: Resources;
}

export type PreemptionDecision<T> =
  { outcome: 'fits' } | { outcome: 'preempt'; victims: T[] } | { outcome: 'unschedulable'; reason: string };

// CPU reservations are decimals (0.1 + 0.2 must fit in 0.3).
const epsilon = 1e-9;
/** Search nodes before the exact fewest-victims search gives way to Kubernetes' greedy reprieve. */
const searchBudget = 100_000;
const maxExactCandidates = 200;

export const sumResources = (list: readonly Resources[]): Resources =>
  list.reduce((a, r) => ({ cpus: a.cpus + r.cpus, memoryBytes: a.memoryBytes + r.memoryBytes }), {
    cpus: 0,
    memoryBytes: 0,
  });

export const subtractResources = (a: Resources, b: Resources): Resources => ({
  cpus: a.cpus - b.cpus,
  memoryBytes: a.memoryBytes - b.memoryBytes,
});

/** Kubernetes NodeResourcesFit: only the resources a replica requests are checked. */
export const fitsIn = (request: Resources, free: Resources): boolean =>
  (request.cpus <= 0 || request.cpus <= free.cpus + epsilon) &&
  (request.memoryBytes <= 0 || request.memoryBytes <= free.memoryBytes + epsilon);

const covers = (got: Resources, need: Resources): boolean =>
  got.cpus >= need.cpus - epsilon && got.memoryBytes >= need.memoryBytes - epsilon;

const atLeastZero = (r: Resources): Resources => ({
  cpus: Math.max(0, r.cpus),
  memoryBytes: Math.max(0, r.memoryBytes),
});

/**
 * Which running replicas to evict so that `request` fits, with Kubernetes PriorityClass semantics
 * (kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption): only replicas of strictly
 * lower priority are candidates; `preemptionPolicy: Never` never evicts; when even evicting every
 * candidate would not make room, nobody is evicted. Among the sets that make room it picks
 *
 * 1. the one whose highest victim priority is lowest (the lowest priorities go first),
 * 2. then the fewest victims,
 * 3. then the newest replicas (latest `startedAt`) among equals,
 *
 * which is how kube-scheduler ranks preemption candidates (pickOneNodeForPreemption), applied to the
 * victim sets of one host. Exact for up to 200 candidates within a search budget; past it, Kubernetes'
 * own greedy "reprieve" (selectVictimsOnNode) gives a set from which no victim can be spared.
 *
 * @example
 * choosePreemptionVictims(
 *   { priority: 1000, preemptionPolicy: 'PreemptLowerPriority', request: { cpus: 1, memoryBytes: 0 } },
 *   { cpus: 2, memoryBytes: 2 ** 30 },
 *   [low1, low2], // priority 0, 1 CPU each
 * ); // => { outcome: 'preempt', victims: [the newer of low1, low2] }
 */
export function choosePreemptionVictims<T extends RunningReplica>(
  request: PreemptionRequest,
  capacity: Resources,
  running: readonly T[],
): PreemptionDecision<T> {
  const free = subtractResources(capacity, sumResources(running.map((r) => r.request)));
  if (fitsIn(request.request, free)) return { outcome: 'fits' };
  const need: Resources = {
    cpus: request.request.cpus > 0 ? request.request.cpus - free.cpus : 0,
    memoryBytes: request.request.memoryBytes > 0 ? request.request.memoryBytes - free.memoryBytes : 0,
  };
  const wanted = `needs ${formatResources(request.request)} but ${formatResources(atLeastZero(free))} is free`;
  if (request.preemptionPolicy === 'Never') {
    return { outcome: 'unschedulable', reason: `${wanted} (preemptionPolicy Never: waits, never evicts)` };
  }
  const candidates = running
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r.priority < request.priority)
    .sort((a, b) => a.r.priority - b.r.priority || b.r.startedAt - a.r.startedAt || a.index - b.index)
    .map(({ r }) => r);
  if (candidates.length === 0) {
    return {
      outcome: 'unschedulable',
      reason: `${wanted}, and no replica of a priority below ${request.priority} runs to preempt`,
    };
  }
  const all = sumResources(candidates.map((c) => c.request));
  if (!covers(all, need)) {
    return {
      outcome: 'unschedulable',
      reason: `${wanted}, even after preempting all ${candidates.length} replicas of a priority below ${request.priority} (${formatResources(all)})`,
    };
  }
  for (const level of new Set(candidates.map((c) => c.priority))) {
    const pool = candidates.filter((c) => c.priority <= level);
    if (!covers(sumResources(pool.map((c) => c.request)), need)) continue;
    const victims = fewestVictims(pool, need) ?? greedyReprieve(pool, need);
    return { outcome: 'preempt', victims };
  }
  // Unreachable: the last level's pool is every candidate, which covers `need`.
  return { outcome: 'unschedulable', reason: wanted };
}

/**
 * The smallest set of `pool` covering `need`, the first in `pool` order among sets of that size
 * (pool is sorted lowest priority, then newest, first). Branch and bound: a branch is cut when even
 * the largest remaining replicas could not cover what is missing. Undefined past the search budget.
 */
function fewestVictims<T extends RunningReplica>(pool: readonly T[], need: Resources): T[] | undefined {
  if (pool.length > maxExactCandidates) return undefined;
  let budget = searchBudget;
  const none: Resources = { cpus: 0, memoryBytes: 0 };
  const descending = (dim: keyof Resources): number[] =>
    pool.map((c) => c.request[dim]).sort((a, b) => b - a);
  const [cpus, memory] = [descending('cpus'), descending('memoryBytes')];
  const most = { cpus: 0, memoryBytes: 0 };
  for (let size = 1; size <= pool.length; size++) {
    most.cpus += cpus[size - 1] ?? 0;
    most.memoryBytes += memory[size - 1] ?? 0;
    // Even the `size` largest replicas of the pool cannot make room: more victims are needed.
    if (!covers(most, need)) continue;
    const best = largestSums(pool, size);
    const search = (start: number, left: number, chosen: T[], got: Resources): T[] | undefined | null => {
      if (left === 0) return covers(got, need) ? chosen : undefined;
      for (let j = start; j <= pool.length - left; j++) {
        if (--budget < 0) return null;
        const pick = pool[j] as T;
        const next = sumResources([got, pick.request]);
        const bound = left === 1 ? none : best(j + 1, left - 1);
        if (!bound || !covers(sumResources([next, bound]), need)) continue;
        const found = search(j + 1, left - 1, [...chosen, pick], next);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    const found = search(0, size, [], none);
    if (found === null) return undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * `(i, r)` => the most CPU and the most memory that `r` replicas of `pool[i..]` can free (each resource
 * on its own, an upper bound), for r up to `k`; undefined when fewer than r replicas are left. O(n·k).
 */
function largestSums(
  pool: readonly RunningReplica[],
  k: number,
): (i: number, r: number) => Resources | undefined {
  const prefixes = (dim: keyof Resources): number[][] => {
    const result: number[][] = [];
    let top: number[] = [];
    for (let i = pool.length - 1; i >= 0; i--) {
      const value = pool[i]?.request[dim] ?? 0;
      const at = top.findIndex((v) => v < value);
      top = (at < 0 ? [...top, value] : [...top.slice(0, at), value, ...top.slice(at)]).slice(0, k);
      const prefix = [0];
      for (const v of top) prefix.push((prefix.at(-1) ?? 0) + v);
      result[i] = prefix;
    }
    return result;
  };
  const cpus = prefixes('cpus');
  const memory = prefixes('memoryBytes');
  return (i, r) => {
    const c = cpus[i]?.[r];
    const m = memory[i]?.[r];
    return c === undefined || m === undefined ? undefined : { cpus: c, memoryBytes: m };
  };
}

/** Kubernetes' reprieve: evict the whole pool, then spare the most important replicas that can be spared. */
function greedyReprieve<T extends RunningReplica>(pool: readonly T[], need: Resources): T[] {
  const spared = new Set<T>();
  let freed = sumResources(pool.map((c) => c.request));
  for (const candidate of [...pool].reverse()) {
    const without = subtractResources(freed, candidate.request);
    if (!covers(without, need)) continue;
    spared.add(candidate);
    freed = without;
  }
  return pool.filter((c) => !spared.has(c));
}
