import type DatabaseConstructor from 'better-sqlite3';
import { createRequire } from 'node:module';
import type { OsPackage } from './os-package.js';
import { parseRpmHeader } from './rpm-header.js';

// Through require, as in vulndb/open-vulndb-file.ts: importing the CommonJS package from ESM lexes it first.
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof DatabaseConstructor;

/**
 * Reads the SQLite rpmdb (`rpmdb.sqlite`, RHEL 9/UBI 9, Fedora 33+): table `Packages(hnum, blob)` holds one
 * header blob per package; `gpg-pubkey` pseudo-packages are left out. The bytes are opened in memory.
 */
export function readRpmdbSqlite(bytes: Buffer): OsPackage[] {
  // A database left in WAL mode (header bytes 18-19 = 2) cannot be opened from memory; as a copy that
  // has been checkpointed it reads the same in rollback mode (sqlite.org/fileformat2.html §1.3.3).
  const copy = Buffer.from(bytes);
  if (copy[18] === 2 && copy[19] === 2) {
    copy[18] = 1;
    copy[19] = 1;
  }
  const db = new Database(copy, { readonly: true });
  try {
    const rows = db.prepare('SELECT blob FROM Packages').all() as { blob: Buffer }[];
    return rows.flatMap((row) => {
      const pkg = parseRpmHeader(row.blob);
      return pkg === undefined || pkg.name === 'gpg-pubkey' ? [] : [pkg];
    });
  } finally {
    db.close();
  }
}
