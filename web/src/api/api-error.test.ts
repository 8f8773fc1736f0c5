import { describe, expect, it } from 'vitest';
import { toApiError, unreachable } from './api-error';
import { apiUrl, authHeaders } from './client';

describe('API errors', () => {
  it("keeps Berth's code, message and hint, and the Retry-After of a throttled login", () => {
    const body = JSON.stringify({
      error: {
        code: 'BERTH_UNAUTHORIZED',
        message: 'too many failed logins; try again in 540 s',
        hint: 'wait',
      },
    });

    const error = toApiError(401, body, '540');

    expect(error).toMatchObject({
      status: 401,
      code: 'BERTH_UNAUTHORIZED',
      message: 'too many failed logins; try again in 540 s',
      hint: 'wait',
      retryAfterS: 540,
    });
  });

  it('gives a readable message for bodies that are not Berth errors', () => {
    expect(toApiError(502, '<html>Bad Gateway</html>').message).toBe('HTTP 502: <html>Bad Gateway</html>');
    expect(toApiError(500, '').message).toBe('HTTP 500');
  });

  it('says the daemon cannot be reached when fetch itself fails', () => {
    const error = unreachable(new TypeError('Failed to fetch'));
    expect(error.status).toBe(0);
    expect(error.message).toContain('Failed to fetch');
  });
});

describe('apiUrl', () => {
  it.each([
    ['/apps', undefined, '/api/v1/apps'],
    ['apps/shop', undefined, '/api/v1/apps/shop'],
    ['/api/v1/openapi.json', undefined, '/api/v1/openapi.json'],
    ['/apps/shop/events', { limit: 5, after: undefined }, '/api/v1/apps/shop/events?limit=5'],
    ['/logs/tail?query=x', { since: '1h' }, '/api/v1/logs/tail?query=x&since=1h'],
  ])('apiUrl(%j, %j) is %s', (path, query, url) => {
    expect(apiUrl(path, query)).toBe(url);
  });

  it('sends no CSRF header before a session is known', () => {
    expect(authHeaders('POST')).toEqual({});
  });
});
