/** Words that mark a credential when they are a whole word of a name (Dockle CIS-DI-0010's list). */
const secretWords = new Set([
  'PASS',
  'PASSWD',
  'PASSWORD',
  'PASSPHRASE',
  'PWD',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'KEY',
  'APIKEY',
  'ACCESSKEY',
  'CREDENTIAL',
  'CREDENTIALS',
]);

/** Words that make a name harmless even with a secret word: file paths, public halves, key ids. */
const harmlessWords = new Set([
  'FILE',
  'PATH',
  'DIR',
  'URL',
  'PUBLIC',
  'PUB',
  'ID',
  'NAME',
  'TYPE',
  'SIZE',
  'LENGTH',
]);

/** Names Dockle accepts by default: upstream GPG signing key fingerprints of official images. */
export const defaultAcceptedNames: readonly string[] = ['GPG_KEY', 'GPG_KEYS'];

/**
 * Whether an ENV, LABEL or build-arg name holds a credential, matching **whole words** (split on `_`,
 * `.`, `-` and camelCase), not substrings: Dockle's substring match flagged `PASSENGER_VERSION` and package
 * names (goodwithtech/dockle#159, #202, #250). `PWD` alone is the shell's working directory, not a secret.
 *
 * @example
 * isSecretName('DB_PASSWORD'); // true
 * isSecretName('KEYCLOAK_URL'); // false
 */
export function isSecretName(name: string, accepted: readonly string[] = defaultAcceptedNames): boolean {
  if (accepted.some((a) => a.toUpperCase() === name.toUpperCase()) || name === 'PWD') return false;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[_.\-/]+/)
    .filter(Boolean);
  return words.some((w) => secretWords.has(w)) && !words.some((w) => harmlessWords.has(w));
}

/** Values that are switches, empty, or placeholders rather than credentials. */
export function isTrivialValue(value: string): boolean {
  return /^(?:|true|false|yes|no|on|off|null|none|0|1)$/i.test(value.trim()) || /^\$\{?[A-Za-z_]/.test(value);
}
