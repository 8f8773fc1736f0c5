import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { containersOf, docker, purgeApp, uniqueApp } from '../support/docker-cli.js';
import { testImage } from '../support/test-image.js';
import { waitFor } from '../support/wait-for.js';

const app = uniqueApp('logs');
const hooks: { status: string; commonLabels: Record<string, string> }[] = [];
let hookServer: Server;
let hookUrl: string;

// The app numbers its lines (20 a second), prints a JSON line, a 20,000-character line (Docker splits
// it into 16 KB partial messages) and a stack trace on stderr; an alert watches for ERROR bursts.
const compose = (webhook: string): string => `
name: ${app}
services:
  web:
    image: ${testImage}
    command:
      - sh
      - -c
      - |
        echo '{"level":"warn","msg":"cache cold","trace_id":"t-1234"}'
        printf 'LONG%.0s' $(seq 1 5000); echo
        echo 'Exception in thread "main" java.lang.IllegalStateException: boom' >&2
        echo '	at shop.Cart.pay(Cart.java:42)' >&2
        i=0; while true; do echo "line $$i of the counter"; i=$$((i+1)); sleep 0.05; done
    stop_grace_period: 1s
    x-berth:
      logs: { multiline: stacktrace }
x-berth:
  alerts:
    - name: error-burst
      expr: 'sum(count_over_time({service="web"} |= "ERROR" [10s])) > 5'
      every: 1s
      severity: critical
      webhook: ${webhook}
`;

let daemon: Daemon;
let project: ComposeProject;
const cli = (...args: string[]) => berth(args, { env: daemon.env, cwd: project.dir });

interface Entry {
  line: string;
  timestampMs: number;
  streamLabels: Record<string, string>;
  metadata?: Record<string, string>;
}
const query = async (logql: string, extra: string[] = []): Promise<Entry[]> => {
  const result = await cli('query', logql, '--since', '1h', '--json', ...extra);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { entries: Entry[] }).entries;
};
/** Every counter number stored, in order. */
const counter = async (): Promise<number[]> =>
  (await query(`{app="${app}"} |= "of the counter"`, ['--limit', '100000', '--forward'])).map((e) =>
    Number(/line (\d+) of/.exec(e.line)?.[1]),
  );

beforeAll(async () => {
  hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      hooks.push(JSON.parse(body) as (typeof hooks)[number]);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
  project = composeProject(compose(hookUrl));
  daemon = await startDaemon();
  const up = await cli('up');
  expect(up.code, up.stderr).toBe(0);
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(app);
  project?.remove();
  if (daemon) removeHome(daemon.home);
  await new Promise((resolve) => hookServer?.close(resolve));
});

describe('logs of a deployed app', () => {
  it('stores a line written in the container, queryable soon after', async () => {
    const [id] = containersOf(app);
    expect(id).toBeDefined();
    docker('exec', id ?? '', 'sh', '-c', 'echo "marker-7f3a written by exec" > /proc/1/fd/1');
    await waitFor(
      'the marker line to be queryable',
      async () => (await query(`{app="${app}"} |= "marker-7f3a"`)).length === 1,
      10_000,
    );
  });

  it('merges Docker 16 KB partial lines, groups a stack trace, keeps JSON fields as metadata', async () => {
    const long = await query(`{app="${app}"} |= "LONGLONG"`);
    expect(long).toHaveLength(1);
    expect(long[0]?.line).toBe('LONG'.repeat(5000));
    const trace = await query(`{app="${app}", stream="stderr"}`);
    expect(trace.map((e) => e.line)).toEqual([
      'Exception in thread "main" java.lang.IllegalStateException: boom\n\tat shop.Cart.pay(Cart.java:42)',
    ]);
    const json = await query(`{app="${app}"} | level="warn"`);
    expect(json[0]?.metadata).toMatchObject({ level: 'warn', msg: 'cache cold', trace_id: 't-1234' });
    expect(json[0]?.streamLabels).toMatchObject({
      app,
      service: 'web',
      replica: '1',
      release: '1',
      stream: 'stdout',
    });
  });

  it('loses and duplicates nothing across a daemon crash (SIGKILL) and a graceful restart', async () => {
    for (const kill of [true, false]) {
      await daemon.stop({ kill });
      await new Promise((r) => setTimeout(r, 1500)); // the app keeps writing while the daemon is down
      daemon = await startDaemon({ home: daemon.home });
      const before = Date.now();
      // Wait until lines written after the restart are stored, then check the whole counter.
      await waitFor(
        'collection to resume',
        async () => ((await counter()).at(-1) ?? 0) > 0 && Date.now() - before > 2000,
        20_000,
        500,
      );
    }
    const numbers = await counter();
    expect(numbers.length).toBeGreaterThan(100);
    const expected = Array.from({ length: numbers.length }, (_, i) => i);
    expect(numbers).toEqual(expected);
  });

  it('mines the counter lines into one pattern', async () => {
    const result = await cli('patterns', app, '--json');
    const patterns = (JSON.parse(result.stdout) as { patterns: { template: string; count: number }[] })
      .patterns;
    const counterPattern = patterns.find((p) => p.template.includes('of the counter'));
    expect(counterPattern?.template).toBe('line <*> of the counter');
    expect(counterPattern?.count).toBeGreaterThan(50);
  });

  it('fires the alert and calls its webhook on a real burst of ERROR lines', async () => {
    const [id] = containersOf(app);
    docker(
      'exec',
      id ?? '',
      'sh',
      '-c',
      'for i in 1 2 3 4 5 6 7 8 9 10; do echo "ERROR payment failed $i" > /proc/1/fd/1; done',
    );
    await waitFor('the alert webhook', () => hooks.some((h) => h.status === 'firing'), 20_000);
    expect(hooks.find((h) => h.status === 'firing')?.commonLabels).toMatchObject({
      alertname: 'error-burst',
      app,
      severity: 'critical',
    });
    const events = await cli('events', app, '--json');
    expect(events.stdout).toContain('alert.firing');
  });

  it('samples container metrics', async () => {
    await waitFor(
      'a metrics sample',
      async () => {
        const result = await cli('metrics', app, '--json', '--since', '10m');
        const series = (JSON.parse(result.stdout) as { series: { points: { memoryBytes: unknown[] } }[] })
          .series;
        return (series[0]?.points.memoryBytes.length ?? 0) > 0;
      },
      30_000,
      500,
    );
  });
});
