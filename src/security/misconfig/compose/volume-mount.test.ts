import { describe, expect, it } from 'vitest';
import { portHostIp } from './exposure-checks.js';
import { parseVolumeMount } from './volume-mount.js';

describe('parseVolumeMount', () => {
  it.each([
    ['/etc:/host/etc:ro', { hostPath: '/etc', readOnly: true, propagation: undefined }],
    ['/etc//nginx/./:/x', { hostPath: '/etc/nginx', readOnly: false, propagation: undefined }],
    ['/srv:/srv:ro,rshared', { hostPath: '/srv', readOnly: true, propagation: 'rshared' }],
    ['./data:/data', { hostPath: './data', readOnly: false, propagation: undefined }],
    ['data:/data', { hostPath: undefined, readOnly: false, propagation: undefined }],
    ['/anonymous', { hostPath: undefined, readOnly: false, propagation: undefined }],
    [
      '${SOCK:-/var/run/docker.sock}:/s',
      { hostPath: '/var/run/docker.sock', readOnly: false, propagation: undefined },
    ],
    [
      { type: 'bind', source: '/proc/', target: '/p', read_only: true, bind: { propagation: 'shared' } },
      { hostPath: '/proc', readOnly: true, propagation: 'shared' },
    ],
    [
      { type: 'volume', source: 'etc', target: '/etc' },
      { hostPath: undefined, readOnly: false, propagation: undefined },
    ],
    [
      { type: 'tmpfs', target: '/tmp' },
      { hostPath: undefined, readOnly: false, propagation: undefined },
    ],
  ])('reads %j', (entry, expected) => {
    expect(parseVolumeMount(entry)).toEqual(expected);
  });
});

describe('portHostIp', () => {
  it.each([
    ['80', ''],
    [80, ''],
    ['8080:80', ''],
    ['127.0.0.1:8080:80', '127.0.0.1'],
    ['0.0.0.0:8080:80/udp', '0.0.0.0'],
    ['[::1]:8080:80', '::1'],
    ['127.0.0.1::80', '127.0.0.1'],
    [{ target: 80, published: 8080 }, ''],
    [{ target: 80, host_ip: '10.0.0.1' }, '10.0.0.1'],
  ])('finds the host address of %j: %j', (entry, expected) => {
    expect(portHostIp(entry)).toBe(expected);
  });
});
