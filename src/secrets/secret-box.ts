import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { BerthError } from '../errors/index.js';
import { loadSecretKey, secretKeyLength } from './secret-key-file.js';
import { assertSecretName } from './secret-name.js';
import { assertSecretValue } from './secret-value.js';

/**
 * The format byte that starts every sealed value. 1 = AES-256-GCM with the key in `secrets.key`; a later
 * key rotation gets a new number, so old values can still be told apart and re-encrypted.
 */
export const secretFormatVersion = 1;
const nonceLength = 12; // the GCM nonce length NIST SP 800-38D recommends
const tagLength = 16;

/**
 * Encrypts secret values at rest with AES-256-GCM (NIST SP 800-38D). A sealed value is
 * `version (1 byte) | nonce (12 random bytes) | ciphertext | tag (16 bytes)`. The version byte, the app
 * and the secret name are authenticated with it (additional data), so a value copied to another app or
 * name, or altered in any byte, fails to decrypt instead of yielding a wrong secret. A fresh random nonce
 * per value keeps nonces unique (collision odds stay negligible far beyond any number of secrets Berth holds).
 *
 * @example
 * const box = SecretBox.open(config.home);
 * const blob = box.encrypt('shop', 'DB_PASSWORD', value); // store blob
 * box.decrypt('shop', 'DB_PASSWORD', blob); // value
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== secretKeyLength)
      throw new RangeError(`a SecretBox key is ${secretKeyLength} bytes, not ${key.length}`);
    this.key = Buffer.from(key);
  }

  /** A box with the key in `$home/secrets.key`, created on first use (see `loadSecretKey`). */
  static open(home: string): SecretBox {
    return new SecretBox(loadSecretKey(home));
  }

  /** Validates the name and value (`assertSecretName`, `assertSecretValue`) and seals the value. */
  encrypt(app: string, name: string, value: string): Buffer {
    assertSecretName(name);
    assertSecretValue(name, value);
    return this.seal(app, name, value);
  }

  /**
   * Seals a value Berth itself keeps (a webhook secret, a forge token) without the user-secret rules;
   * use names users cannot choose (`berth:webhook`), so the two never collide.
   */
  seal(app: string, name: string, value: string): Buffer {
    const header = Buffer.of(secretFormatVersion);
    const nonce = randomBytes(nonceLength);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: tagLength });
    cipher.setAAD(additionalData(header, app, name));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([header, nonce, ciphertext, cipher.getAuthTag()]);
  }

  /** Opens a value sealed for this app and name; throws `BERTH_CONFIG` if it was altered, moved or sealed with another key. */
  decrypt(app: string, name: string, blob: Uint8Array): string {
    const sealed = Buffer.from(blob);
    const version = sealed[0];
    if (version !== secretFormatVersion) {
      throw new BerthError(
        'BERTH_CONFIG',
        `secret "${name}" of app "${app}" has format ${version ?? 'none'}, not ${secretFormatVersion}`,
        {
          hint: 'The value was written by another Berth version or is damaged; set the secret again.',
        },
      );
    }
    if (sealed.length < 1 + nonceLength + tagLength) throw unreadable(app, name);
    const nonce = sealed.subarray(1, 1 + nonceLength);
    const tag = sealed.subarray(sealed.length - tagLength);
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce, { authTagLength: tagLength });
    decipher.setAAD(additionalData(sealed.subarray(0, 1), app, name));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(1 + nonceLength, sealed.length - tagLength)),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw unreadable(app, name, error);
    }
  }
}

/** Binds a sealed value to its format, app and name; NUL separators keep ("a", "b_c") apart from ("a_b", "c"). */
function additionalData(header: Uint8Array, app: string, name: string): Buffer {
  return Buffer.concat([header, Buffer.from(`berth-secret\0${app}\0${name}`, 'utf8')]);
}

function unreadable(app: string, name: string, cause?: unknown): BerthError {
  return new BerthError(
    'BERTH_SECRET_UNREADABLE',
    `secret "${name}" of app "${app}" cannot be decrypted: it was altered, stored under another app or name, or encrypted with another secrets.key`,
    {
      hint: 'Check that BERTH_HOME holds the secrets.key the secret was set with; otherwise set the secret again with `berth secret set`.',
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
