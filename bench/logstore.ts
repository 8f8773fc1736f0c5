// Issue 5 figures for the embedded log store (src/logs/store): block codec choice, ingest rate with
// parsing and indexing, stored size against raw, and query times against ripgrep, a plain Node
// read+indexOf pass and SQLite FTS5 over the same text.
//
// Usage (no build needed; needs `rg` and ../shared/datasets/hdfs-2pct-loglead/HDFS_2pct.log):
//
//   npx tsx --expose-gc bench/logstore.ts [--rounds 33] [--runs 5] [--warmup 3] [--no-fts]
//   (--rounds 0: (1) and (2) only)
//
// (--expose-gc lets the RSS samples run after a full garbage collection.)
//
// (1) Codecs: HDFS_2pct.log encoded in the store's block format in 1 MiB and 2 MiB blocks, then
//     zstd 1-9 (zstd-napi), gzip 1, raw deflate 1 and 6, brotli 1-6 (4 MiB window): ratio, compress and decompress MB/s
//     (of uncompressed bytes, one core, best of --runs).
// (2) Ingest of HDFS_2pct.log (31 MB, 222,579 lines) into a fresh store with default options: each
//     line's header is parsed for its timestamp; a JSON-lines and a logfmt rendering of the same
//     events are parsed with JSON.parse / a logfmt splitter and keep level, pid, component and
//     trace_id as structured metadata. Timed from the first parse to the end of flush(); CPU time of
//     the process alongside (ingest runs on the calling thread). Stored ratio = raw bytes / (sealed
//     block + bloom + head bytes); disk ratio also counts the SQLite index.
// (3) A ~1 GB store: --rounds copies of HDFS_2pct.log, each with timestamps shifted by 3 days, block
//     ids rewritten by a per-round digit permutation and a trace_id on every "Receiving block" line;
//     the same lines go to a raw text file and (unless --no-fts) to an SQLite FTS5 table. Then, with
//     the page cache warm for all and the store used as the daemon uses it (open since ingest, scan
//     threads started at open, JIT warm), --warmup untimed runs and the median of --runs (wall and
//     CPU; each tool's runs interleaved with ripgrep's on the same query) for: a literal that
//     the blooms cannot skip ("Exception": rare, in every block's reach) with `rg -c -F`, a Node
//     read+indexOf pass and the store; a needle block id and a needle trace id with `rg -c -F`, the
//     store and FTS5; a backward limit-100 query (the log explorer's first page). RSS is sampled
//     while the store grows.
//
// Prints figures, ratios and verdicts; exits 0 whether targets are met or missed.
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  constants,
  brotliCompressSync,
  brotliDecompressSync,
  deflateRawSync,
  gunzipSync,
  gzipSync,
  inflateRawSync,
} from 'node:zlib';
import { compress as zstdCompress, decompress as zstdDecompress } from 'zstd-napi';
import { LogStore, type LogLine } from '../src/logs/store/index.js';
import { BlockWriter } from '../src/logs/store/block-writer.js';
import { countFlag } from './support/flags.js';
import { runBench } from './support/run-bench.js';
import { median, verdict } from './support/stats.js';
import { table } from './support/table.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const hdfsPath = resolve(root, '../shared/datasets/hdfs-2pct-loglead/HDFS_2pct.log');

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '33' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    'no-fts': { type: 'boolean', default: false },
  },
});
const rounds = countFlag('rounds', flags.rounds, 0);
const runs = countFlag('runs', flags.runs);
const warmup = countFlag('warmup', flags.warmup, 0);

const mb = (bytes: number): number => bytes / 1e6;
const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const msOf = (n: number): string => `${fmt(n, n < 10 ? 2 : 0)} ms`;

interface Timed<T> {
  /** Median wall time of the timed runs. */
  ms: number;
  /** Median CPU time of the timed runs, when the result reports one (`cpuMs`). */
  cpuMs: number;
  result: T;
}

/** `warmup` untimed runs, then the median of `runs` timings (ms) and the last result. */
async function timed<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  const [one] = await timedPair([fn]);
  if (one === undefined) throw new Error('nothing timed');
  return one;
}

/**
 * Times several tools on the same query with their runs interleaved (a, b, a, b, …), so a change in
 * the machine's load during the bench hits all of them alike and their ratio stays fair.
 */
async function timedPair<T>(fns: readonly (() => Promise<T> | T)[]): Promise<Timed<T>[]> {
  const results: T[] = [];
  for (let w = 0; w < warmup; w++) for (const [i, fn] of fns.entries()) results[i] = await fn();
  const times = fns.map(() => [] as number[]);
  const cpus = fns.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    for (const [i, fn] of fns.entries()) {
      const start = performance.now();
      const result = await fn();
      times[i]?.push(performance.now() - start);
      const cpu = (result as { cpuMs?: unknown }).cpuMs;
      if (typeof cpu === 'number') cpus[i]?.push(cpu);
      results[i] = result;
    }
  }
  return fns.map((_, i) => ({
    ms: median(times[i] ?? []),
    cpuMs: median(cpus[i] ?? []),
    result: results[i] as T,
  }));
}

// ---------- data ----------

/** `081109 203530 …` → ms since the epoch (UTC). */
function hdfsTime(line: string): number {
  const n = (from: number): number => (line.charCodeAt(from) - 48) * 10 + line.charCodeAt(from + 1) - 48;
  return Date.UTC(2000 + n(0), n(2) - 1, n(4), n(7), n(9), n(11));
}

function hdfsHeader(line: string): { pid: string; level: string; component: string; message: string } {
  const parts = line.split(' ');
  const component = (parts[4] ?? '').replace(/:$/, '');
  return { pid: parts[2] ?? '', level: parts[3] ?? '', component, message: parts.slice(5).join(' ') };
}

/** FNV-1a, for ids derived from ids: deterministic and spread. */
function fnv(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const hex32 = (key: string): string =>
  [1, 2, 3, 4]
    .map((s) =>
      fnv(key, s * 0x9e3779b1)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');

/** A per-round digit permutation per position: distinct ids stay distinct and differ across rounds. */
function digitMap(round: number): string[][] {
  return Array.from({ length: 24 }, (_, pos) => {
    const shift = (round * 7 + pos * 3) % 10;
    const mult = [1, 3, 7, 9][(round + pos) % 4] ?? 1;
    return Array.from({ length: 10 }, (_, d) => String((d * mult + shift) % 10));
  });
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Round `round` of the big data set: shifted time, remapped block ids, trace ids on receive lines. */
function variant(line: string, round: number, map: string[][]): { ts: number; line: string } {
  const ts = hdfsTime(line) + round * 3 * 86_400_000;
  const d = new Date(ts);
  const head = `${pad2(d.getUTCFullYear() % 100)}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
  let body = line.slice(13).replace(/blk_(-?)(\d+)/g, (_m, sign: string, digits: string) => {
    let out = '';
    for (let i = 0; i < digits.length; i++) out += map[i]?.[digits.charCodeAt(i) - 48] ?? '0';
    return `blk_${sign}${out}`;
  });
  if (body.includes('Receiving block'))
    body += ` trace_id=${hex32(`${round}:${/blk_-?\d+/.exec(body)?.[0] ?? ''}`)}`;
  return { ts, line: head + body };
}

function toJson(line: string): string {
  const h = hdfsHeader(line);
  const time = new Date(hdfsTime(line)).toISOString();
  const trace = hex32(/blk_-?\d+/.exec(line)?.[0] ?? line);
  return JSON.stringify({
    time,
    level: h.level,
    pid: Number(h.pid),
    component: h.component,
    msg: h.message,
    trace_id: trace,
  });
}

function toLogfmt(line: string): string {
  const h = hdfsHeader(line);
  const time = new Date(hdfsTime(line)).toISOString();
  const trace = hex32(/blk_-?\d+/.exec(line)?.[0] ?? line);
  return `time=${time} level=${h.level} pid=${h.pid} component=${h.component} trace_id=${trace} msg=${JSON.stringify(h.message)}`;
}

/** logfmt as the collector reads it: key=value and key="quoted \"value\"" pairs. */
function parseLogfmt(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    const eq = line.indexOf('=', i);
    if (eq < 0) break;
    const key = line.slice(i, eq);
    i = eq + 1;
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\') i++;
        value += line[i] ?? '';
        i++;
      }
      out[key] = value;
      i++;
    } else {
      const end = line.indexOf(' ', i);
      out[key] = line.slice(i, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    }
  }
  return out;
}

// ---------- (1) codecs ----------

interface CodecRow {
  name: string;
  blockMiB: number;
  ratio: number;
  compressMBs: number;
  decompressMBs: number;
}

function codecTable(lines: readonly string[]): CodecRow[] {
  const codecs: [string, (b: Buffer) => Buffer, (b: Buffer) => Buffer][] = [
    ...[1, 3, 6, 7, 9].map((level): [string, (b: Buffer) => Buffer, (b: Buffer) => Buffer] => [
      `zstd ${level}`,
      (b) => zstdCompress(b, { compressionLevel: level }),
      (b) => zstdDecompress(b),
    ]),
    ['gzip 1', (b) => gzipSync(b, { level: 1 }), (b) => gunzipSync(b)],
    ['deflate-raw 1', (b) => deflateRawSync(b, { level: 1 }), (b) => inflateRawSync(b)],
    ['deflate-raw 6', (b) => deflateRawSync(b, { level: 6 }), (b) => inflateRawSync(b)],
    ...[1, 2, 3, 4, 5, 6].map((q): [string, (b: Buffer) => Buffer, (b: Buffer) => Buffer] => [
      `brotli ${q}`,
      (b) =>
        brotliCompressSync(b, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: q,
            [constants.BROTLI_PARAM_LGWIN]: 22,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: b.length,
          },
        }),
      (b) => brotliDecompressSync(b),
    ]),
  ];
  const rows: CodecRow[] = [];
  for (const blockMiB of [1, 2]) {
    const payloads: Buffer[] = [];
    let writer = new BlockWriter();
    for (const line of lines) {
      writer.add(hdfsTime(line), line);
      if (writer.textBytes >= blockMiB * 1024 * 1024) {
        payloads.push(writer.finish().payload);
        writer = new BlockWriter();
      }
    }
    if (writer.count > 0) payloads.push(writer.finish().payload);
    const total = payloads.reduce((n, p) => n + p.length, 0);
    for (const [name, compress, decompress] of codecs) {
      let packed: Buffer[] = [];
      const cTimes: number[] = [];
      const dTimes: number[] = [];
      for (let r = 0; r < runs; r++) {
        let start = performance.now();
        packed = payloads.map(compress);
        cTimes.push(performance.now() - start);
        start = performance.now();
        for (const p of packed) decompress(p);
        dTimes.push(performance.now() - start);
      }
      rows.push({
        name,
        blockMiB,
        ratio: total / packed.reduce((n, p) => n + p.length, 0),
        compressMBs: mb(total) / (Math.min(...cTimes) / 1000),
        decompressMBs: mb(total) / (Math.min(...dTimes) / 1000),
      });
    }
  }
  return rows;
}

// ---------- (2) ingest ----------

interface IngestRow {
  name: string;
  rawBytes: number;
  wallMs: number;
  cpuMs: number;
  storedBytes: number;
  diskBytes: number;
  blocks: number;
}

async function ingest(
  name: string,
  dir: string,
  lines: readonly string[],
  parse: (line: string) => LogLine,
): Promise<IngestRow> {
  // No scan threads: this store is never queried, and their start at open would bill ingest for it.
  const store = await LogStore.open(dir, { flushIntervalMs: 0, scanThreads: 0 });
  const rawBytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < lines.length; i += 1000) {
    store.append({ app: 'hdfs' }, lines.slice(i, i + 1000).map(parse));
  }
  await store.flush();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const stats = store.stats();
  await store.close();
  return {
    name,
    rawBytes,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    storedBytes: stats.storedBytes + stats.headBytes,
    diskBytes: stats.diskBytes,
    blocks: stats.blocks,
  };
}

/** Section (2); a function of its own so the JSON and logfmt renderings are freed after it. */
async function ingestSection(work: string, lines: readonly string[]): Promise<IngestRow[]> {
  console.log('\n(2) Ingest with parsing and indexing (default options, one stream, batches of 1000)');
  const jsonLines = lines.map(toJson);
  const logfmtLines = lines.map(toLogfmt);
  const meta = (o: Record<string, unknown>): Record<string, string> => ({
    level: String(o['level']),
    pid: String(o['pid']),
    component: String(o['component']),
    trace_id: String(o['trace_id']),
  });
  const ingests: IngestRow[] = [];
  ingests.push(
    await ingest('HDFS text (timestamp from header)', join(work, 'plain'), lines, (l) => ({
      timestampMs: hdfsTime(l),
      line: l,
    })),
  );
  ingests.push(
    await ingest('JSON lines (JSON.parse, 4 fields as metadata)', join(work, 'json'), jsonLines, (l) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      return { timestampMs: Date.parse(String(o['time'])), line: l, metadata: meta(o) };
    }),
  );
  ingests.push(
    await ingest('logfmt (parsed, 4 fields as metadata)', join(work, 'logfmt'), logfmtLines, (l) => {
      const o = parseLogfmt(l);
      return { timestampMs: Date.parse(o['time'] ?? ''), line: l, metadata: meta(o) };
    }),
  );
  console.log(
    table([
      ['input', 'raw MB', 'wall MB/s', 'MB per CPU-s', 'stored MB', 'raw/stored', 'raw/disk', 'blocks'],
      ...ingests.map((r) => [
        r.name,
        fmt(mb(r.rawBytes)),
        fmt(mb(r.rawBytes) / (r.wallMs / 1000)),
        fmt(mb(r.rawBytes) / (r.cpuMs / 1000)),
        fmt(mb(r.storedBytes), 2),
        fmt(r.rawBytes / r.storedBytes, 2),
        fmt(r.rawBytes / r.diskBytes, 2),
        String(r.blocks),
      ]),
    ]),
  );
  rmSync(join(work, 'plain'), { recursive: true, force: true });
  rmSync(join(work, 'json'), { recursive: true, force: true });
  rmSync(join(work, 'logfmt'), { recursive: true, force: true });
  return ingests;
}

// ---------- (3) big store ----------

/** Counts occurrences the way `grep -c` counts lines: here, lines of a file containing `needle`. */
function nodeScan(path: string, needle: string): number {
  const pattern = Buffer.from(needle);
  const chunk = Buffer.allocUnsafe(16 * 1024 * 1024);
  const fd = openSync(path, 'r');
  let count = 0;
  let carry = 0;
  try {
    for (;;) {
      const n = readSync(fd, chunk, carry, chunk.length - carry, null);
      const end = carry + n;
      if (end === 0) break;
      // Search complete lines only; the tail after the last newline moves to the next read.
      const last = n === 0 ? end : chunk.lastIndexOf(10, end - 1) + 1;
      const view = chunk.subarray(0, last);
      let at = view.indexOf(pattern);
      while (at >= 0) {
        count++;
        const eol = view.indexOf(10, at);
        if (eol < 0) break;
        at = view.indexOf(pattern, eol + 1);
      }
      carry = end - last;
      chunk.copy(chunk, 0, last, end);
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  return count;
}

/** `rg -c -F` under /usr/bin/time: matching lines and rg's CPU time (user + system). */
function rgCount(path: string, needle: string): { count: number; cpuMs: number } {
  const out = spawnSync('/usr/bin/time', ['-f', '%U %S', 'rg', '-c', '-F', '--', needle, path], {
    encoding: 'utf8',
  });
  if (out.status !== 0 && out.status !== 1) throw new Error(`rg failed: ${out.stderr}`);
  const [user, system] = (out.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { count: Number(out.stdout.trim() || '0'), cpuMs: ((user ?? NaN) + (system ?? NaN)) * 1000 };
}

/** Runs `fn` and reports the CPU time the whole process (worker threads included) spent on it. */
async function withCpu<T>(fn: () => Promise<T> | T): Promise<T & { cpuMs: number }> {
  const before = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(before);
  return { ...result, cpuMs: (used.user + used.system) / 1000 };
}

async function storeCount(
  store: LogStore,
  literal: string,
): Promise<{ count: number; blocksRead: number; considered: number }> {
  const result = store.select({
    selector: [{ name: 'app', op: '=', value: 'hdfs' }],
    startMs: 0,
    endMs: 8e12,
    lineContains: [literal],
  });
  let count = 0;
  for await (const batch of result.batches()) count += batch.length;
  return { count, blocksRead: result.stats.blocksRead, considered: result.stats.blocksConsidered };
}

/**
 * Opens the store in a child process (nothing else in its heap) and reports its RSS: the store's own
 * memory, which must not grow with the data it retains.
 */
function storeRssInChild(
  work: string,
  storeDir: string,
  literal: string,
  needle: string,
): { baseMb: number; openMb: number; afterMb: number; peakMb: number } {
  const script = join(work, 'rss-child.mts');
  writeFileSync(
    script,
    `const rss = () => process.memoryUsage().rss / 1e6;
const baseMb = rss();
const { LogStore } = await import(${JSON.stringify(join(root, 'src/logs/store/index.ts'))});
const store = await LogStore.open(process.argv[2], { flushIntervalMs: 0 });
const openMb = rss();
const all = { selector: [], startMs: 0, endMs: 8e12 };
for (const lineContains of [[${JSON.stringify(literal)}], [${JSON.stringify(needle)}]]) {
  for await (const _ of store.select({ ...all, lineContains }).batches()) void _;
}
await store.select({ ...all, direction: 'backward', limit: 100 }).toArray();
const afterMb = rss();
await store.close();
console.log(JSON.stringify({ baseMb, openMb, afterMb, peakMb: process.resourceUsage().maxRSS / 1000 }));
`,
  );
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, storeDir], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
    baseMb: number;
    openMb: number;
    afterMb: number;
    peakMb: number;
  };
}

/** RSS after a full GC when the bench runs with --expose-gc (else as it is). */
function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return mb(process.memoryUsage().rss);
}

await runBench('logstore', { deadlineMs: 20 * 60_000 }, async (cleanup) => {
  const work = mkdtempSync(join(tmpdir(), 'bench-logstore-'));
  cleanup.add('remove the temporary folder', () => rmSync(work, { recursive: true, force: true }));
  const rgVersion = execFileSync('rg', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${rgVersion}`,
  );
  const text = readFileSync(hdfsPath, 'utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  console.log(`${hdfsPath}: ${fmt(mb(Buffer.byteLength(text)))} MB, ${lines.length} lines\n`);

  console.log('(1) Block codecs on HDFS_2pct.log in the store block format (one core, best of runs)');
  const codecs = codecTable(lines);
  console.log(
    table([
      ['codec', 'block', 'ratio', 'compress MB/s', 'decompress MB/s'],
      ...codecs.map((c) => [
        c.name,
        `${c.blockMiB} MiB`,
        fmt(c.ratio, 2),
        fmt(c.compressMBs, 0),
        fmt(c.decompressMBs, 0),
      ]),
    ]),
  );

  const ingests = await ingestSection(work, lines);
  if (rounds === 0) return; // --rounds 0: codecs and ingest only

  console.log(
    `\n(3) ${rounds} rounds (~${fmt((mb(Buffer.byteLength(text)) * rounds) / 1000, 2)} GB): store vs raw file vs FTS5`,
  );
  const rawPath = join(work, 'big.log');
  const rawFd = openSync(rawPath, 'w');
  const store = await LogStore.open(join(work, 'store'));
  cleanup.add('close the store', () => store.close());
  const fts = flags['no-fts'] ? undefined : new Database(join(work, 'fts.db'));
  if (fts !== undefined) {
    cleanup.add('close the FTS5 database', () => fts.close());
    fts.pragma('journal_mode = WAL');
    fts.pragma('synchronous = NORMAL');
    fts.exec('CREATE VIRTUAL TABLE logs USING fts5(line, ts UNINDEXED)');
  }
  const insert = fts?.prepare('INSERT INTO logs (line, ts) VALUES (?, ?)');
  let storeMs = 0;
  let ftsMs = 0;
  let rawBytes = 0;
  const rss: string[] = [];
  let needleBlock = '';
  let needleTrace = '';
  for (let r = 0; r < rounds; r++) {
    const map = digitMap(r);
    const round = lines.map((l) => variant(l, r, map));
    if (r === Math.floor(rounds / 2)) {
      const sample = round[Math.floor(round.length / 3)]?.line ?? '';
      needleBlock = /blk_-?\d+/.exec(sample)?.[0] ?? '';
      const receive = round.find((e, i) => i > round.length / 2 && e.line.includes('trace_id='));
      needleTrace = /trace_id=(\w+)/.exec(receive?.line ?? '')?.[1] ?? '';
    }
    let start = performance.now();
    for (let i = 0; i < round.length; i += 1000) {
      store.append(
        { app: 'hdfs' },
        round.slice(i, i + 1000).map((e) => ({ timestampMs: e.ts, line: e.line })),
      );
    }
    storeMs += performance.now() - start;
    const chunk = Buffer.from(round.map((e) => e.line).join('\n') + '\n');
    writeSync(rawFd, chunk);
    rawBytes += chunk.length;
    if (insert !== undefined && fts !== undefined) {
      start = performance.now();
      fts.transaction(() => {
        for (const e of round) insert.run(e.line, e.ts);
      })();
      ftsMs += performance.now() - start;
    }
    if ((r + 1) % Math.max(1, Math.floor(rounds / 4)) === 0)
      rss.push(`${fmt(mb(rawBytes), 0)} MB in: RSS ${fmt(rssMb(), 0)} MB`);
  }
  const start = performance.now();
  await store.flush();
  storeMs += performance.now() - start;
  closeSync(rawFd);
  fts?.pragma('wal_checkpoint(TRUNCATE)');
  const stats = store.stats();
  const ftsBytes = fts === undefined ? NaN : statSync(join(work, 'fts.db')).size;
  console.log(`RSS while the store grew: ${rss.join('; ')}`);
  console.log(
    table([
      ['what', 'size MB', 'build s', 'build MB/s'],
      ['raw text file', fmt(mb(rawBytes), 0), '-', '-'],
      [
        `log store (${stats.blocks} blocks)`,
        fmt(mb(stats.diskBytes), 1),
        fmt(storeMs / 1000, 1),
        fmt(mb(rawBytes) / (storeMs / 1000), 1),
      ],
      ['SQLite FTS5', fmt(mb(ftsBytes), 0), fmt(ftsMs / 1000, 1), fmt(mb(rawBytes) / (ftsMs / 1000), 1)],
    ]),
  );

  const scanLiteral = 'Exception';
  console.log(
    `\nQueries (store open since ingest, scan threads started at open; median of ${runs} after ${warmup} warm-up runs, interleaved with rg). Needles: ${needleBlock}, trace_id ${needleTrace}`,
  );
  type Counted = { count: number; cpuMs: number; blocksRead?: number; considered?: number };
  const [rgScan, nodeScanRun, storeScan] = (await timedPair<Counted>([
    () => rgCount(rawPath, scanLiteral),
    () => withCpu(() => ({ count: nodeScan(rawPath, scanLiteral) })),
    () => withCpu(() => storeCount(store, scanLiteral)),
  ])) as [Timed<Counted>, Timed<Counted>, Timed<Counted>];
  const [rgBlock, storeBlock] = (await timedPair<Counted>([
    () => rgCount(rawPath, needleBlock),
    () => withCpu(() => storeCount(store, needleBlock)),
  ])) as [Timed<Counted>, Timed<Counted>];
  const [rgTrace, storeTrace] = (await timedPair<Counted>([
    () => rgCount(rawPath, needleTrace),
    () => withCpu(() => storeCount(store, needleTrace)),
  ])) as [Timed<Counted>, Timed<Counted>];
  const ftsCount = (phrase: string): number =>
    (
      fts?.prepare('SELECT count(*) AS n FROM logs WHERE logs MATCH ?').get(`"${phrase}"`) as
        { n: number } | undefined
    )?.n ?? NaN;
  const ftsBlock = await timed(() => ftsCount(needleBlock));
  const ftsTrace = await timed(() => ftsCount(needleTrace));
  const newest = await timed(async () => {
    const q = store.select({ selector: [], startMs: 0, endMs: 8e12, direction: 'backward', limit: 100 });
    const got = await q.toArray();
    return { count: got.length, blocksRead: q.stats.blocksRead };
  });
  console.log(
    table([
      ['query', 'tool', 'wall', 'CPU', 'lines', 'blocks read'],
      [
        `|= "${scanLiteral}" (full scan)`,
        'rg -c -F',
        msOf(rgScan.ms),
        msOf(rgScan.cpuMs),
        String(rgScan.result.count),
        '-',
      ],
      [
        '',
        'Node read+indexOf',
        msOf(nodeScanRun.ms),
        msOf(nodeScanRun.cpuMs),
        String(nodeScanRun.result.count),
        '-',
      ],
      [
        '',
        'log store',
        msOf(storeScan.ms),
        msOf(storeScan.cpuMs),
        String(storeScan.result.count),
        `${storeScan.result.blocksRead ?? '-'}/${storeScan.result.considered ?? '-'}`,
      ],
      [
        'needle block id',
        'rg -c -F',
        msOf(rgBlock.ms),
        msOf(rgBlock.cpuMs),
        String(rgBlock.result.count),
        '-',
      ],
      [
        '',
        'log store',
        msOf(storeBlock.ms),
        msOf(storeBlock.cpuMs),
        String(storeBlock.result.count),
        `${storeBlock.result.blocksRead ?? '-'}/${storeBlock.result.considered ?? '-'}`,
      ],
      ['', 'SQLite FTS5', msOf(ftsBlock.ms), '-', String(ftsBlock.result), '-'],
      [
        'needle trace id',
        'rg -c -F',
        msOf(rgTrace.ms),
        msOf(rgTrace.cpuMs),
        String(rgTrace.result.count),
        '-',
      ],
      [
        '',
        'log store',
        msOf(storeTrace.ms),
        msOf(storeTrace.cpuMs),
        String(storeTrace.result.count),
        `${storeTrace.result.blocksRead ?? '-'}/${storeTrace.result.considered ?? '-'}`,
      ],
      ['', 'SQLite FTS5', msOf(ftsTrace.ms), '-', String(ftsTrace.result), '-'],
      [
        'newest 100 (backward)',
        'log store',
        msOf(newest.ms),
        '-',
        String(newest.result.count),
        String(newest.result.blocksRead),
      ],
    ]),
  );
  console.log(
    `RSS of this process after the queries: ${fmt(rssMb(), 0)} MB (it also holds the bench's data)`,
  );
  await store.close();
  const child = storeRssInChild(work, join(work, 'store'), scanLiteral, needleBlock);
  console.log(
    `A fresh process that opens the ${fmt(mb(rawBytes) / 1000, 2)} GB store: RSS ${fmt(child.openMb, 0)} MB after open, ` +
      `${fmt(child.afterMb, 0)} MB after a full scan, a needle and a backward page; peak ${fmt(child.peakMb, 0)} MB ` +
      `(Node alone: ${fmt(child.baseMb, 0)} MB)`,
  );

  const plain = ingests[0];
  const slowestParsed = Math.min(...ingests.slice(1).map((r) => mb(r.rawBytes) / (r.cpuMs / 1000)));
  const storedRatio = plain === undefined ? NaN : plain.rawBytes / plain.storedBytes;
  const scanRatio = storeScan.ms / rgScan.ms;
  const blockSpeedup = rgBlock.ms / storeBlock.ms;
  const traceSpeedup = rgTrace.ms / storeTrace.ms;
  console.log('\nSummary');
  console.log(
    table([
      ['target (issue 5)', 'measured', 'verdict'],
      [
        'ingest with JSON/logfmt parsing >= 10 MB/s per core',
        `${fmt(slowestParsed)} MB per CPU-second (slowest parsed input)`,
        verdict(10, slowestParsed),
      ],
      ['storage <= 1/10 of raw on HDFS_2pct.log', `1/${fmt(storedRatio, 2)}`, verdict(10, storedRatio)],
      [
        'full-scan literal within 5x of ripgrep',
        `${fmt(scanRatio, 2)}x (store ${msOf(storeScan.ms)}, CPU ${msOf(storeScan.cpuMs)}; rg ${msOf(rgScan.ms)}, CPU ${msOf(rgScan.cpuMs)})`,
        verdict(scanRatio, 5),
      ],
      [
        'needle block id >= 10x faster than ripgrep',
        `${fmt(blockSpeedup, 1)}x (store ${msOf(storeBlock.ms)}, CPU ${msOf(storeBlock.cpuMs)}; rg ${msOf(rgBlock.ms)})`,
        verdict(10, blockSpeedup),
      ],
      [
        'needle trace id >= 10x faster than ripgrep',
        `${fmt(traceSpeedup, 1)}x (store ${msOf(storeTrace.ms)}, CPU ${msOf(storeTrace.cpuMs)}; rg ${msOf(rgTrace.ms)})`,
        verdict(10, traceSpeedup),
      ],
    ]),
  );
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
});
