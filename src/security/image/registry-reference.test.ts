import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseRegistryReference } from './registry-reference.js';
import { parseAuthChallenge } from './www-authenticate.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseRegistryReference', () => {
  it.each([
    ['nginx', 'registry-1.docker.io', 'library/nginx', 'latest'],
    ['nginx:1.27-alpine', 'registry-1.docker.io', 'library/nginx', '1.27-alpine'],
    ['docker.io/bitnami/redis:7', 'registry-1.docker.io', 'bitnami/redis', '7'],
    ['ghcr.io/org/team/app:v1.2', 'ghcr.io', 'org/team/app', 'v1.2'],
    ['localhost/app', 'localhost', 'app', 'latest'],
    ['127.0.0.1:5000/app:1', '127.0.0.1:5000', 'app', '1'],
    [`quay.io/org/app:1@${digest}`, 'quay.io', 'org/app', digest],
  ])('reads %s as host %s, repository %s, reference %s', (ref, host, repository, reference) => {
    expect(parseRegistryReference(ref)).toMatchObject({ host, repository, reference });
  });

  it.each(['', 'UPPER/case', 'app:bad tag', 'app@sha256:short'])('rejects %j, quoting it', (ref) => {
    expect(() => parseRegistryReference(ref)).toThrow(`"${ref}" is not a valid image reference`);
  });

  it.each([
    ['localhost:5000', true],
    ['127.0.0.1', true],
    ['[::1]:5000', true],
    ['registry.local:5000', false],
    ['ghcr.io', false],
  ])('treats %s as loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('parseAuthChallenge', () => {
  it('reads a Docker Hub bearer challenge', () => {
    expect(
      parseAuthChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/nginx:pull',
      },
    });
  });

  it('keeps commas and escaped quotes inside quoted values, and reads bare tokens', () => {
    expect(
      parseAuthChallenge('Bearer scope="repository:a:pull,push", error=insufficient_scope, x="say \\"hi\\""'),
    ).toEqual({
      scheme: 'bearer',
      params: { scope: 'repository:a:pull,push', error: 'insufficient_scope', x: 'say "hi"' },
    });
  });

  it('reads a basic challenge and nothing from an empty header', () => {
    expect(parseAuthChallenge('Basic realm="Registry Realm"')).toEqual({
      scheme: 'basic',
      params: { realm: 'Registry Realm' },
    });
    expect(parseAuthChallenge('')).toBeUndefined();
  });
});
