import { createHash, randomBytes } from 'node:crypto';

/** A new API token: `berth_` and 32 random bytes; only its hash is stored. */
export function generateApiToken(): string {
  return `berth_${randomBytes(32).toString('base64url')}`;
}

/** Tokens have 256 bits of entropy, so a plain SHA-256 (no salt, no stretching) is enough to store them. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
