import Database from 'better-sqlite3';
import { join } from 'node:path';

/** A block as the index knows it. `sealed = false` marks a head block (see log-store.ts). */
export interface BlockRow {
  id: number;
  streamId: number;
  sealed: boolean;
  file: number;
  offset: number;
  length: number;
  codec: number;
  minTs: number;
  maxTs: number;
  entries: number;
  rawBytes: number;
  /** The bloom sits in the segment file right before the block: `[offset - bloomBytes, offset)`. */
  bloomBytes: number;
}

export type NewBlock = Omit<BlockRow, 'id'>;

export interface BlockTotals {
  blocks: number;
  heads: number;
  entries: number;
  rawBytes: number;
  storedBytes: number;
  headBytes: number;
}

/** Where a deleted block's bytes were, to keep the per-file live counters right. */
export interface DroppedBlock {
  id: number;
  file: number;
  length: number;
  bloomBytes: number;
  entries: number;
}

export interface BlockPage {
  direction: 'forward' | 'backward';
  /** Stream ids to read, or undefined for every stream. */
  streamIds: readonly number[] | undefined;
  startMs: number;
  endMs: number;
  /** Ignore blocks written after the query started. */
  maxId: number;
  /** Keyset cursor: the (min_ts or max_ts, id) of the last row of the previous page. */
  after: { ts: number; id: number } | undefined;
  limit: number;
}

/** Bump with a migration when the tables or the block format change. */
const schemaVersion = 2;

const schema = `
CREATE TABLE IF NOT EXISTS streams (
  id INTEGER PRIMARY KEY,
  labels TEXT NOT NULL UNIQUE,
  app TEXT
);
CREATE INDEX IF NOT EXISTS streams_by_app ON streams(app);
CREATE TABLE IF NOT EXISTS blocks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id INTEGER NOT NULL REFERENCES streams(id),
  sealed INTEGER NOT NULL,
  file INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  length INTEGER NOT NULL,
  codec INTEGER NOT NULL,
  min_ts REAL NOT NULL,
  max_ts REAL NOT NULL,
  entries INTEGER NOT NULL,
  raw_bytes INTEGER NOT NULL,
  bloom_bytes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS blocks_by_min ON blocks(sealed, min_ts, id);
CREATE INDEX IF NOT EXISTS blocks_by_max ON blocks(sealed, max_ts, id);
CREATE INDEX IF NOT EXISTS blocks_by_stream ON blocks(stream_id, sealed, min_ts);
CREATE INDEX IF NOT EXISTS blocks_by_file ON blocks(file);
CREATE TABLE IF NOT EXISTS checkpoints (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

const columns = `id, stream_id AS streamId, sealed, file, offset, length, codec, min_ts AS minTs,
  max_ts AS maxTs, entries, raw_bytes AS rawBytes, bloom_bytes AS bloomBytes`;

type RawRow = Omit<BlockRow, 'sealed'> & { sealed: number };

const rawColumns =
  'id, stream_id, file, offset, length, codec, min_ts, max_ts, entries, raw_bytes, bloom_bytes';
const fromRaw = (r: number[]): BlockRow => ({
  id: r[0] ?? 0,
  streamId: r[1] ?? 0,
  sealed: true,
  file: r[2] ?? 0,
  offset: r[3] ?? 0,
  length: r[4] ?? 0,
  codec: r[5] ?? 0,
  minTs: r[6] ?? 0,
  maxTs: r[7] ?? 0,
  entries: r[8] ?? 0,
  rawBytes: r[9] ?? 0,
  bloomBytes: r[10] ?? 0,
});
const toRow = (raw: RawRow): BlockRow => ({ ...raw, sealed: raw.sealed === 1 });

/**
 * The log store's SQLite index (`index.db`): streams, blocks with their place and time range, and
 * collector checkpoints. WAL with `synchronous=NORMAL` as in src/store/open-store.ts: a commit
 * survives a process crash; after a power loss the last commits may roll back, never half of one.
 */
export class IndexDb {
  readonly #db: Database.Database;
  readonly #pageStatements = new Map<string, Database.Statement>();
  readonly #insertBlock: Database.Statement;
  readonly #deleteBlock: Database.Statement;

  constructor(dir: string) {
    this.#db = new Database(join(dir, 'index.db'));
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version !== 0 && version !== schemaVersion) {
      // v1 only existed in development builds (blooms in the index, another block layout).
      throw new RangeError(`log index schema v${version} is not v${schemaVersion}`);
    }
    this.#db.exec(schema);
    this.#db.pragma(`user_version = ${schemaVersion}`);
    this.#insertBlock = this.#db.prepare(`INSERT INTO blocks
      (stream_id, sealed, file, offset, length, codec, min_ts, max_ts, entries, raw_bytes, bloom_bytes)
      VALUES (@streamId, @sealed, @file, @offset, @length, @codec, @minTs, @maxTs, @entries, @rawBytes,
              @bloomBytes)`);
    this.#deleteBlock = this.#db.prepare(
      'DELETE FROM blocks WHERE id = ? RETURNING id, file, length, bloom_bytes AS bloomBytes, entries',
    );
  }

  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  streams(): { id: number; labels: string }[] {
    return this.#db.prepare('SELECT id, labels FROM streams ORDER BY id').all() as {
      id: number;
      labels: string;
    }[];
  }

  insertStream(labelsKey: string, app: string | undefined): number {
    const row = this.#db
      .prepare('INSERT INTO streams (labels, app) VALUES (?, ?) RETURNING id')
      .get(labelsKey, app ?? null) as { id: number };
    return row.id;
  }

  insertBlock(block: NewBlock): number {
    const info = this.#insertBlock.run({
      ...block,
      sealed: block.sealed ? 1 : 0,
    });
    return Number(info.lastInsertRowid);
  }

  deleteBlock(id: number): DroppedBlock | undefined {
    return this.#deleteBlock.get(id) as DroppedBlock | undefined;
  }

  moveBlock(id: number, file: number, offset: number): void {
    this.#db.prepare('UPDATE blocks SET file = ?, offset = ? WHERE id = ?').run(file, offset, id);
  }

  maxBlockId(): number {
    const row = this.#db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'blocks'").get() as
      { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /** One page of sealed blocks overlapping `[startMs, endMs)`, in the order a merge opens them. */
  pageBlocks(page: BlockPage): BlockRow[] {
    const forward = page.direction === 'forward';
    const key = `${page.direction}:${page.streamIds !== undefined}:${page.after !== undefined}`;
    let statement = this.#pageStatements.get(key);
    if (statement === undefined) {
      const tsColumn = forward ? 'min_ts' : 'max_ts';
      const cmp = forward ? '>' : '<';
      const order = forward ? 'ASC' : 'DESC';
      // Raw rows (arrays): a needle query pages through every block, and named-column objects cost
      // three times as much to build as the arrays.
      statement = this.#db
        .prepare(
          `SELECT ${rawColumns} FROM blocks
        WHERE sealed = 1 AND id <= @maxId AND min_ts < @endMs AND max_ts >= @startMs
        ${page.streamIds === undefined ? '' : 'AND stream_id IN (SELECT value FROM json_each(@streams))'}
        ${page.after === undefined ? '' : `AND (${tsColumn} ${cmp} @afterTs OR (${tsColumn} = @afterTs AND id ${cmp} @afterId))`}
        ORDER BY ${tsColumn} ${order}, id ${order} LIMIT @limit`,
        )
        .raw(true);
      this.#pageStatements.set(key, statement);
    }
    const params: Record<string, unknown> = {
      maxId: page.maxId,
      startMs: page.startMs,
      endMs: page.endMs,
      limit: page.limit,
    };
    if (page.streamIds !== undefined) params['streams'] = JSON.stringify(page.streamIds);
    if (page.after !== undefined) {
      params['afterTs'] = page.after.ts;
      params['afterId'] = page.after.id;
    }
    return (statement.all(params) as number[][]).map(fromRaw);
  }

  /** Head (unsealed) blocks in write order, to rebuild the in-memory buffers at open. */
  headBlocks(): BlockRow[] {
    return (
      this.#db.prepare(`SELECT ${columns} FROM blocks WHERE sealed = 0 ORDER BY id`).all() as RawRow[]
    ).map(toRow);
  }

  /** Sealed blocks of these streams that overlap `[startMs, endMs)`. */
  sealedBlocksOverlapping(streamIds: readonly number[], startMs: number, endMs: number): BlockRow[] {
    const rows = this.#db
      .prepare(
        `SELECT ${columns} FROM blocks WHERE sealed = 1 AND min_ts < ? AND max_ts >= ?
         AND stream_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(endMs, startMs, JSON.stringify(streamIds)) as RawRow[];
    return rows.map(toRow);
  }

  blocksInFile(file: number): BlockRow[] {
    const rows = this.#db.prepare(`SELECT ${columns} FROM blocks WHERE file = ? ORDER BY offset`).all(file);
    return (rows as RawRow[]).map(toRow);
  }

  /** Live bytes (blocks and their blooms) and block count per segment file. */
  fileUsage(): { file: number; liveBytes: number; blocks: number }[] {
    return this.#db
      .prepare(
        'SELECT file, SUM(length + bloom_bytes) AS liveBytes, COUNT(*) AS blocks FROM blocks GROUP BY file',
      )
      .all() as { file: number; liveBytes: number; blocks: number }[];
  }

  /** Runs a `DELETE … RETURNING` chosen by retention.ts. */
  dropWhere(sql: string, params: Record<string, unknown>): DroppedBlock[] {
    return this.#db
      .prepare(
        `DELETE FROM blocks WHERE id IN (${sql}) RETURNING id, file, length, bloom_bytes AS bloomBytes, entries`,
      )
      .all(params) as DroppedBlock[];
  }

  totals(): BlockTotals {
    return this.#db
      .prepare(
        `SELECT COALESCE(SUM(sealed), 0) AS blocks, COALESCE(SUM(1 - sealed), 0) AS heads,
         COALESCE(SUM(entries * sealed), 0) AS entries, COALESCE(SUM(raw_bytes * sealed), 0) AS rawBytes,
         COALESCE(SUM((length + bloom_bytes) * sealed), 0) AS storedBytes,
         COALESCE(SUM(length * (1 - sealed)), 0) AS headBytes FROM blocks`,
      )
      .get() as BlockTotals;
  }

  getCheckpoint(key: string): string | undefined {
    const row = this.#db.prepare('SELECT value FROM checkpoints WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setCheckpoint(key: string, value: string): void {
    this.#db
      .prepare(
        'INSERT INTO checkpoints (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  /** A never-reused number for a new segment file. */
  nextFileNumber(): number {
    const row = this.#db
      .prepare(
        `INSERT INTO meta (key, value) VALUES ('next_file', 2) ON CONFLICT(key) DO UPDATE SET value = value + 1
         RETURNING value - 1 AS file`,
      )
      .get() as { file: number };
    return row.file;
  }

  databaseFiles(): string[] {
    const name = this.#db.name;
    return [name, `${name}-wal`, `${name}-shm`];
  }

  close(): void {
    this.#db.close();
  }
}
