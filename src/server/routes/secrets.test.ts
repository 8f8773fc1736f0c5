import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKit, testToken, type ApiKit } from '../api-test-kit.js';

let kit: ApiKit;
beforeEach(async () => {
  kit = await apiKit();
});
afterEach(() => kit.close());

const put = (path: string, body: unknown) =>
  kit.api.request(path, {
    method: 'PUT',
    headers: { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('secrets API', () => {
  it('stores a secret encrypted and never returns its value', async () => {
    const res = await put('/api/v1/apps/shop/secrets/REGISTRY_PASSWORD', { value: 's3cret-value-123' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).not.toContain('s3cret-value-123');
    const list = await (await kit.get('/api/v1/apps/shop/secrets')).text();
    expect(list).toContain('REGISTRY_PASSWORD');
    expect(list).not.toContain('s3cret-value-123');
    const [stored] = kit.store.secrets.blobs('shop');
    expect(stored?.blob.includes(Buffer.from('s3cret-value-123'))).toBe(false);
  });

  it.each([
    ['a value too short to mask', 'TOKEN', 'short', 'BERTH_SECRET_UNMASKABLE'],
    ['a lower-case name', 'token', 'long-enough-value', 'BERTH_BAD_REQUEST'],
  ])('refuses %s', async (_label, name, value, code) => {
    const res = await put(`/api/v1/apps/shop/secrets/${name}`, { value });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(kit.store.secrets.list('shop')).toEqual([]);
  });
});
