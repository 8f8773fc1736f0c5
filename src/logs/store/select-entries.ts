import type { BloomCache } from './bloom-cache.js';
import type { BlockDecompressor } from './block-codec.js';
import { BlockView } from './block-view.js';
import { BlockSource, type ArraySource, type EntrySource } from './entry-source.js';
import type { BlockRow, IndexDb } from './index-db.js';
import { bloomMayMatch, planLiterals, planMayMatch } from './literal-probes.js';
import { bloomLine, bloomLineBytes, bloomLines, lineHas } from './token-bloom.js';
import type { LabelledLogLine, Labels } from './log-line.js';
import type { SelectSettings } from './log-store-options.js';
import { mergeSources, type Candidate } from './merge-sources.js';
import type { ScanPool } from './scan-pool.js';
import { runScanTask, type ScanResult, type ScanTask } from './scan-task.js';
import type { SegmentFiles } from './segment-files.js';

/** What one query did; filled while it runs (read it after the loop). */
export interface SelectStats {
  /** Sealed blocks in the selected streams and time range (as far as the query went). */
  blocksConsidered: number;
  /** Blocks whose token bloom proved they hold none of the `lineContains` literals. */
  blocksSkippedByBloom: number;
  /** Blocks read from disk and decompressed. */
  blocksRead: number;
  bytesRead: number;
  bytesDecompressed: number;
  /** Entries inside the time range that were checked against the literals. */
  entriesScanned: number;
  /** Entries handed to the caller (in batches, so up to 511 more than the caller has read). */
  entriesReturned: number;
}

/** A stream as a query sees it: its index id (if flushed once) and a snapshot of buffered entries. */
export interface SelectedStream {
  id: number | undefined;
  labels: Labels;
  /** Buffered entries matching the query, sorted by time. */
  buffered: ArraySource | undefined;
}

export interface SelectContext {
  db: IndexDb;
  files: SegmentFiles;
  pool: ScanPool | undefined;
  /** Blooms kept in memory between queries (bounded). */
  blooms: BloomCache;
  /** Decompresses blocks read in the calling thread into one reused buffer. */
  decompressor: BlockDecompressor;
  /** True when the selected streams are all the streams (the index query then skips the id filter). */
  allStreams: boolean;
  streams: readonly SelectedStream[];
  /** Blocks with a larger id were written after the query began (their entries are in `buffered`). */
  maxBlockId: number;
}

const pageSize = 1024;
/** Pages with at most this many blocks left after the blooms are read in the calling thread. */
const inlineBlocks = 8;
/** Blocks per message to a scan worker: fewer round trips, still enough messages to share the work. */
const blocksPerTask = 8;
/** Above any block id: buffered entries are newer than every block, and this orders equal times. */
const bufferRank = 2 ** 52;

/** Runs a query: candidates from the index (skipped by bloom when possible) and buffers, merged by time. */
export async function* selectEntries(
  ctx: SelectContext,
  query: SelectSettings,
  stats: SelectStats,
): AsyncGenerator<LabelledLogLine[]> {
  const forward = query.direction === 'forward';
  const plan = planLiterals(query.lineContains);
  const labelsById = new Map<number, Labels>();
  for (const s of ctx.streams) if (s.id !== undefined) labelsById.set(s.id, s.labels);
  const usePool = ctx.pool !== undefined && query.lineContains.some((l) => l.length > 0);

  const taskOf = (row: BlockRow): ScanTask => ({
    path: ctx.files.path(row.file),
    offset: row.offset,
    length: row.length,
    codecId: row.codec,
    startMs: query.startMs,
    endMs: query.endMs,
    literals: query.lineContains,
  });
  const sourceOf = (row: BlockRow, labels: Labels, result: ScanResult): EntrySource | undefined => {
    stats.blocksRead++;
    stats.bytesRead += row.length;
    stats.bytesDecompressed += result.decompressedBytes;
    stats.entriesScanned += result.scanned;
    if (result.payload === undefined) return undefined;
    const bytes = Buffer.from(result.payload.buffer, result.payload.byteOffset, result.payload.byteLength);
    return new BlockSource(BlockView.decode(bytes), labels);
  };
  const openHere = (row: BlockRow, labels: Labels): Promise<EntrySource | undefined> => {
    const compressed = ctx.files.read(row.file, row.offset, row.length);
    return Promise.resolve(sourceOf(row, labels, runScanTask(compressed, taskOf(row), ctx.decompressor)));
  };
  /** Candidates of `rows` opened on the pool, `blocksPerTask` blocks a message, sent when first needed. */
  const pooled = (pool: ScanPool, rows: readonly BlockRow[]): Candidate[] => {
    const out: Candidate[] = [];
    for (let i = 0; i < rows.length; i += blocksPerTask) {
      const group = rows.slice(i, i + blocksPerTask);
      let sent: Promise<ScanResult[]> | undefined;
      group.forEach((row, k) => {
        const labels = labelsById.get(row.streamId);
        if (labels === undefined) return;
        const open = async (): Promise<EntrySource | undefined> => {
          sent ??= pool.runBatch(group.map(taskOf));
          const result = (await sent)[k];
          return result === undefined ? undefined : sourceOf(row, labels, result);
        };
        out.push({ boundary: forward ? row.minTs : row.maxTs, rank: row.id, open });
      });
    }
    return out;
  };

  // Each pread costs microseconds whatever its size. A plan whose answer usually comes from one item
  // (one alternative) reads just that item's 64-byte bloom line; a plan with alternatives (a literal
  // that starts inside a token) would read up to 4 lines, so it reads the whole bloom once instead.
  const oneLine = plan.length > 0 && plan.every((requirement) => requirement.length === 1);
  let scratch = Buffer.allocUnsafe(64 * 1024);
  const mayMatch = (row: BlockRow): boolean => {
    const lines = bloomLines(row.bloomBytes);
    if (lines === 0) return true;
    const start = row.offset - row.bloomBytes;
    const cached = ctx.blooms.get(row.id);
    if (cached !== undefined) return bloomMayMatch(cached, plan);
    if (ctx.blooms.accepts(row.bloomBytes)) {
      // One pread of the whole bloom now saves one per query later.
      const bloom = ctx.files.read(row.file, start, row.bloomBytes);
      ctx.blooms.set(row.id, bloom);
      return bloomMayMatch(bloom, plan);
    }
    if (oneLine) {
      return planMayMatch(plan, (a, b) => {
        const at = start + 1 + bloomLine(a, lines) * bloomLineBytes;
        return lineHas(ctx.files.readInto(row.file, at, bloomLineBytes, scratch), b);
      });
    }
    if (scratch.length < row.bloomBytes) scratch = Buffer.allocUnsafe(row.bloomBytes * 2);
    return bloomMayMatch(ctx.files.readInto(row.file, start, row.bloomBytes, scratch), plan);
  };
  function* fromIndex(): Generator<Candidate> {
    if (ctx.streams.every((s) => s.id === undefined)) return;
    let after: { ts: number; id: number } | undefined;
    for (;;) {
      const rows = ctx.db.pageBlocks({
        direction: query.direction,
        streamIds: ctx.allStreams ? undefined : [...labelsById.keys()],
        startMs: query.startMs,
        endMs: query.endMs,
        maxId: ctx.maxBlockId,
        after,
        limit: pageSize,
      });
      const survivors: BlockRow[] = [];
      for (const row of rows) {
        stats.blocksConsidered++;
        if (plan.length > 0 && !mayMatch(row)) {
          stats.blocksSkippedByBloom++;
          continue;
        }
        survivors.push(row);
      }
      // A needle leaves a few blocks: decompressing them here beats a round trip to the workers.
      if (usePool && ctx.pool !== undefined && survivors.length > inlineBlocks) {
        yield* pooled(ctx.pool, survivors);
      } else {
        for (const row of survivors) {
          const labels = labelsById.get(row.streamId);
          if (labels === undefined) continue;
          const boundary = forward ? row.minTs : row.maxTs;
          yield { boundary, rank: row.id, open: () => openHere(row, labels) };
        }
      }
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageSize) return;
      after = { ts: forward ? last.minTs : last.maxTs, id: last.id };
    }
  }

  const buffered: Candidate[] = [];
  ctx.streams.forEach((s, i) => {
    const source = s.buffered;
    if (source === undefined || source.count === 0) return;
    const boundary = source.timestamp(forward ? 0 : source.count - 1);
    buffered.push({ boundary, rank: bufferRank + i, open: () => Promise.resolve(source) });
  });
  buffered.sort((a, b) => (forward ? a.boundary - b.boundary : b.boundary - a.boundary));

  // Two batches in flight per worker: one running, one queued behind it.
  const prefetch = usePool && ctx.pool !== undefined ? ctx.pool.size * 2 * blocksPerTask : 0;
  const merged = mergeSources(interleave(fromIndex(), buffered, forward), {
    direction: query.direction,
    limit: query.limit,
    signal: query.signal,
    prefetch,
  });
  for await (const batch of merged) {
    stats.entriesReturned += batch.length;
    yield batch;
  }
}

/** Merges the index's candidates with the buffers' by boundary, keeping the direction's order. */
function* interleave(
  indexed: Iterable<Candidate>,
  buffered: readonly Candidate[],
  forward: boolean,
): Generator<Candidate> {
  let i = 0;
  const first = (a: Candidate, b: Candidate): boolean =>
    forward ? a.boundary <= b.boundary : a.boundary >= b.boundary;
  for (const candidate of indexed) {
    while (i < buffered.length && first(buffered[i] as Candidate, candidate))
      yield buffered[i++] as Candidate;
    yield candidate;
  }
  while (i < buffered.length) yield buffered[i++] as Candidate;
}
