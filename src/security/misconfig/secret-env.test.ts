import { describe, expect, it } from 'vitest';
import { isInterpolated, looksLikeSecretName, maskSecret } from './secret-env.js';

describe('looksLikeSecretName', () => {
  it.each([
    'DB_PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'db_passwd',
    'JWT_SECRET',
    'GITHUB_TOKEN',
    'API_KEY',
    'APIKEY',
    'STRIPE_SECRET_KEY',
    'AWS_ACCESS_KEY_ID',
    'SSH_KEYS',
    'GOOGLE_APPLICATION_CREDENTIALS',
  ])('treats %s as a secret name', (name) => {
    expect(looksLikeSecretName(name)).toBe(true);
  });

  it.each(['DB_HOST', 'KEYCLOAK_URL', 'POSTGRES_PASSWORD_FILE', 'SSH_PUBLIC_KEY', 'PUBKEY', 'LOG_LEVEL'])(
    'does not treat %s as a secret name',
    (name) => {
      expect(looksLikeSecretName(name)).toBe(false);
    },
  );
});

describe('isInterpolated', () => {
  it.each([
    ['${DB_PASSWORD}', true],
    ['${DB_PASSWORD:?required}', true],
    ['$TOKEN', true],
    ['prefix-${X}', true],
    ['pa$$word', false],
    ['$$HOME', false],
    ['plain', false],
    ['costs $5', false],
  ])('%j → %j', (value, expected) => {
    expect(isInterpolated(value)).toBe(expected);
  });
});

describe('maskSecret', () => {
  it('keeps nothing of the value, not even its length', () => {
    expect(maskSecret('a')).toBe(maskSecret('a much longer secret value'));
    expect(maskSecret('hunter2')).not.toContain('h');
  });
});
