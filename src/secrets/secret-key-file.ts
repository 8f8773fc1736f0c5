import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../errors/index.js';

/** Bytes in an AES-256 key. */
export const secretKeyLength = 32;

export const secretKeyFile = (home: string): string => join(home, 'secrets.key');

/**
 * Returns the key that encrypts secrets at rest, creating `$BERTH_HOME/secrets.key` (32 random bytes,
 * mode 0600) on first use. Creation is atomic: the key is written and synced to a temporary file, then
 * hard-linked into place, which fails if another process got there first (its key is then used), so two
 * Berth processes never end up with different keys and a crash never leaves a half-written key.
 *
 * Refuses a key file that group or others may read or write (with the `chmod` that fixes it) and one that
 * is not exactly 32 bytes. Losing this file loses every secret: back it up with BERTH_HOME.
 */
export function loadSecretKey(home: string): Buffer {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const path = secretKeyFile(home);
  if (!exists(path)) createKeyFile(path);
  const stat = statSync(path);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new BerthError(
      'BERTH_CONFIG',
      `the secrets key ${path} has mode ${mode}: group or others can access it`,
      {
        hint: `Run: chmod 600 ${path}`,
        details: { path, mode },
      },
    );
  }
  const key = readFileSync(path);
  if (key.length !== secretKeyLength) {
    throw new BerthError(
      'BERTH_CONFIG',
      `the secrets key ${path} is ${key.length} bytes, not ${secretKeyLength}`,
      {
        hint: 'Restore secrets.key from a backup of BERTH_HOME. If it is lost, delete it and set every secret again.',
        details: { path },
      },
    );
  }
  return key;
}

function createKeyFile(path: string): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(secretKeyLength));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
