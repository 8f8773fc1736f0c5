import { describe, expect, it } from 'vitest';
import type { ImageConfig } from '../image/index.js';
import { checkImageConfig, type CheckImageConfigOptions, type ImageFileInfo } from './check-image-config.js';
import { parseCreatedBy } from './history-steps.js';
import { imageConfigWanted } from './image-config-wanted.js';
import { isSecretName } from './secret-names.js';
import { isTrustedReference, registryOf } from './trusted-registry.js';

type Inner = NonNullable<ImageConfig['config']>;

/** A config that passes every check; each case changes one thing. */
function image(inner: Partial<Inner> = {}, history: string[] = []): ImageConfig {
  return {
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [] },
    config: { User: 'app', Healthcheck: { Test: ['CMD', 'true'] }, Env: ['PATH=/usr/bin'], ...inner },
    history: history.map((created_by) => ({ created_by })),
  };
}

const token = `ghp_${'q7Rk2mZx9Lw4'.repeat(3)}`;
const password = 'Tr0ub4dor&3-horse';
const ids = (config: ImageConfig, files?: ImageFileInfo[], options?: CheckImageConfigOptions): string[] =>
  checkImageConfig(config, files, options).map((f) => f.id);

describe('checkImageConfig', () => {
  it('reports nothing for a clean image', () => {
    expect(checkImageConfig(image(), [])).toEqual([]);
  });

  it.each<[string, string, ImageConfig, ImageFileInfo[]?, CheckImageConfigOptions?]>([
    ['CIS-DI-0001', 'no USER', image({ User: '' })],
    ['CIS-DI-0001', 'USER root', image({ User: 'root' })],
    ['CIS-DI-0001', 'USER 0:0', image({ User: '0:0' })],
    ['CIS-DI-0006', 'no HEALTHCHECK', image({ Healthcheck: null })],
    ['CIS-DI-0006', 'HEALTHCHECK NONE', image({ Healthcheck: { Test: ['NONE'] } })],
    ['CIS-DI-0007', 'apt-get update alone', image({}, ['RUN /bin/sh -c apt-get update # buildkit'])],
    ['CIS-DI-0008', 'a setuid binary', image(), [{ path: 'usr/bin/passwd', mode: 0o4755, size: 1 }]],
    ['CIS-DI-0008', 'a setgid binary', image(), [{ path: '/usr/bin/wall', mode: 0o2755, size: 1 }]],
    ['CIS-DI-0009', 'ADD of a local file', image({}, ['ADD app.js /srv/ # buildkit'])],
    ['CIS-DI-0009', 'ADD of a URL', image({}, ['/bin/sh -c #(nop) ADD https://example.org/a.sh /a.sh'])],
    ['CIS-DI-0010', 'a password in ENV', image({ Env: [`DB_PASSWORD=${password}`] })],
    ['CIS-DI-0010', 'a known token under any name in ENV', image({ Env: [`GH=${token}`] })],
    ['CIS-DI-0010', 'a secret LABEL', image({ Labels: { 'com.example.api-key': password } })],
    [
      'CIS-DI-0010',
      'a build arg in history',
      image({}, [`RUN |1 NPM_TOKEN=${password} /bin/sh -c npm ci # buildkit`]),
    ],
    ['CIS-DI-0010', 'a token in a RUN command', image({}, [`/bin/sh -c echo ${token} > /root/.token`])],
    ['CIS-DI-0010', 'a private key file', image(), [{ path: 'root/.ssh/id_rsa', mode: 0o600, size: 1 }]],
    ['CIS-DI-0010', 'a .env file', image(), [{ path: 'srv/app/.env', mode: 0o644, size: 1 }]],
    ['DKL-DI-0001', 'sudo', image({}, ['RUN /bin/sh -c sudo make install # buildkit'])],
    ['DKL-DI-0002', 'VOLUME /proc', image({ Volumes: { '/proc': {} } })],
    [
      'DKL-DI-0003',
      'apt-get dist-upgrade',
      image({}, ['/bin/sh -c apt-get update && apt-get -y dist-upgrade']),
    ],
    ['DKL-DI-0004', 'apk add without --no-cache', image({}, ['RUN /bin/sh -c apk add curl # buildkit'])],
    [
      'DKL-DI-0005',
      'apt lists left',
      image(),
      [{ path: 'var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease', mode: 0o644, size: 1 }],
    ],
    [
      'DKL-DI-0005',
      'apk cache left',
      image(),
      [{ path: 'var/cache/apk/APKINDEX.1.tar.gz', mode: 0o644, size: 1 }],
    ],
    [
      'DKL-DI-0005',
      'apt installs never cleaned (history only)',
      image({}, ['/bin/sh -c apt-get update && apt-get install -y curl']),
    ],
    ['DKL-DI-0006', 'an untagged reference', image(), [], { imageReference: 'registry:5000/team/app' }],
    ['DKL-DI-0006', 'the latest tag', image(), [], { imageReference: 'app:latest' }],
    [
      'BERTH-DI-0001',
      'a Docker Hub base when only ghcr.io is trusted',
      image({ Labels: { 'org.opencontainers.image.base.name': 'node:22' } }),
      [],
      { trustedRegistries: ['ghcr.io'] },
    ],
    [
      'BERTH-DI-0001',
      'an unknown base when registries are restricted',
      image(),
      [],
      { trustedRegistries: ['ghcr.io'] },
    ],
    ['BERTH-DI-0002', 'a world-readable shadow', image(), [{ path: 'etc/shadow', mode: 0o644, size: 1 }]],
    ['BERTH-DI-0002', 'a world-writable passwd', image(), [{ path: 'etc/passwd', mode: 0o666, size: 1 }]],
  ])('%s: reports %s', (id, _label, config, files, options) => {
    expect(ids(config, files, options)).toEqual([id]);
  });

  it.each<[string, ImageConfig, ImageFileInfo[]?, CheckImageConfigOptions?]>([
    ['a numeric non-root USER', image({ User: '1000:1000' })],
    [
      'apt-get update with install',
      image({}, [
        '/bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      ]),
    ],
    [
      'the base rootfs ADD of the classic builder',
      image({}, ['/bin/sh -c #(nop) ADD file:3a7b9c0d1e2f in / ']),
    ],
    ['ADD of a local tarball', image({}, ['ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit'])],
    ['COPY', image({}, ['COPY /src /app # buildkit'])],
    [
      'GPG_KEY in ENV (official images)',
      image({ Env: ['GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D'] }),
    ],
    [
      'names that only contain a secret word',
      image({ Env: ['PASSENGER_VERSION=6.0.1', 'KEYCLOAK_URL=http://kc', 'MONKEY=banana1234'] }),
    ],
    ['a password file path', image({ Env: ['DB_PASSWORD_FILE=/run/secrets/db'] })],
    ['an empty or interpolated value', image({ Env: ['DB_PASSWORD=', 'API_TOKEN=${TOKEN}'] })],
    ['apk add --no-cache', image({}, ['RUN /bin/sh -c apk add --no-cache curl # buildkit'])],
    [
      'apt bookkeeping only',
      image(),
      [
        { path: 'var/lib/apt/lists/lock', mode: 0o640, size: 0 },
        { path: 'var/lib/apt/lists/partial/x', mode: 0o600, size: 0 },
      ],
    ],
    [
      'distribution account file modes',
      image(),
      [
        { path: 'etc/shadow', mode: 0o640, size: 1 },
        { path: 'etc/passwd', mode: 0o644, size: 1 },
      ],
    ],
    [
      'credential files inside dependencies',
      image(),
      [{ path: 'srv/node_modules/dotenv/tests/.env', mode: 0o644, size: 1 }],
    ],
    ['a pinned reference', image(), [], { imageReference: 'ghcr.io/org/app:1.4.2' }],
    [
      'a trusted base by prefix',
      image({ Labels: { 'org.opencontainers.image.base.name': 'docker.io/library/node:22' } }),
      [],
      { trustedRegistries: ['docker.io/library'] },
    ],
    [
      'any base when no registry list is set',
      image({ Labels: { 'org.opencontainers.image.base.name': 'evil.example/x' } }),
    ],
  ])('reports nothing for %s', (_label, config, files, options) => {
    expect(ids(config, files, options)).toEqual([]);
  });

  it('reports an ENV secret once although history repeats it', () => {
    const config = image({ Env: [`API_TOKEN=${token}`] }, [`ENV API_TOKEN=${token} # buildkit`]);
    expect(ids(config, [])).toEqual(['CIS-DI-0010']);
  });

  it('never puts a secret value in a finding', () => {
    const config = image({ Env: [`DB_PASSWORD=${password}`, `GH=${token}`], Labels: { api_key: password } }, [
      `RUN |1 NPM_TOKEN=${password} /bin/sh -c echo ${token} # buildkit`,
    ]);
    const findings = checkImageConfig(config, []);
    expect(findings.length).toBeGreaterThanOrEqual(4);
    const json = JSON.stringify(findings);
    expect(json).not.toContain(password);
    expect(json).not.toContain(token);
    expect(json).not.toContain(password.slice(4));
    expect(findings[0]).toMatchObject({
      kind: 'image-config',
      severity: 'high',
      message: expect.stringContaining('Tr0u*****'),
    });
  });
});

describe('parseCreatedBy', () => {
  it.each([
    ['/bin/sh -c #(nop) ADD file:abc in / ', 'ADD', 'file:abc in /', []],
    ['/bin/sh -c apt-get update', 'RUN', 'apt-get update', []],
    ['RUN /bin/sh -c make # buildkit', 'RUN', 'make', []],
    [
      'RUN |2 A=1 B=two /bin/sh -c make # buildkit',
      'RUN',
      'make',
      [
        { name: 'A', value: '1' },
        { name: 'B', value: 'two' },
      ],
    ],
    ['|1 TOKEN=x /bin/sh -c make', 'RUN', 'make', [{ name: 'TOKEN', value: 'x' }]],
    ['COPY . /app # buildkit', 'COPY', '. /app', []],
  ])('parses %s', (createdBy, instruction, command, buildArgs) => {
    expect(parseCreatedBy(createdBy)).toMatchObject({ instruction, command, buildArgs });
  });
});

describe('isSecretName', () => {
  it.each([
    ['DB_PASSWORD', true],
    ['apiKey', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['com.example.token', true],
    ['PASSENGER_VERSION', false],
    ['KEYCLOAK_URL', false],
    ['SSH_PUBLIC_KEY', false],
    ['GPG_KEYS', false],
    ['PWD', false],
  ])('%s: %s', (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });
});

describe('trusted registries', () => {
  it.each([
    ['nginx:1.27', 'docker.io'],
    ['library/nginx', 'docker.io'],
    ['ghcr.io/org/app:1', 'ghcr.io'],
    ['localhost:5000/app', 'localhost:5000'],
    ['index.docker.io/library/nginx', 'docker.io'],
  ])('registryOf(%s) is %s', (reference, registry) => {
    expect(registryOf(reference)).toBe(registry);
  });

  it.each([
    ['nginx:1', ['docker.io/library'], true],
    ['bitnami/redis:7', ['docker.io/library'], false],
    ['registry.corp.example/base/node:22', ['*.corp.example'], true],
    ['ghcr.io/org/app@sha256:abcd', ['ghcr.io/org'], true],
    ['ghcr.io/orgx/app', ['ghcr.io/org'], false],
  ])('%s trusted by %j: %s', (reference, trusted, expected) => {
    expect(isTrustedReference(reference, trusted)).toBe(expected);
  });
});

describe('imageConfigWanted', () => {
  it.each([
    ['usr/bin/su', 0o4755, true],
    ['etc/shadow', 0o640, true],
    ['var/cache/apk/APKINDEX.tar.gz', 0o644, true],
    ['root/.ssh/id_ed25519', 0o600, true],
    ['usr/bin/ls', 0o755, false],
    ['var/lib/apt/lists/lock', 0o640, false],
  ])('%s (mode %o) is recorded: %s', (path, mode, expected) => {
    expect(imageConfigWanted(path, { size: 10, mode }) !== false).toBe(expected);
  });
});
