import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const adminTokenFile = (home: string): string => join(home, 'admin.token');

/**
 * Returns the admin token, creating `$BERTH_HOME/admin.token` (mode 0600, 256 random bits) on first
 * start. A token file readable by others is tightened back to 0600.
 */
export function ensureAdminToken(home: string): string {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const path = adminTokenFile(home);
  if (!existsSync(path)) {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return readFileSync(path, 'utf8').trim();
}
