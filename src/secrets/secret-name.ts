import { BerthError } from '../errors/index.js';

/**
 * A secret's name: what a step's `from_secret` refers to, and usually the environment variable it lands
 * in. Upper-case letters, digits and `_`, not starting with a digit (POSIX "Environment Variables", the
 * portable name set), at most 128 characters. `BERTH_` is reserved for the variables Berth gives steps.
 */
export const secretNamePattern = /^[A-Z_][A-Z0-9_]*$/;
export const maxSecretNameLength = 128;
export const reservedSecretPrefix = 'BERTH_';

/** Throws `BERTH_BAD_REQUEST` quoting the name and the rule it breaks. */
export function assertSecretName(name: string): void {
  const fail = (why: string, hint: string): never => {
    throw new BerthError('BERTH_BAD_REQUEST', `secret name "${name}" ${why}`, { hint });
  };
  if (name.length === 0) fail('is empty', 'Name the secret, e.g. DB_PASSWORD.');
  if (name.length > maxSecretNameLength)
    fail(`is longer than ${maxSecretNameLength} characters`, 'Use a shorter name.');
  if (!secretNamePattern.test(name)) {
    const suggestion = name
      .toUpperCase()
      .replace(/[^A-Z0-9_]/g, '_')
      .replace(/^(\d)/, '_$1');
    fail('may only hold A-Z, 0-9 and _, and must not start with a digit', `Use ${suggestion} instead.`);
  }
  if (name.startsWith(reservedSecretPrefix)) {
    fail(
      `starts with ${reservedSecretPrefix}, which is reserved for Berth's own step variables`,
      `Use a name without the ${reservedSecretPrefix} prefix.`,
    );
  }
}

/** Names under which Berth seals its own per-app values; users cannot choose lower-case names. */
export const webhookSecretName = 'berth:webhook';
export const forgeTokenName = 'berth:forge-token';
