import { describe, expect, it } from 'vitest';
import { assertSecretName } from './secret-name.js';

describe('assertSecretName', () => {
  it.each(['DB_PASSWORD', '_PRIVATE', 'A', 'TOKEN_2', 'X'.repeat(128)])('accepts %s', (name) => {
    expect(() => assertSecretName(name)).not.toThrow();
  });

  it.each([
    ['', /is empty/],
    ['db-password', /Use DB_PASSWORD instead/],
    ['2FA_SEED', /must not start with a digit.*Use _2FA_SEED instead/],
    ['API TOKEN', /Use API_TOKEN instead/],
    ['BERTH_TOKEN', /reserved for Berth's own step variables/],
    ['X'.repeat(129), /longer than 128 characters/],
  ])('refuses %j, saying what to use', (name, message) => {
    let error: unknown;
    try {
      assertSecretName(name);
    } catch (caught) {
      error = caught;
    }
    const text = error instanceof Error ? `${error.message} ${(error as { hint?: string }).hint ?? ''}` : '';
    expect(text).toMatch(message);
  });
});
