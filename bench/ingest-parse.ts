/**
 * Ingest parsing throughput (issue 5: "at least 10 MB/s per core"). Builds ~50 MB each of synthetic JSON,
 * logfmt and plain lines in memory, then times, on one core: `LineParser.parse` alone, and the Docker path
 * (timestamped messages → DockerLogLineSplitter → LineParser). Run: `npx tsx src/logs/ingest/bench-parse.ts [MB]`.
 */
import { DockerLogLineSplitter, LineParser } from '../src/logs/ingest/index.js';

const targetBytes = Number(process.argv[2] ?? '50') * 1024 * 1024;

// A small deterministic generator (mulberry32) so runs are comparable.
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const levels = ['debug', 'info', 'info', 'info', 'warn', 'error'];
const paths = ['/api/v1/orders', '/api/v1/users/42', '/healthz', '/static/app.js', '/api/v1/cart?id=9'];
const messages = [
  'request completed',
  'cache miss for key user:42',
  'upstream responded slowly',
  'order placed',
];

function jsonLine(i: number): string {
  return JSON.stringify({
    ts: new Date(1_714_564_800_000 + i).toISOString(),
    level: pick(levels),
    msg: pick(messages),
    req: { id: `r-${i}`, method: 'GET', path: pick(paths), remote: `10.0.${i % 256}.${i % 200}` },
    status: pick([200, 200, 201, 404, 500]),
    duration_ms: Math.round(random() * 5000) / 10,
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
  });
}

function logfmtLine(i: number): string {
  const time = new Date(1_714_564_800_000 + i).toISOString();
  return `ts=${time} level=${pick(levels)} msg="${pick(messages)}" method=GET path=${pick(paths)} status=${pick([200, 404, 500])} duration=${Math.round(random() * 500)}ms request_id=r-${i} remote=10.0.${i % 256}.${i % 200}`;
}

function plainLine(i: number): string {
  const time = new Date(1_714_564_800_000 + i).toISOString();
  return `${time} ${pick(['INFO', 'INFO', 'WARN', 'ERROR'])} [worker-${i % 8}] ${pick(messages)} after ${Math.round(random() * 500)} ms for ${pick(paths)}`;
}

function build(make: (i: number) => string): { lines: string[]; bytes: number } {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const line = make(i);
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  return { lines, bytes };
}

function report(name: string, bytes: number, lines: number, ms: number): void {
  const mbPerSecond = bytes / 1024 / 1024 / (ms / 1000);
  console.log(
    `${name.padEnd(34)} ${(bytes / 1024 / 1024).toFixed(1)} MB, ${lines} lines in ${ms.toFixed(0)} ms: ${mbPerSecond.toFixed(1)} MB/s, ${((lines / ms) * 1000).toFixed(0)} lines/s`,
  );
}

function benchParse(name: string, input: { lines: string[]; bytes: number }): void {
  const parser = new LineParser();
  let found = 0;
  const start = performance.now();
  for (const line of input.lines) {
    const parsed = parser.parse(line);
    found += Object.keys(parsed.fields).length + (parsed.level === undefined ? 0 : 1);
  }
  report(`parse ${name}`, input.bytes, input.lines.length, performance.now() - start);
  if (found === 0) throw new Error(`nothing was extracted from the ${name} lines`);
}

function benchDockerPath(name: string, input: { lines: string[]; bytes: number }): void {
  // One multiplexed frame payload per message, as the Engine sends them.
  const base = 1_714_564_800_000_000_000n;
  const payloads = input.lines.map((line, i) => {
    const ns = base + BigInt(i) * 1_000n;
    const seconds = new Date(Number(ns / 1_000_000n)).toISOString().slice(0, 19);
    const timestamp = `${seconds}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}Z`;
    return Buffer.from(`${timestamp} ${line}\n`);
  });
  const wireBytes = payloads.reduce((sum, p) => sum + p.length, 0);
  const splitter = new DockerLogLineSplitter();
  const parser = new LineParser();
  let lines = 0;
  const start = performance.now();
  for (const payload of payloads) {
    for (const line of splitter.pushFrame({ stream: 'stdout', payload })) {
      parser.parse(line.line);
      lines++;
    }
  }
  report(`docker frames → parse ${name}`, wireBytes, lines, performance.now() - start);
  if (lines !== input.lines.length) throw new Error(`expected ${input.lines.length} lines, got ${lines}`);
}

const json = build(jsonLine);
const logfmt = build(logfmtLine);
const plain = build(plainLine);
benchParse('json', json);
benchParse('logfmt', logfmt);
benchParse('plain', plain);
benchDockerPath('json', json);
benchDockerPath('logfmt', logfmt);
benchDockerPath('plain', plain);
