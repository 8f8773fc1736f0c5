import { describe, expect, it } from 'vitest';
import { matchPath, matchRoute, patchQuery, pathFor } from './router-match';
import { routes } from './routes';

describe('router matching', () => {
  it.each([
    ['/', '/', {}],
    ['/apps/:app', '/apps/shop', { app: 'shop' }],
    ['/apps/:app/pipelines/:run', '/apps/shop/pipelines/12', { app: 'shop', run: '12' }],
    ['/apps/:app', '/apps/my%20app', { app: 'my app' }],
    ['/logs', '/logs/', {}],
  ])('matchPath(%j, %j) gives %j', (pattern, path, params) => {
    expect(matchPath(pattern, path)).toEqual(params);
  });

  it.each([
    ['/apps/:app', '/apps'],
    ['/apps/:app', '/apps/shop/extra'],
    ['/logs', '/metrics'],
    ['/apps/:app', '/apps/%E0%A4%A'],
  ])('matchPath(%j, %j) does not match', (pattern, path) => {
    expect(matchPath(pattern, path)).toBeUndefined();
  });

  it.each([
    ['/', 'Overview', {}],
    ['/apps/shop', 'App', { app: 'shop' }],
    ['/pipelines', 'Pipelines', {}],
    ['/apps/shop/pipelines', 'Pipelines', { app: 'shop' }],
    ['/apps/shop/pipelines/7', 'Pipeline run', { app: 'shop', run: '7' }],
    ['/security', 'Security', {}],
    ['/logs', 'Logs', {}],
    ['/metrics', 'Metrics', {}],
    ['/settings', 'Settings', {}],
  ])('the routes table sends %s to the %s page', (path, title, params) => {
    const match = matchRoute(routes, path);
    expect(match?.route.title).toBe(title);
    expect(match?.params).toEqual(params);
  });

  it('finds no route for an unknown path', () => {
    expect(matchRoute(routes, '/nope/deeper')).toBeUndefined();
  });

  it('pathFor() fills and encodes params, and names a missing one', () => {
    expect(pathFor('/apps/:app/pipelines/:run', { app: 'my app', run: 3 })).toBe(
      '/apps/my%20app/pipelines/3',
    );
    expect(() => pathFor('/apps/:app', {})).toThrow('missing param "app"');
  });

  it('patchQuery() sets, replaces and removes keys and keeps the others', () => {
    expect(patchQuery('severity=high&page=2', { page: null, q: 'openssl' })).toBe('severity=high&q=openssl');
    expect(patchQuery('', { page: 1 })).toBe('page=1');
    expect(patchQuery('a=1', { a: '' })).toBe('');
  });
});
