import type DatabaseConstructor from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { vulnDbMigrations } from './vulndb-migrations.js';

// Through require, not import: importing a CommonJS package from ESM first lexes its modules for named
// exports, which doubled better-sqlite3's load time (~8 ms of CPU, on every image scan; bench/scan.ts, issue 4).
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof DatabaseConstructor;

/**
 * Opens (creating if needed) the vulnerability database file and applies pending migrations. WAL lets
 * scans read while an import writes; `synchronous=NORMAL` is durable across process crashes in WAL mode.
 * `':memory:'` gives a private in-memory database (tests).
 */
export function openVulnDbFile(path: string): DatabaseConstructor.Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, path);
    return db;
  } catch (error) {
    if (error instanceof BerthError) throw error;
    throw new BerthError('BERTH_STORE', `cannot open the vulnerability database "${path}"`, {
      hint: 'Check that the directory is writable; the file is a cache and can be deleted and re-imported.',
      cause: error,
    });
  }
}

/** Applies every migration newer than the file's `user_version`, each in its own transaction. */
function migrate(db: DatabaseConstructor.Database, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = vulnDbMigrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new BerthError(
      'BERTH_STORE',
      `vulnerability database "${path}" has schema v${current}, newer than this Berth (v${latest})`,
      { hint: 'Upgrade Berth, or delete the file and import the data again.' },
    );
  }
  for (const migration of vulnDbMigrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
