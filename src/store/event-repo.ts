import type { Db } from './open-store.js';

/** Something that happened to an app: a restart, a probe failure, a release becoming ready. */
export interface AppEvent {
  id: number;
  app: string;
  at: number;
  kind: string;
  message: string;
  data: Record<string, unknown> | null;
}

interface EventRow {
  id: number;
  app: string;
  at: number;
  kind: string;
  message: string;
  data: string | null;
}

/** Append-only event history per app, trimmed to the newest `keepPerApp` rows. */
export class EventRepo {
  readonly #db: Db;
  readonly #keepPerApp: number;

  constructor(db: Db, keepPerApp = 5000) {
    this.#db = db;
    this.#keepPerApp = keepPerApp;
  }

  add(app: string, kind: string, message: string, data?: Record<string, unknown>, at = Date.now()): void {
    const info = this.#db
      .prepare('INSERT INTO events (app, at, kind, message, data) VALUES (?, ?, ?, ?, ?)')
      .run(app, at, kind, message, data === undefined ? null : JSON.stringify(data));
    if (Number(info.lastInsertRowid) % 500 === 0) {
      this.#db
        .prepare(
          'DELETE FROM events WHERE app = ? AND id <= (SELECT id FROM events WHERE app = ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
        )
        .run(app, app, this.#keepPerApp);
    }
  }

  list(app: string, options: { limit?: number; afterId?: number } = {}): AppEvent[] {
    // Without `afterId`: the newest `limit` events. With it (following): the oldest after that id first,
    // so a follower never skips events when more than `limit` arrived between two polls.
    const sql =
      options.afterId === undefined || options.afterId === 0
        ? 'SELECT * FROM events WHERE app = ? AND id > ? ORDER BY id DESC LIMIT ?'
        : 'SELECT * FROM (SELECT * FROM events WHERE app = ? AND id > ? ORDER BY id ASC LIMIT ?) ORDER BY id DESC';
    const rows = this.#db.prepare(sql).all(app, options.afterId ?? 0, options.limit ?? 100) as EventRow[];
    return rows.map((row) => ({
      ...row,
      data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    }));
  }
}
