import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { BerthError } from '../errors/index.js';

// scrypt with N=2^15, r=8, p=1 (OWASP's minimum recommendation for scrypt) and a 16-byte salt.
const params = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const keyLength = 32;
export const minPasswordLength = 12;

/** `scrypt$N$r$p$salt$key` (base64url), self-describing so parameters can be raised later. */
export function hashPassword(password: string): string {
  if (password.length < minPasswordLength) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `the password has ${password.length} characters, fewer than ${minPasswordLength}`,
      {
        hint: `Use at least ${minPasswordLength} characters (a passphrase is fine).`,
      },
    );
  }
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, keyLength, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** Constant-time check of a password against a stored hash; false for a malformed hash. */
export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: params.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
