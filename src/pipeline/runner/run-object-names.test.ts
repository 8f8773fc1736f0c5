import { describe, expect, it } from 'vitest';
import { cacheVolumeName, runNetworkName, stepContainerName } from './run-object-names.js';

/** moby's RestrictedNamePattern. */
const validDockerName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

describe('cacheVolumeName', () => {
  it.each([
    ['shop', 'npm-20-3f9a', 'berth-cache-shop-npm-20-3f9a'],
    ['shop', 'pip-', 'berth-cache-shop-pip-'],
  ])('names the cache of app %j with key %j %j', (app, key, name) => {
    expect(cacheVolumeName(app, key)).toBe(name);
  });

  it('makes a valid, distinct name from keys with other characters or of any length', () => {
    const names = ['npm/20', 'npm:20', 'x'.repeat(500), `${'x'.repeat(500)}y`].map((key) =>
      cacheVolumeName('shop', key),
    );
    for (const name of names) {
      expect(name).toMatch(validDockerName);
      expect(name.length).toBeLessThanOrEqual(200);
      expect(name.startsWith('berth-cache-shop-')).toBe(true);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives the same volume for the same app and key', () => {
    expect(cacheVolumeName('shop', 'npm/20')).toBe(cacheVolumeName('shop', 'npm/20'));
  });
});

describe('run object names', () => {
  it('names the run network and step containers after the run id, valid for Docker', () => {
    expect(runNetworkName('42')).toBe('berth-run-42');
    expect(stepContainerName('42', 'unit-test')).toBe('berth-run-42-unit-test');
    expect(stepContainerName('run #7/main', 'test')).toMatch(validDockerName);
  });
});
