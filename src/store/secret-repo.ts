import type { Db } from './open-store.js';

/** Encrypted secret values per app; the store never sees plaintext (see src/secrets). */
export class SecretRepo {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  set(app: string, name: string, blob: Buffer, now = Date.now()): void {
    this.#db
      .prepare(
        `INSERT INTO secrets (app, name, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (app, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(app, name, blob, now);
  }

  /** Names and update times only; values never leave the store through this. */
  list(app: string): { name: string; updatedAt: number }[] {
    return (
      this.#db.prepare('SELECT name, updated_at FROM secrets WHERE app = ? ORDER BY name').all(app) as {
        name: string;
        updated_at: number;
      }[]
    ).map((r) => ({ name: r.name, updatedAt: r.updated_at }));
  }

  /** Every encrypted value of an app, for the runner to decrypt. */
  blobs(app: string): { name: string; blob: Buffer }[] {
    return (
      this.#db.prepare('SELECT name, value FROM secrets WHERE app = ?').all(app) as {
        name: string;
        value: Buffer;
      }[]
    ).map((r) => ({ name: r.name, blob: r.value }));
  }

  delete(app: string, name: string): boolean {
    return this.#db.prepare('DELETE FROM secrets WHERE app = ? AND name = ?').run(app, name).changes > 0;
  }
}
