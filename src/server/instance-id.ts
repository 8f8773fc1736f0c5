import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The id of this installation (`$BERTH_HOME/instance.id`), created on first start. Engine objects are
 * labelled with it so that another Berth, or a fresh BERTH_HOME, never removes containers it did not
 * create (docs/decisions/0001).
 */
export function ensureInstanceId(home: string): string {
  const path = join(home, 'instance.id');
  if (!existsSync(path))
    writeFileSync(path, `${randomBytes(6).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return readFileSync(path, 'utf8').trim();
}
