import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { berth, type Daemon } from '../../test/support/berth-process.js';
import { docker } from '../../test/support/docker-cli.js';
import { gitRemote } from '../../test/support/git-repo.js';
import { testImage } from '../../test/support/test-image.js';
import { benchApp } from '../support/bench-app.js';
import type { Cleanup } from '../support/run-bench.js';

/** What every page of the dashboard has to show, created through the public API as a user would. */
export interface Seeded {
  app: string;
  user: { name: string; password: string };
  /** Lines the logs query can return: `lines`, or the API's cap if that is lower. */
  queryLines: number;
  /** What the API answered for one line over its limit (proof of the cap). */
  capCheck: string;
  pushMs: number;
  /** `query_range` of every line from Node (fetch + JSON parse), for comparison with the page. */
  apiQueryMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Api {
  readonly #daemon: Daemon;
  readonly #token: string;
  constructor(daemon: Daemon) {
    this.#daemon = daemon;
    this.#token = readFileSync(join(daemon.home, 'admin.token'), 'utf8').trim();
  }

  /** `path` under /api/v1, or a /loki path as is, with the admin token. */
  request(method: string, path: string, body?: unknown): Promise<Response> {
    const url = `${this.#daemon.url}${path.startsWith('/loki') ? '' : '/api/v1'}${path}`;
    return fetch(url, {
      method,
      headers: { authorization: `Bearer ${this.#token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** `request`, throwing unless the status is `expect`. */
  async call(method: string, path: string, body: unknown, expect: number): Promise<Response> {
    const response = await this.request(method, path, body);
    if (response.status !== expect)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response;
  }
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await sleep(500);
  }
}

/**
 * `total` logfmt lines (parsed into fields like an app's own) spread 10 ms apart over the last ~17
 * minutes, pushed through the Loki push API in batches of `batch`. Answers the time it took.
 */
async function pushLines(api: Api, app: string, total: number, batch: number): Promise<number> {
  const started = Date.now();
  const endNs = BigInt(started - 60_000) * 1_000_000n;
  for (let from = 0; from < total; from += batch) {
    const values: [string, string][] = [];
    for (let i = from; i < Math.min(total, from + batch); i++) {
      const ts = endNs - BigInt(total - 1 - i) * 10_000_000n;
      const line = `level=info msg="bench line ${String(i).padStart(6, '0')}" path=/api/items/${i % 997} status=200 took=${i % 113}ms`;
      values.push([ts.toString(), line]);
    }
    await api.call(
      'POST',
      '/loki/api/v1/push',
      { streams: [{ stream: { app, service: 'loadgen' }, values }] },
      204,
    );
  }
  return Date.now() - started;
}

/** The most lines one `query_range` may return: the `limit` parameter's maximum in the OpenAPI document. */
async function queryLimit(api: Api): Promise<number> {
  const doc = (await (await api.call('GET', '/openapi.json', undefined, 200)).json()) as {
    paths: Record<string, { get?: { parameters?: { name: string; schema?: { maximum?: number } }[] } }>;
  };
  const limit = doc.paths['/logs/query_range']?.get?.parameters?.find((p) => p.name === 'limit');
  const maximum = limit?.schema?.maximum;
  if (maximum === undefined) throw new Error('openapi.json states no maximum for query_range limit');
  return maximum;
}

/** A one-step pipeline run to completion, so the Pipelines page lists a run. */
async function pipelineRun(cleanup: Cleanup, api: Api, app: string): Promise<void> {
  const remote = gitRemote();
  cleanup.add('remove the pipeline repository', () => remote.remove());
  remote.commit(
    {
      '.berth/pipeline.yaml': `steps:\n  test:\n    image: ${testImage}\n    commands: ['echo "bench ok"']\n`,
    },
    'add the pipeline',
  );
  await api.call('PUT', `/apps/${app}/pipeline`, { repoUrl: remote.bare, branch: 'main' }, 200);
  await api.call('POST', `/apps/${app}/pipelines/runs`, { ref: 'main' }, 202);
  const status = await until('the pipeline run to end', 120_000, async () => {
    const { runs } = (await (
      await api.call('GET', `/apps/${app}/pipelines/runs`, undefined, 200)
    ).json()) as {
      runs: { status: string }[];
    };
    const s = runs[0]?.status;
    return s !== undefined && !['queued', 'running', 'waiting'].includes(s) ? s : undefined;
  });
  if (status !== 'success') throw new Error(`the bench pipeline run ended "${status}"`);
}

/** Engine objects a pipeline run leaves (cache volumes, a run that outlived the daemon), by label. */
export function purgePipelineLeftovers(instance: string, app: string): void {
  const ids = (kind: string[], ...labels: string[]): string[] =>
    docker(...kind, '-q', ...labels.flatMap((l) => ['--filter', `label=${l}`]))
      .split('\n')
      .filter(Boolean);
  // Both labels: the app's own containers carry the instance label too, and are purged by bench-app.ts.
  const run = [`dev.berth.instance=${instance}`, 'dev.berth.pipeline-run'];
  const containers = ids(['ps', '-a'], ...run);
  if (containers.length > 0) docker('rm', '-f', ...containers);
  const networks = ids(['network', 'ls'], ...run);
  if (networks.length > 0) docker('network', 'rm', ...networks);
  const volumes = ids(['volume', 'ls'], `dev.berth.pipeline-cache=${app}`);
  if (volumes.length > 0) docker('volume', 'rm', '-f', ...volumes);
}

/**
 * An admin user; one app (one `sleep` replica of the test image) deployed with `berth up`; `lines` log
 * lines for it; a scan report of the test image; one finished pipeline run; metrics samples of the app.
 */
export async function seed(cleanup: Cleanup, daemon: Daemon, app: string, lines: number): Promise<Seeded> {
  const api = new Api(daemon);
  const user = { name: 'bench', password: 'correct-horse-battery-staple' };
  await api.call('POST', '/users', { ...user, role: 'admin' }, 201);

  const project = benchApp(
    cleanup,
    daemon,
    app,
    `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sleep", "100000"]\n    stop_grace_period: 1s\n`,
  );
  const up = await berth(['up', '-f', project.file], { env: daemon.env, timeoutMs: 120_000 });
  if (up.code !== 0) throw new Error(`berth up ${app} exited ${up.code}:\n${up.stderr}`);

  // The API's own limit, as its OpenAPI document states it, and proof that it is enforced.
  const cap = await queryLimit(api);
  const queryLines = Math.min(lines, cap);
  const query = encodeURIComponent(`{app="${app}"}`);
  const over = await api.request('GET', `/logs/query_range?query=${query}&since=1h&limit=${cap + 1}`);
  const capCheck =
    `openapi.json: limit <= ${cap}; limit=${cap + 1} answered ${over.status}` +
    (over.ok ? '' : `: ${(await over.text()).slice(0, 160)}`);

  const pushMs = await pushLines(api, app, lines, 10_000);
  const started = Date.now();
  const answer = (await (
    await api.call('GET', `/logs/query_range?query=${query}&since=1h&limit=${queryLines}`, undefined, 200)
  ).json()) as { entries: unknown[] };
  const apiQueryMs = Date.now() - started;
  if (answer.entries.length !== queryLines)
    throw new Error(`query_range answered ${answer.entries.length} of the ${queryLines} lines pushed`);

  await api.call('POST', '/scans', { image: testImage }, 201);
  await pipelineRun(cleanup, api, app);
  await until('two metrics samples of the app', 60_000, async () => {
    const answer = (await (
      await api.call('GET', `/apps/${app}/metrics?since=15m&by=service`, undefined, 200)
    ).json()) as { series: { points: { cpuCores: unknown[] } }[] };
    return answer.series.some((s) => s.points.cpuCores.length >= 2) ? true : undefined;
  });
  return { app, user, queryLines, capCheck, pushMs, apiQueryMs };
}
