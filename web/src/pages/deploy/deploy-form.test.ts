import { describe, expect, it } from 'vitest';
import { appNamePattern, defaultProjectDir, nameFromCompose, offsetOf, parseEnv } from './deploy-form';

describe('nameFromCompose', () => {
  it.each([
    ['name: shop\nservices: {}', 'shop'],
    ['services:\n  web:\n    image: x\nname: "blog" # the blog', 'blog'],
    ['services:\n  web:\n    name: inner', undefined],
    ['name: ${APP}', undefined],
    ['', undefined],
  ])('reads the app name of %j as %s', (text, name) => {
    expect(nameFromCompose(text)).toBe(name);
  });
});

describe('parseEnv', () => {
  it('reads KEY=value lines, quotes and export, skipping comments and blank lines', () => {
    expect(parseEnv('TAG=1.4\n\n# comment\nexport GREETING="hello world"\nEMPTY=\nQ=\'a=b\'')).toEqual({
      environment: { TAG: '1.4', GREETING: 'hello world', EMPTY: '', Q: 'a=b' },
      badLines: [],
    });
  });

  it('names the lines that are not KEY=value', () => {
    expect(parseEnv('OK=1\nnot a variable\n1X=2').badLines).toEqual([2, 3]);
  });
});

describe('deploy form helpers', () => {
  it('accepts Compose project names only', () => {
    expect(appNamePattern.test('shop-2_a')).toBe(true);
    expect(appNamePattern.test('Shop')).toBe(false);
    expect(appNamePattern.test('-shop')).toBe(false);
  });

  it('puts a default project folder under /srv/berth', () => {
    expect(defaultProjectDir('shop')).toBe('/srv/berth/shop');
    expect(defaultProjectDir('')).toBe('/srv/berth/app');
  });

  it('finds the offset of a line and column, clamped to the line', () => {
    const text = 'name: shop\nservices:\n  web: 12';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 3, 3)).toBe(text.indexOf('web'));
    expect(offsetOf(text, 2, 99)).toBe(text.indexOf('\n  web'));
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });
});
