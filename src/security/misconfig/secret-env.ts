const secretWord = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL/i;
const keyWord = /(?:^|[_.-])[A-Z0-9]*KEYS?(?:$|[_.-])/i;

/**
 * Names that usually hold credentials: any name containing PASSWORD, PASSWD, SECRET, TOKEN or CREDENTIAL,
 * and names with a word ending in KEY (`API_KEY`, `STRIPE_KEY`, `APIKEY`) but not words that merely start
 * with it (`KEYCLOAK_URL`) nor public keys. `*_FILE` names point at a secret file, not a secret.
 *
 * @example
 * looksLikeSecretName('POSTGRES_PASSWORD'); // true
 * looksLikeSecretName('POSTGRES_PASSWORD_FILE'); // false
 */
export function looksLikeSecretName(name: string): boolean {
  if (/_FILE$/i.test(name)) return false;
  if (secretWord.test(name)) return true;
  return keyWord.test(name) && !/PUBLIC|PUBKEY/i.test(name);
}

/**
 * True when a Compose value takes part of its text from a variable (`${DB_PASSWORD}`, `$TOKEN`); `$$` is an
 * escaped dollar sign, not a variable (Compose spec, Interpolation).
 */
export function isInterpolated(value: string): boolean {
  return /\$\{|\$[A-Za-z_]/.test(value.replaceAll('$$', ''));
}

/** Values that are switches or empty rather than credentials. */
export function isTrivialValue(value: string): boolean {
  return /^(?:|true|false|yes|no|on|off|null)$/i.test(value.trim());
}

/**
 * Masks a secret so a finding can be shown, logged and stored without leaking it: nothing of the value is
 * kept, not even its length.
 */
export function maskSecret(_value: string): string {
  return '********';
}
