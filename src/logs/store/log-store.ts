import { mkdirSync, statSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { BlockDecompressor, decompressBlock, headCodec } from './block-codec.js';
import { BlockView } from './block-view.js';
import { BloomCache } from './bloom-cache.js';
import { buildBlock, rebuildBlock, type BuiltBlock } from './build-block.js';
import { ArraySource, sortByTime } from './entry-source.js';
import { compactSparseFiles } from './compact-files.js';
import { dropRange } from './drop-range.js';
import { IndexDb, type BlockRow, type DroppedBlock } from './index-db.js';
import { canonicalLabels } from './labels-key.js';
import type { Labels, LogLine } from './log-line.js';
import {
  DeleteOptionsSchema,
  LogStoreOptionsSchema,
  parseWith,
  RetentionPolicySchema,
  SelectOptionsSchema,
  type DeleteOptions,
  type LogStoreOptions,
  type LogStoreSettings,
  type RetentionPolicy,
  type SelectOptions,
  type SelectSettings,
} from './log-store-options.js';
import { retentionSteps } from './retention.js';
import { ScanPool } from './scan-pool.js';
import { selectEntries, type SelectedStream } from './select-entries.js';
import { SelectResult } from './select-result.js';
import { SegmentFiles } from './segment-files.js';
import {
  anchoredRegExp,
  compileSelector,
  type RegexCompiler,
  type StreamSelector,
} from './stream-selector.js';
import {
  checkMetadata,
  entryBytes,
  newStreamState,
  rowOf,
  type PendingBlock,
  type StreamState,
} from './stream-state.js';
import { DistinctItems } from './token-bloom.js';

/** Figures of the whole store. */
export interface LogStoreStats {
  streams: number;
  /** Sealed blocks. */
  blocks: number;
  /** Head blocks: durable copies of buffered entries, replaced when their stream's block is sealed. */
  headBlocks: number;
  /** Entries in sealed blocks plus entries buffered in memory. */
  entries: number;
  /** Raw bytes (lines as a text file) in sealed blocks. */
  rawBytes: number;
  /** Compressed bytes plus bloom bytes of sealed blocks (what `maxBytes` retention counts). */
  storedBytes: number;
  /** Compressed bytes of head blocks. */
  headBytes: number;
  bufferedEntries: number;
  bufferedBytes: number;
  /** Segment files plus the index database and its WAL. */
  diskBytes: number;
}

export interface DeleteResult {
  entriesDeleted: number;
  blocksDropped: number;
  blocksRewritten: number;
}

export interface RetentionResult {
  blocksDropped: number;
  entriesDropped: number;
  bytesDropped: number;
  filesCompacted: number;
}

/**
 * Berth's embedded log store (issue 5): streams identified by label sets, entries buffered per stream
 * and sealed into compressed, time-sorted blocks with a token bloom filter; an SQLite index of
 * streams and blocks; append-only segment files.
 *
 * Durability: `flush()` (also run every `flushIntervalMs`) writes each stream's new entries as a small
 * head block and commits them, together with every pending sealed block and every checkpoint set so
 * far, in one SQLite transaction. After a crash the store holds exactly what the last flush committed:
 * a checkpoint is never durable without the entries appended before it, nor those entries without it.
 * Head blocks are read back into memory on open and dropped when their stream's block is sealed.
 *
 * One process per directory.
 *
 * @example
 * const store = await LogStore.open(join(berthHome, 'logs'));
 * store.append({ app: 'shop', service: 'web' }, [{ timestampMs: Date.now(), line: 'GET / 200' }]);
 * store.setCheckpoint('container:abc', '2026-11-26T10:00:00.000Z');
 * await store.flush();
 * for await (const e of store.select({ selector: [{ name: 'app', op: '=', value: 'shop' }], startMs: 0, endMs: Date.now() + 1 }))
 *   console.log(e.line);
 * await store.close();
 */
export class LogStore {
  readonly #settings: LogStoreSettings;
  readonly #compileRegex: RegexCompiler;
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #db: IndexDb;
  readonly #files: SegmentFiles;
  readonly #streams = new Map<string, StreamState>();
  readonly #byId = new Map<number, StreamState>();
  readonly #checkpoints = new Map<string, string>();
  readonly #bloomScratch = new DistinctItems();
  #pending: PendingBlock[] = [];
  #dropHeads: number[] = [];
  #bufferedBytes = 0;
  #pool: ScanPool | undefined;
  readonly #blooms: BloomCache;
  readonly #decompressor = new BlockDecompressor();
  #timer: NodeJS.Timeout | undefined;
  #backgroundError: unknown;
  #closed = false;

  private constructor(dir: string, settings: LogStoreSettings, db: IndexDb, options: LogStoreOptions) {
    this.#settings = settings;
    this.#compileRegex = options.compileRegex ?? anchoredRegExp;
    this.#onError = options.onError;
    this.#db = db;
    this.#files = new SegmentFiles(dir, settings.segmentBytes, () => db.nextFileNumber());
    this.#blooms = new BloomCache(settings.bloomCacheBytes);
  }

  /** Opens (creating if needed) the store in `dir` and reloads buffered entries from head blocks. */
  static async open(dir: string, options: LogStoreOptions = {}): Promise<LogStore> {
    const { compileRegex: _regex, onError: _onError, ...rest } = options;
    const settings = parseWith(LogStoreOptionsSchema, rest, 'log store options', 'BERTH_CONFIG');
    let db: IndexDb | undefined;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      db = new IndexDb(dir);
      const store = new LogStore(dir, settings, db, options);
      store.#load();
      // Threads boot now, not on the first query (a worker from source takes ~100 ms to start).
      store.#scanPool()?.start();
      return await Promise.resolve(store);
    } catch (error) {
      db?.close();
      if (error instanceof BerthError) throw error;
      throw new BerthError('BERTH_STORE', `cannot open the log store in "${dir}"`, {
        hint: 'Check that the directory is writable, used by one Berth process only, and not from a newer Berth.',
        cause: error,
      });
    }
  }

  #load(): void {
    for (const row of this.#db.streams()) {
      const labels = Object.freeze(JSON.parse(row.labels) as Record<string, string>);
      const state = this.#newStream(row.labels, labels);
      state.id = row.id;
      this.#byId.set(row.id, state);
    }
    this.#files.load(this.#db.fileUsage());
    for (const row of this.#db.headBlocks()) {
      const stream = this.#byId.get(row.streamId);
      if (stream === undefined) continue;
      const view = this.#readBlock(row);
      for (let i = 0; i < view.count; i++) {
        const entry: LogLine = { timestampMs: view.timestamps[i] ?? 0, line: view.line(i) };
        const metadata = view.metadata(i);
        if (metadata !== undefined) entry.metadata = metadata;
        this.#buffer(stream, entry);
      }
      stream.flushed = stream.entries.length;
      stream.headIds.push(row.id);
    }
    if (this.#settings.flushIntervalMs > 0) {
      this.#timer = setInterval(() => this.#backgroundFlush(), this.#settings.flushIntervalMs);
      this.#timer.unref();
    }
  }

  #newStream(key: string, labels: Labels): StreamState {
    const state = newStreamState(key, labels);
    this.#streams.set(key, state);
    return state;
  }

  #readBlock(row: BlockRow): BlockView {
    return BlockView.decode(decompressBlock(this.#files.read(row.file, row.offset, row.length), row.codec));
  }

  #buffer(stream: StreamState, entry: LogLine): void {
    if (stream.entries.length === 0) stream.sinceMs = Date.now();
    stream.entries.push(entry);
    const n = entryBytes(entry);
    stream.bytes += n;
    stream.rawChars += entry.line.length + 1;
    this.#bufferedBytes += n;
  }

  /**
   * Buffers entries of one stream. Timestamps may be out of order (blocks are sorted when sealed). A
   * stream's buffer is sealed into a block at `blockBytes`; past `maxBufferedBytes` in total, the
   * largest buffers are sealed and everything is flushed at once.
   */
  append(labels: Labels, entries: readonly LogLine[]): void {
    this.#assertOpen();
    if (entries.length === 0) return;
    const canonical = canonicalLabels(labels);
    const stream = this.#streams.get(canonical.key) ?? this.#newStream(canonical.key, canonical.labels);
    for (const e of entries) {
      if (typeof e.line !== 'string' || !Number.isFinite(e.timestampMs)) {
        throw new BerthError('BERTH_BAD_REQUEST', `invalid log entry at ${JSON.stringify(e.timestampMs)}`, {
          hint: 'Each entry needs a finite timestampMs and a string line.',
        });
      }
      const entry: LogLine = { timestampMs: e.timestampMs, line: e.line };
      if (e.metadata !== undefined) entry.metadata = checkMetadata(e.metadata);
      this.#buffer(stream, entry);
    }
    if (stream.rawChars >= this.#settings.blockBytes) this.#seal(stream);
    if (this.#bufferedBytes > this.#settings.maxBufferedBytes) this.#relieve();
  }

  /**
   * Seals a stream's whole buffer into blocks (written now, committed at the next flush). A buffer of
   * n times `blockBytes` gives n equal blocks rather than full ones plus a small remainder.
   */
  #seal(stream: StreamState): void {
    if (stream.entries.length === 0) return;
    const sorted = sortByTime(stream.entries);
    const blocks = Math.max(1, Math.floor(stream.rawChars / this.#settings.blockBytes));
    const target = stream.rawChars / blocks;
    let chunk: LogLine[] = [];
    let chunkBytes = 0;
    let chunkChars = 0;
    const cut = (): void => {
      const block = buildBlock(chunk, this.#settings.codec, this.#bloomScratch);
      const at = this.#appendSealed(block);
      this.#pending.push({ stream, block, ...at, entries: chunk, bytes: chunkBytes });
      chunk = [];
      chunkBytes = 0;
      chunkChars = 0;
    };
    for (const e of sorted) {
      chunk.push(e);
      chunkBytes += entryBytes(e);
      chunkChars += e.line.length + 1;
      if (chunkChars >= target) cut();
    }
    if (chunk.length > 0) cut();
    this.#dropHeads.push(...stream.headIds);
    stream.entries = [];
    stream.bytes = 0;
    stream.rawChars = 0;
    stream.flushed = 0;
    stream.headIds = [];
  }

  #appendSealed(block: BuiltBlock): { file: number; offset: number } {
    return block.bloom === null
      ? this.#files.append('sealed', block.bytes)
      : this.#files.append('sealed', block.bloom, block.bytes);
  }

  /** Over the buffer cap: seal the largest buffers until at most half the cap is left, then flush. */
  #relieve(): void {
    const bySize = [...this.#streams.values()].filter((s) => s.bytes > 0).sort((a, b) => b.bytes - a.bytes);
    let streamBytes = bySize.reduce((n, s) => n + s.bytes, 0);
    for (const stream of bySize) {
      if (streamBytes <= this.#settings.maxBufferedBytes / 2) break;
      streamBytes -= stream.bytes;
      this.#seal(stream);
    }
    this.#flushSync();
  }

  /**
   * Records a collector checkpoint. It becomes durable in the same transaction as every entry appended
   * before this call (at the next flush), so a restart resumes exactly after the stored lines.
   */
  setCheckpoint(key: string, value: string): void {
    this.#assertOpen();
    this.#checkpoints.set(key, value);
  }

  /** The latest value set in this process, else the durable one. */
  getCheckpoint(key: string): string | undefined {
    this.#assertOpen();
    return this.#checkpoints.get(key) ?? this.#db.getCheckpoint(key);
  }

  /** Makes every appended entry and checkpoint durable (seals buffers older than `maxBlockAgeMs`). */
  flush(): Promise<void> {
    return new Promise((resolve) => {
      this.#assertOpen();
      const failed = this.#backgroundError;
      this.#backgroundError = undefined;
      if (failed !== undefined)
        throw failed instanceof Error ? failed : new Error('background flush failed', { cause: failed });
      this.#flushSync();
      resolve();
    });
  }

  #backgroundFlush(): void {
    try {
      this.#flushSync();
    } catch (error) {
      this.#backgroundError = error;
      this.#onError?.(error);
    }
  }

  #flushSync(): void {
    const now = Date.now();
    const heads: { stream: StreamState; block: BuiltBlock; file: number; offset: number; upTo: number }[] =
      [];
    for (const stream of this.#streams.values()) {
      if (stream.entries.length === 0) continue;
      if (now - stream.sinceMs >= this.#settings.maxBlockAgeMs) {
        this.#seal(stream);
      } else if (stream.flushed < stream.entries.length) {
        const block = buildBlock(sortByTime(stream.entries.slice(stream.flushed)), headCodec, undefined);
        heads.push({
          stream,
          block,
          ...this.#files.append('head', block.bytes),
          upTo: stream.entries.length,
        });
      }
    }
    const pending = this.#pending;
    const dropHeads = this.#dropHeads;
    if (pending.length === 0 && heads.length === 0 && dropHeads.length === 0 && this.#checkpoints.size === 0)
      return;
    this.#files.sync();
    const newIds = new Map<StreamState, number>();
    const streamId = (s: StreamState): number => {
      let id = s.id ?? newIds.get(s);
      if (id === undefined) {
        id = this.#db.insertStream(s.key, s.app);
        newIds.set(s, id);
      }
      return id;
    };
    const checkpoints = [...this.#checkpoints];
    const { dropped, headIds } = this.#db.transaction(() => {
      for (const p of pending)
        this.#db.insertBlock(rowOf(p.block, streamId(p.stream), true, p.file, p.offset));
      const gone = dropHeads.map((id) => this.#db.deleteBlock(id));
      const ids = heads.map((h) =>
        this.#db.insertBlock(rowOf(h.block, streamId(h.stream), false, h.file, h.offset)),
      );
      for (const [key, value] of checkpoints) this.#db.setCheckpoint(key, value);
      return { dropped: gone, headIds: ids };
    });
    for (const [stream, id] of newIds) {
      stream.id = id;
      this.#byId.set(id, stream);
    }
    heads.forEach((h, i) => {
      h.stream.flushed = h.upTo;
      h.stream.headIds.push(headIds[i] ?? 0);
    });
    for (const p of pending) this.#bufferedBytes -= p.bytes;
    this.#pending = this.#pending.slice(pending.length);
    this.#dropHeads = this.#dropHeads.slice(dropHeads.length);
    for (const [key, value] of checkpoints)
      if (this.#checkpoints.get(key) === value) this.#checkpoints.delete(key);
    this.#release(dropped);
  }

  #release(dropped: readonly (DroppedBlock | undefined)[]): void {
    for (const d of dropped) {
      if (d === undefined) continue;
      this.#files.release(d.file, d.length + d.bloomBytes);
      this.#blooms.delete(d.id);
    }
    this.#files.retireEmpty();
  }

  /**
   * Entries of the selected streams in `[startMs, endMs)`, merged in time order (ties: older blocks
   * first), including entries not flushed yet. `lineContains` literals skip blocks by their bloom
   * filter and are checked on the raw bytes before any string is built; with scan threads, blocks are
   * decompressed and filtered on worker threads.
   */
  select(options: SelectOptions): SelectResult {
    this.#assertOpen();
    const query = parseWith(SelectOptionsSchema, options, 'log query', 'BERTH_BAD_REQUEST');
    const match = compileSelector(query.selector, this.#compileRegex);
    return new SelectResult((stats) => this.#run(query, match, stats));
  }

  async *#run(
    query: SelectSettings,
    match: (labels: Labels) => boolean,
    stats: SelectResult['stats'],
  ): ReturnType<typeof selectEntries> {
    this.#assertOpen();
    const streams: SelectedStream[] = [];
    let all = true;
    for (const stream of this.#streams.values()) {
      if (match(stream.labels))
        streams.push({ id: stream.id, labels: stream.labels, buffered: this.#snapshot(stream, query) });
      else all = false;
    }
    if (streams.length === 0) return;
    const ctx = {
      db: this.#db,
      files: this.#files,
      pool: this.#scanPool(),
      blooms: this.#blooms,
      decompressor: this.#decompressor,
      allStreams: all,
      streams,
      maxBlockId: this.#db.maxBlockId(),
    };
    this.#files.beginRead();
    try {
      yield* selectEntries(ctx, query, stats);
    } finally {
      this.#files.endRead();
    }
  }

  /** The buffered (and sealed but uncommitted) entries of a stream that a query wants, sorted. */
  #snapshot(stream: StreamState, query: SelectSettings): ArraySource | undefined {
    const literals = query.lineContains;
    const wanted = (e: LogLine): boolean =>
      e.timestampMs >= query.startMs &&
      e.timestampMs < query.endMs &&
      literals.every((l) => e.line.includes(l));
    const kept = stream.entries.filter(wanted);
    for (const p of this.#pending) if (p.stream === stream) kept.push(...p.entries.filter(wanted));
    return kept.length === 0 ? undefined : new ArraySource(sortByTime(kept), stream.labels);
  }

  #scanPool(): ScanPool | undefined {
    if (this.#settings.scanThreads === 0) return undefined;
    return (this.#pool ??= new ScanPool(this.#settings.scanThreads));
  }

  /**
   * Deletes the entries of the selected streams in `[startMs, endMs)`: blocks inside the range are
   * dropped, blocks that straddle it are rewritten without those entries, buffers are filtered.
   */
  delete(options: DeleteOptions): Promise<DeleteResult> {
    return new Promise((resolve) => resolve(this.#deleteSync(options)));
  }

  #deleteSync(options: DeleteOptions): DeleteResult {
    this.#assertOpen();
    const request = parseWith(DeleteOptionsSchema, options, 'log delete request', 'BERTH_BAD_REQUEST');
    const match = compileSelector(request.selector, this.#compileRegex);
    const inRange = (t: number): boolean => t >= request.startMs && t < request.endMs;
    this.#flushSync();
    const result: DeleteResult = { entriesDeleted: 0, blocksDropped: 0, blocksRewritten: 0 };
    const streams = [...this.#streams.values()].filter((s) => match(s.labels));
    const ids = streams.flatMap((s) => (s.id === undefined ? [] : [s.id]));
    const rows =
      ids.length === 0 ? [] : this.#db.sealedBlocksOverlapping(ids, request.startMs, request.endMs);
    const replaced = dropRange(rows, request, {
      read: (row) => this.#readBlock(row),
      rebuild: (view, keep) => rebuildBlock(view, keep, this.#settings.codec, this.#bloomScratch),
      append: (block) => this.#appendSealed(block),
    });
    for (const r of replaced) {
      result.entriesDeleted += r.removed;
      if (r.block === undefined) result.blocksDropped++;
      else result.blocksRewritten++;
    }
    // Buffers: the entries left become one head block each (they were all flushed just above).
    const rewrites: {
      stream: StreamState;
      kept: LogLine[];
      head?: BuiltBlock;
      file?: number;
      offset?: number;
    }[] = [];
    for (const stream of streams) {
      const kept = stream.entries.filter((e) => !inRange(e.timestampMs));
      if (kept.length === stream.entries.length) continue;
      result.entriesDeleted += stream.entries.length - kept.length;
      if (kept.length === 0) rewrites.push({ stream, kept });
      else {
        const head = buildBlock(sortByTime(kept), headCodec, undefined);
        rewrites.push({ stream, kept, head, ...this.#files.append('head', head.bytes) });
      }
    }
    this.#files.sync();
    const { dropped, headIds } = this.#db.transaction(() => {
      const gone: (DroppedBlock | undefined)[] = [];
      for (const r of replaced) {
        gone.push(this.#db.deleteBlock(r.old.id));
        if (r.block !== undefined) {
          this.#db.insertBlock(rowOf(r.block, r.old.streamId, true, r.file ?? 0, r.offset ?? 0));
        }
      }
      const ids = rewrites.map((r) => {
        gone.push(...r.stream.headIds.map((id) => this.#db.deleteBlock(id)));
        const streamId = r.stream.id;
        if (r.head === undefined || streamId === undefined) return [];
        return [this.#db.insertBlock(rowOf(r.head, streamId, false, r.file ?? 0, r.offset ?? 0))];
      });
      return { dropped: gone, headIds: ids };
    });
    rewrites.forEach((r, i) => {
      const stream = r.stream;
      this.#bufferedBytes -= stream.bytes;
      stream.entries = [];
      stream.bytes = 0;
      stream.rawChars = 0;
      for (const e of r.kept) this.#buffer(stream, e);
      stream.headIds = headIds[i] ?? [];
      stream.flushed = stream.headIds.length === 0 ? 0 : stream.entries.length;
    });
    this.#release(dropped);
    compactSparseFiles(this.#db, this.#files);
    return result;
  }

  /** Drops whole sealed blocks by age and size (global and per `app` label), then reclaims disk space. */
  applyRetention(policy: RetentionPolicy): Promise<RetentionResult> {
    return new Promise((resolve) => resolve(this.#retainSync(policy)));
  }

  #retainSync(policy: RetentionPolicy): RetentionResult {
    this.#assertOpen();
    const settings = parseWith(RetentionPolicySchema, policy, 'retention policy', 'BERTH_BAD_REQUEST');
    this.#flushSync();
    const steps = retentionSteps(settings);
    const dropped = this.#db.transaction(() => steps.flatMap((s) => this.#db.dropWhere(s.sql, s.params)));
    this.#release(dropped);
    const filesCompacted = compactSparseFiles(this.#db, this.#files);
    return {
      blocksDropped: dropped.length,
      entriesDropped: dropped.reduce((n, d) => n + d.entries, 0),
      bytesDropped: dropped.reduce((n, d) => n + d.length + d.bloomBytes, 0),
      filesCompacted,
    };
  }

  stats(): LogStoreStats {
    this.#assertOpen();
    const totals = this.#db.totals();
    let bufferedEntries = 0;
    for (const s of this.#streams.values()) bufferedEntries += s.entries.length;
    for (const p of this.#pending) bufferedEntries += p.entries.length;
    let dbBytes = 0;
    for (const path of this.#db.databaseFiles())
      dbBytes += statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    return {
      streams: this.#streams.size,
      blocks: totals.blocks,
      headBlocks: totals.heads,
      entries: totals.entries + bufferedEntries,
      rawBytes: totals.rawBytes,
      storedBytes: totals.storedBytes,
      headBytes: totals.headBytes,
      bufferedEntries,
      bufferedBytes: this.#bufferedBytes,
      diskBytes: this.#files.diskBytes() + dbBytes,
    };
  }

  /** Label names of all streams, sorted. */
  labelNames(): string[] {
    const names = new Set<string>();
    for (const s of this.#streams.values()) for (const name of Object.keys(s.labels)) names.add(name);
    return [...names].sort();
  }

  /** Values of one label across all streams, sorted. */
  labelValues(name: string): string[] {
    const values = new Set<string>();
    for (const s of this.#streams.values()) {
      const value = s.labels[name];
      if (value !== undefined) values.add(value);
    }
    return [...values].sort();
  }

  /** Label sets of the streams a selector picks (all streams without one). */
  streams(selector: StreamSelector = []): Labels[] {
    const match = compileSelector(selector, this.#compileRegex);
    return [...this.#streams.values()].filter((s) => match(s.labels)).map((s) => s.labels);
  }

  /** Flushes (buffers stay as head blocks for the next open), stops the scan threads, closes files. */
  async close(): Promise<void> {
    if (this.#closed) return;
    clearInterval(this.#timer);
    try {
      this.#flushSync();
    } finally {
      this.#closed = true;
      await this.#pool?.close();
      this.#files.close();
      this.#db.close();
    }
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new BerthError('BERTH_INTERNAL', 'the log store is closed', {
        hint: 'Open it again with LogStore.open(); do not use a store after close().',
      });
    }
  }
}
