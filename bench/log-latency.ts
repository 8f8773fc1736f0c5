/**
 * Log latency (issue 5): how soon a line a deployed app writes can be queried, and how soon a live tail
 * shows it. Target: a deployed app's lines are queryable within 1 s of being written. Usage:
 *   npx tsx bench/log-latency.ts [--lines 20] [--poll 20]
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { berth, type Daemon } from '../test/support/berth-process.js';
import { containersOf } from '../test/support/docker-cli.js';
import { ensureTestImage, testImage } from '../test/support/test-image.js';
import { benchApp, benchDaemon, benchName } from './support/bench-app.js';
import { foreignContainers, loadAverage } from './support/engine-context.js';
import { countFlag } from './support/flags.js';
import { runBench, type Cleanup } from './support/run-bench.js';
import { max, median, min, ms, verdict } from './support/stats.js';
import { table } from './support/table.js';

const { values: flags } = parseArgs({
  options: { lines: { type: 'string', default: '20' }, poll: { type: 'string', default: '20' } },
});
const lines = countFlag('lines', flags.lines);
const pollMs = countFlag('poll', flags.poll);
const targetMs = 1000;
/** Give up on one line after this long (it counts as a failure, not as a slow sample). */
const giveUpMs = 15_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile (p in 0..100) of a handful of timings. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** When the tail delivered a line, and the line's Docker timestamp (when the engine read it). */
interface TailSeen {
  atMs: number;
  stampMs: number;
}

interface Api {
  daemon: Daemon;
  token: string;
}

const headers = (api: Api): Record<string, string> => ({ authorization: `Bearer ${api.token}` });

/** One `query_range` call (Loki-style API, issue 5): the stored line's Docker timestamp, if found. */
async function queryOnce(api: Api, app: string, marker: string): Promise<number | undefined> {
  const query = `{app="${app}"} |= "${marker} written"`;
  const url = `${api.daemon.url}/api/v1/logs/query_range?query=${encodeURIComponent(query)}&since=5m`;
  const response = await fetch(url, { headers: headers(api) });
  if (!response.ok) throw new Error(`query_range answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { entries?: { line: string; timestampMs: number }[] };
  return body.entries?.find((e) => e.line.includes(`${marker} written`))?.timestampMs;
}

/**
 * A live tail (`GET /api/v1/logs/tail`, server-sent events) that records when each line containing
 * `prefix` arrived. Resolves once the server said `ready` (the subscription exists).
 */
async function openTail(
  api: Api,
  app: string,
  prefix: string,
): Promise<{ seen: Map<string, TailSeen>; close: () => void }> {
  const abort = new AbortController();
  const query = `{app="${app}"} |= "${prefix}"`;
  const response = await fetch(`${api.daemon.url}/api/v1/logs/tail?query=${encodeURIComponent(query)}`, {
    headers: { ...headers(api), accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`tail answered ${response.status}`);
  const seen = new Map<string, TailSeen>();
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  let pending = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  // SSE (WHATWG HTML, "Server-sent events"): events are separated by a blank line.
  void (async () => {
    for (;;) {
      // Aborting the fetch (close) rejects the pending read: the loop ends either way.
      const { done, value } = (await reader.read().catch(() => ({ done: true, value: undefined }))) as {
        done: boolean;
        value?: Uint8Array;
      };
      if (done || value === undefined) return;
      const at = Date.now();
      pending += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        const block = pending.slice(0, end);
        pending = pending.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (event === 'ready') markReady();
        if (event !== 'entry') continue;
        const entry = JSON.parse(data) as { line: string; timestampMs: number };
        const marker = new RegExp(`${prefix}[a-z]\\d+`).exec(entry.line)?.[0];
        if (marker !== undefined && !seen.has(marker))
          seen.set(marker, { atMs: at, stampMs: entry.timestampMs });
      }
    }
  })();
  await Promise.race([
    ready,
    sleep(10_000).then(() => {
      throw new Error('the tail did not say ready within 10 s');
    }),
  ]);
  return { seen, close: () => abort.abort() };
}

interface Sample {
  /** How long `docker exec ... echo` took; the line was written somewhere within it. */
  execMs: number;
  /** From `docker exec` returning until a query first returned the line (NaN: never, within 15 s). */
  queryMs: number;
  /** From the line's Docker timestamp (when the engine read it) until a query returned it. */
  stampToQueryMs: number;
  /** From `docker exec` returning until the tail delivered the line (negative: before it returned). */
  tailMs: number;
  /** From the line's Docker timestamp until the tail delivered it. */
  stampToTailMs: number;
}

/**
 * Writes `marker` to the container's stdout the way its own process would (PID 1's fd 1). Not
 * `execFileSync`: the event loop must keep reading the tail meanwhile, or every tail event would be
 * timestamped when the exec returns.
 */
async function write(id: string, marker: string): Promise<{ startedAt: number; returnedAt: number }> {
  const startedAt = Date.now();
  await promisify(execFile)('docker', [
    'exec',
    id,
    'sh',
    '-c',
    `echo "${marker} written by the bench" > /proc/1/fd/1`,
  ]);
  return { startedAt, returnedAt: Date.now() };
}

async function untilTail(seen: Map<string, TailSeen>, marker: string, byMs: number): Promise<TailSeen> {
  while (!seen.has(marker) && Date.now() < byMs) await sleep(5);
  return seen.get(marker) ?? { atMs: NaN, stampMs: NaN };
}

/** `lines` writes; each polled with `query_range` every `pollMs` when `poll` is set, and seen by the tail. */
async function measure(
  api: Api,
  app: string,
  id: string,
  prefix: string,
  tail: Map<string, TailSeen>,
  poll: boolean,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 1; i <= lines; i++) {
    // A random pause, so writes do not fall in step with any timer of the collector or the store.
    await sleep(100 + Math.random() * 400);
    const marker = `${prefix}${i}`;
    const { startedAt, returnedAt } = await write(id, marker);
    let queryMs = NaN;
    let stampToQueryMs = NaN;
    while (poll && Date.now() - returnedAt < giveUpMs) {
      const askedAt = Date.now();
      const stamp = await queryOnce(api, app, marker);
      if (stamp !== undefined) {
        queryMs = Date.now() - returnedAt;
        stampToQueryMs = Date.now() - stamp;
        break;
      }
      await sleep(Math.max(0, askedAt + pollMs - Date.now()));
    }
    const tailed = await untilTail(tail, marker, returnedAt + giveUpMs);
    samples.push({
      execMs: returnedAt - startedAt,
      queryMs,
      stampToQueryMs,
      tailMs: tailed.atMs - returnedAt,
      stampToTailMs: tailed.atMs - tailed.stampMs,
    });
  }
  return samples;
}

async function deploy(cleanup: Cleanup, daemon: Daemon, app: string): Promise<string> {
  const project = benchApp(
    cleanup,
    daemon,
    app,
    `
name: ${app}
services:
  quiet:
    image: ${testImage}
    command: ["sleep", "100000"]
    stop_grace_period: 1s
`,
  );
  const up = await berth(['up', '-f', project.file], { env: daemon.env, timeoutMs: 120_000 });
  if (up.code !== 0) throw new Error(`berth up ${app} exited ${up.code}:\n${up.stderr}`);
  const [id] = containersOf(app);
  if (id === undefined) throw new Error(`${app} has no container after berth up`);
  return id;
}

const row = (label: string, values: number[], withVerdict = false): string[] => {
  const found = values.filter(Number.isFinite);
  return [
    label,
    `${found.length}/${values.length}`,
    ms(min(found)),
    ms(median(found)),
    ms(percentile(found, 95)),
    ms(max(found)),
    withVerdict
      ? found.length === values.length
        ? `${verdict(percentile(found, 95), targetMs)} (p95), ${verdict(max(found), targetMs)} (max)`
        : 'MISSED (lines not found)'
      : '',
  ];
};

await runBench('log-latency', { deadlineMs: 5 * 60_000 }, async (cleanup) => {
  ensureTestImage();
  console.log(
    `log-latency: ${lines} lines polled with query_range every ${pollMs} ms, then ${lines} seen by the tail ` +
      `alone; ${foreignContainers('bench-')} other containers running, load ${loadAverage()}`,
  );
  const daemon = await benchDaemon(cleanup);
  const api: Api = { daemon, token: readFileSync(join(daemon.home, 'admin.token'), 'utf8').trim() };
  const app = benchName('logs');
  const id = await deploy(cleanup, daemon, app);
  const prefix = `marker-${randomBytes(3).toString('hex')}-`;
  const tail = await openTail(api, app, prefix);
  cleanup.add('close the tail', () => tail.close());

  console.log('(1) query_range polling (the tail listens too)');
  const polled = await measure(api, app, id, `${prefix}q`, tail.seen, true);
  console.log('(2) tail alone');
  const tailed = await measure(api, app, id, `${prefix}t`, tail.seen, false);
  tail.close();

  console.log(`\nLatency, ${lines} lines each (from \`docker exec\` returning unless said otherwise):`);
  console.log(
    table([
      ['', 'found', 'min', 'median', 'p95', 'max', `verdict (< ${ms(targetMs)})`],
      row(
        'query_range returns the line',
        polled.map((s) => s.queryMs),
        true,
      ),
      row(
        'query_range, from the line\u2019s Docker timestamp',
        polled.map((s) => s.stampToQueryMs),
      ),
      row(
        'tail event, while query_range polls',
        polled.map((s) => s.tailMs),
      ),
      row(
        'tail event, tail alone',
        tailed.map((s) => s.tailMs),
      ),
      row(
        'tail event, tail alone, from the Docker timestamp',
        tailed.map((s) => s.stampToTailMs),
      ),
      row(
        'docker exec (write) itself',
        [...polled, ...tailed].map((s) => s.execMs),
      ),
    ]),
  );
  console.log(
    `(query_range polled every ${pollMs} ms, so its figures include up to ${pollMs} ms of polling delay ` +
      'plus one query; a negative figure means the line arrived before `docker exec` returned)',
  );
});
