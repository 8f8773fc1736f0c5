import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { healthOf, toManagedContainer } from './managed-container.js';

const info = {
  Id: 'c1',
  Names: ['/shop-web-1-abcd1234'],
  State: 'running',
  Status: 'Up 3 seconds (healthy)',
  Labels: {
    'dev.berth.app': 'shop',
    'dev.berth.service': 'web',
    'dev.berth.replica': '1',
    'dev.berth.release': '2',
    'dev.berth.hash': 'h',
  },
  NetworkSettings: { Networks: { shop_default: { IPAddress: '172.18.0.2' } } },
  Ports: [{ IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
} as unknown as Docker.ContainerInfo;

const inspected = (status: string, exitCode: number) =>
  ({
    State: {
      Status: status,
      ExitCode: exitCode,
      OOMKilled: false,
      StartedAt: '2026-11-26T10:00:00Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    },
  }) as unknown as Docker.ContainerInspectInfo;

describe('toManagedContainer', () => {
  it('reads labels, addresses and ports of a running replica', () => {
    expect(toManagedContainer(info, inspected('running', 0))).toMatchObject({
      name: 'shop-web-1-abcd1234',
      app: 'shop',
      service: 'web',
      replica: 1,
      release: 2,
      state: 'running',
      health: 'healthy',
      exitCode: undefined,
      startedAt: Date.parse('2026-11-26T10:00:00Z'),
      finishedAt: 0,
      ips: { shop_default: '172.18.0.2' },
      publishedPorts: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
    });
  });

  it('trusts inspect over a list that still says running right after a crash', () => {
    expect(toManagedContainer(info, inspected('exited', 137))).toMatchObject({
      state: 'exited',
      exitCode: 137,
    });
  });
});

describe('healthOf', () => {
  it.each([
    ['Up 1 second (health: starting)', 'starting'],
    ['Up 5 minutes (unhealthy)', 'unhealthy'],
    ['Up 5 minutes', undefined],
  ])('reads %s as %s', (status, health) => {
    expect(healthOf(status)).toBe(health);
  });
});
