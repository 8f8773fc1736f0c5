import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../errors/index.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) `state.db` under `home` and applies pending migrations. WAL mode keeps
 * readers off the writer's back; `synchronous=NORMAL` is durable across process crashes in WAL mode.
 */
export function openDatabase(home: string): Db {
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const path = join(home, 'state.db');
    const db = new Database(path);
    chmodSync(path, 0o600);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    if (error instanceof BerthError) throw error;
    throw new BerthError('BERTH_STORE', `cannot open the state database in "${home}"`, {
      hint: 'Check that BERTH_HOME is writable and not used by a newer Berth version.',
      cause: error,
    });
  }
}

/** Applies every migration newer than the database's `user_version`. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new BerthError(
      'BERTH_STORE',
      `state database schema v${current} is newer than this Berth (v${latest})`,
      {
        hint: 'Upgrade Berth, or point BERTH_HOME at another directory.',
      },
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
