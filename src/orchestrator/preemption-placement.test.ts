import { describe, expect, it } from 'vitest';
import { placeReplicas, type ReplicaUnit } from './preemption-placement.js';

const host = { cpus: 4, memoryBytes: 8 * 1024 ** 3 };

/** `app/service.replica` with a priority and CPUs; `holding` when it has a container. */
const unit = (
  id: string,
  over: Partial<Omit<ReplicaUnit, 'request'>> & { cpus?: number } = {},
): ReplicaUnit => {
  const [app = '', rest = ''] = id.split('/');
  const [service = '', replica = '1'] = rest.split('.');
  const { cpus = 1, ...fields } = over;
  return {
    app,
    service,
    replica: Number(replica),
    priority: 0,
    preemptionPolicy: 'PreemptLowerPriority',
    request: { cpus, memoryBytes: 0 },
    startedAt: 0,
    holding: false,
    queuedAt: 0,
    ...fields,
  };
};

const states = (units: ReplicaUnit[]): Record<string, string> => {
  const placement = placeReplicas(host, units);
  return Object.fromEntries(
    units.map((u) => [`${u.app}/${u.service}.${u.replica}`, placement.get(u)?.state ?? 'missing']),
  );
};

type Over = Parameters<typeof unit>[1];
const low = (replica: number, over: Over = {}): ReplicaUnit =>
  unit(`low/web.${replica}`, { holding: true, startedAt: replica, ...over });
const high = (replica: number, over: Over = {}): ReplicaUnit =>
  unit(`high/api.${replica}`, { priority: 1000, queuedAt: 10, ...over });

describe('placeReplicas()', () => {
  it('keeps running replicas and starts new ones that fit', () => {
    expect(states([low(1), low(2), unit('other/job.1')])).toEqual({
      'low/web.1': 'running',
      'low/web.2': 'running',
      'other/job.1': 'start',
    });
  });

  it('evicts the newest lower-priority replicas for a higher-priority one, which waits for them to stop', () => {
    const units = [low(1), low(2), low(3), low(4), high(1), high(2)];
    expect(states(units)).toEqual({
      'low/web.1': 'running',
      'low/web.2': 'running',
      'low/web.3': 'evicted',
      'low/web.4': 'evicted',
      'high/api.1': 'nominated',
      'high/api.2': 'nominated',
    });
    const placement = placeReplicas(host, units);
    expect(placement.get(units[3] as ReplicaUnit)).toMatchObject({
      state: 'evicted',
      by: { app: 'high', replica: 1 },
      free: { cpus: 0 },
    });
  });

  it('starts the higher-priority replicas once the evicted ones are gone; those then wait', () => {
    const units = [low(1), low(2), low(3, { holding: false }), low(4, { holding: false }), high(1), high(2)];
    const result = states(units);
    expect(result).toMatchObject({ 'high/api.1': 'start', 'high/api.2': 'start' });
    expect(result).toMatchObject({ 'low/web.3': 'pending', 'low/web.4': 'pending' });
  });

  it('gives the room back to the evicted replicas when the higher-priority app is gone', () => {
    const units = [low(1), low(2), low(3, { holding: false }), low(4, { holding: false })];
    expect(states(units)).toMatchObject({ 'low/web.3': 'start', 'low/web.4': 'start' });
  });

  it('never lets a lower or equal priority evict anyone', () => {
    const result = states([
      low(1, { priority: 5 }),
      low(2, { priority: 5 }),
      low(3, { priority: 5 }),
      low(4, { priority: 5 }),
      unit('peer/web.1', { priority: 5 }),
      unit('lower/web.1', { priority: 1 }),
    ]);
    expect(result).toMatchObject({ 'peer/web.1': 'pending', 'lower/web.1': 'pending' });
    expect(Object.values(result).filter((s) => s === 'evicted')).toEqual([]);
  });

  it('makes a preemptionPolicy Never replica wait, without blocking a smaller one behind it', () => {
    const units = [
      low(1, { cpus: 3 }),
      high(1, { preemptionPolicy: 'Never', cpus: 2 }),
      unit('small/web.1', { priority: 1, cpus: 1 }),
    ];
    const placement = placeReplicas(host, units);
    expect(states(units)).toEqual({
      'low/web.1': 'running',
      'high/api.1': 'pending',
      'small/web.1': 'start',
    });
    expect(placement.get(units[1] as ReplicaUnit)).toMatchObject({
      reason: expect.stringContaining('preemptionPolicy Never') as string,
    });
  });

  it('does not evict when even evicting every lower replica would not make room', () => {
    const units = [
      unit('peer/web.1', { priority: 1000, holding: true, cpus: 3 }),
      low(2, { cpus: 1 }),
      high(1, { cpus: 2 }),
    ];
    expect(states(units)).toEqual({
      'peer/web.1': 'running',
      'low/web.2': 'running',
      'high/api.1': 'pending',
    });
  });

  it('serves the queue by priority, then by how long the release waited', () => {
    const units = [
      low(1, { cpus: 2 }),
      unit('late/web.1', { queuedAt: 20, cpus: 2 }),
      unit('early/web.1', { queuedAt: 5, cpus: 2 }),
    ];
    expect(states(units)).toEqual({
      'low/web.1': 'running',
      'late/web.1': 'pending',
      'early/web.1': 'start',
    });
  });

  it('counts a preempting replica as placed, so a later one does not evict for the same room twice', () => {
    const units = [low(1, { cpus: 2 }), low(2, { cpus: 2 }), high(1, { cpus: 1 }), high(2, { cpus: 1 })];
    expect(states(units)).toEqual({
      'low/web.1': 'running',
      'low/web.2': 'evicted',
      'high/api.1': 'nominated',
      'high/api.2': 'nominated',
    });
  });
});
