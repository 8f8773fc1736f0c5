import { describe, expect, it } from 'vitest';
import { findSecretsInFiles, isBinary } from './find-secrets-in-files.js';
import { globToRegExp } from './path-glob.js';
import { createSecretWanted, secretWanted } from './secret-wanted.js';

const token = `ghp_${'aB3dE5gH7jK9'.repeat(3)}`;

describe('secretWanted', () => {
  it.each([
    ['app/.env', 120],
    ['root/.docker/config.json', 300],
    ['home/node/.npmrc', 80],
    ['srv/app/tests/fixtures/.env', 50],
    ['srv/app/README.md', 2000],
    ['etc/ssl/private/server.key', 1700],
    ['app/node_modules/pkg/lib/config.js', 900],
    ['var/lib/dpkg/info/acme-agent.postinst', 400],
    ['var/lib/dpkg/status', 700_000],
  ])('scans %s', (path, size) => {
    expect(secretWanted(path, { size, mode: 0o644 })).toBe(true);
  });

  it.each([
    ['a binary extension', 'app/static/logo.png', 5000],
    ['an archive', 'app/lib/dep.jar', 5000],
    ['a file over 2 MiB', 'app/data.json', 3 * 1024 * 1024],
    ["a dependency's tests", 'app/node_modules/aws-sdk/test/fixtures/creds.json', 100],
    ["a dependency's docs", 'app/node_modules/jsonwebtoken/README.md', 100],
    ['a Go vendor tree', 'src/vendor/github.com/x/y/tests/key.go', 100],
    ['distribution docs', 'usr/share/doc/openssl/demo.pem', 100],
    ['a Python runtime', 'usr/local/lib/python3.12/test/keycert.pem', 100],
    ['package metadata', 'usr/local/lib/python3.12/site-packages/x-1.0.dist-info/RECORD', 100],
    ["dpkg's file list of a package", 'var/lib/dpkg/info/libssl3:amd64.list', 9000],
    ["dpkg's checksums of a package", 'var/lib/dpkg/info/coreutils.md5sums', 9000],
    ["distroless dpkg's checksums", 'var/lib/dpkg/status.d/base-files.md5sums', 900],
  ])('skips %s (%s)', (_label, path, size) => {
    expect(secretWanted(path, { size, mode: 0o644 })).toBe(false);
  });

  it('takes a size cap and extra allow paths', () => {
    const wanted = createSecretWanted({ maxFileBytes: 100, extraAllowPaths: ['srv/app/tests/**'] });
    expect(wanted('srv/app/.env', { size: 101, mode: 0o644 })).toBe(false);
    expect(wanted('srv/app/tests/.env', { size: 10, mode: 0o644 })).toBe(false);
    expect(wanted('usr/share/x.conf', { size: 10, mode: 0o644 })).toBe(false);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['**/node_modules/**/test/**', 'node_modules/a/test/x.js', true],
    ['**/node_modules/**/test/**', 'app/node_modules/@s/a/test/b/c.js', true],
    ['**/node_modules/**/test/**', 'app/node_modules/a/lib/test.js', false],
    ['usr/local/lib/python*/**', 'usr/local/lib/python3.12/os.py', true],
    ['**/*.{md,rst}', 'docs/a.rst', true],
    ['**/*.{md,rst}', 'docs/a.txt', false],
    ['*.md', 'docs/a.md', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe('findSecretsInFiles', () => {
  it('skips files with a NUL byte and tags findings with their layer', () => {
    const files = new Map([
      ['app/.env', { data: Buffer.from(`GH=${token}\n`), layer: 'sha256:aa' }],
      [
        'app/bin/tool',
        { data: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), Buffer.from(token)]) },
      ],
    ]);
    expect(isBinary(files.get('app/bin/tool')?.data ?? Buffer.alloc(0))).toBe(true);
    expect(findSecretsInFiles(files)).toEqual([
      expect.objectContaining({
        ruleId: 'github-pat',
        file: 'app/.env',
        line: 1,
        column: 4,
        layer: 'sha256:aa',
      }),
    ]);
  });

  it('stops when aborted', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() =>
      findSecretsInFiles(new Map([['a', { data: Buffer.from('x') }]]), { signal: controller.signal }),
    ).toThrow();
  });
});
