import { describe, expect, it } from 'vitest';
import { parseInstalledPackageJson, parsePackageLock } from './npm.js';

const names = (text: string): string[] | undefined =>
  parsePackageLock(text)?.map((p) => `${p.name}@${p.version}`);

describe('parsePackageLock', () => {
  it('reads lockfile v1 nested dependencies, leaving out dev ones and resolving npm: aliases', () => {
    const v1 = {
      name: 'app',
      lockfileVersion: 1,
      dependencies: {
        express: { version: '4.18.2', dependencies: { debug: { version: '2.6.9' } } },
        jest: { version: '29.7.0', dev: true },
        'my-lodash': { version: 'npm:lodash@4.17.21' },
        local: { version: 'file:../local' },
      },
    };
    expect(names(JSON.stringify(v1))).toEqual(['express@4.18.2', 'debug@2.6.9', 'lodash@4.17.21']);
  });

  it.each([2, 3])(
    'reads lockfile v%i packages by install path, with scopes, nesting, aliases and no links',
    (version) => {
      const lock = {
        name: 'app',
        lockfileVersion: version,
        packages: {
          '': { name: 'app', version: '1.0.0' },
          'node_modules/@babel/core': { version: '7.24.0' },
          'node_modules/express/node_modules/debug': { version: '2.6.9' },
          'node_modules/my-lodash': { name: 'lodash', version: '4.17.21' },
          'node_modules/jest': { version: '29.7.0', dev: true },
          'node_modules/workspace-a': { resolved: 'packages/a', link: true },
          'packages/a': { name: 'workspace-a', version: '0.0.1' },
        },
        // v2 keeps the v1 tree too; `packages` wins.
        ...(version === 2 ? { dependencies: { ignored: { version: '9.9.9' } } } : {}),
      };
      expect(names(JSON.stringify(lock))).toEqual([
        '@babel/core@7.24.0',
        'debug@2.6.9',
        'lodash@4.17.21',
        'workspace-a@0.0.1',
      ]);
    },
  );

  it('returns undefined for text that is not a lockfile', () => {
    expect(parsePackageLock('{ not json')).toBeUndefined();
    expect(parsePackageLock('{"packages": 3}')).toBeUndefined();
  });
});

describe('parseInstalledPackageJson', () => {
  it.each([
    ['{"name":"ms","version":"2.1.3"}', { name: 'ms', version: '2.1.3' }],
    ['{"name":"internal","version":"1.0.0","private":true}', undefined],
    ['{"name":"no-version"}', undefined],
    ['{"type":"module"}', undefined],
    ['not json', undefined],
  ])('reads %s', (text, expected) => {
    expect(parseInstalledPackageJson(text)).toEqual(expected);
  });
});
