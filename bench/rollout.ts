// Issue 3 figures: failed requests under a bounded loopback load (wrk) during a rolling update, a
// scale-down and an automatic rollback; rollout time; proxy throughput as a ratio to a direct hit.
import { spawn } from 'node:child_process';
import { berth, freePort } from '../test/support/berth-process.js';
import { docker } from '../test/support/docker-cli.js';
import { testImage } from '../test/support/test-image.js';
import { benchApp, benchDaemon, benchName } from './support/bench-app.js';
import { loadAverage } from './support/engine-context.js';
import { runBench } from './support/run-bench.js';
import { table } from './support/table.js';

interface WrkResult {
  requests: number;
  non2xx: number;
  socketErrors: number;
  rps: number;
}

/** wrk against a loopback URL: 1 thread, `connections` connections, for `seconds` (bounded). */
function wrk(url: string, seconds: number, connections = 4): Promise<WrkResult> {
  if (!url.startsWith('http://127.0.0.1:') && !/^http:\/\/(172|192|10)\.\d+\.\d+\.\d+:/.test(url))
    throw new Error(`not a local target: ${url}`);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', url]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
      const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
      resolve({
        requests,
        non2xx,
        socketErrors,
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
      });
    });
  });
}

const compose = (app: string, port: number, readiness: string, deadline: string): string => `
name: ${app}
services:
  web:
    image: ${testImage}
    command: ["sh", "-c", "echo v=$$VERSION > /www/v.txt; exec httpd -f -p 8080 -h /www"]
    environment: { VERSION: "\${VERSION:-1}" }
    ports: ["127.0.0.1:${port}:8080"]
    stop_grace_period: 1s
    deploy: { replicas: 3, update_config: { order: start-first, parallelism: 1 } }
    x-berth:
      ingress: { drain: 1s }
      readiness: { http: { port: 8080, path: ${readiness} }, period: 1s }
      rollout: { progressDeadline: ${deadline} }
`;

await runBench('rollout', { deadlineMs: 600_000 }, async (cleanup) => {
  const daemon = await benchDaemon(cleanup);
  const app = benchName('rollout');
  const port = await freePort();
  const project = benchApp(cleanup, daemon, app, compose(app, port, '/v.txt', '10m'));
  const up = (version: string) =>
    berth(['up', '--timeout', '120'], { env: { ...daemon.env, VERSION: version }, cwd: project.dir });
  const first = await up('1');
  if (first.code !== 0) throw new Error(first.stderr);
  const url = `http://127.0.0.1:${port}/v.txt`;
  const rows: string[][] = [['scenario', 'requests', 'non-2xx', 'socket errors', 'wall time']];
  const under = async (name: string, seconds: number, work: () => Promise<unknown>): Promise<number> => {
    const load = wrk(url, seconds);
    const started = Date.now();
    await work();
    const wall = Date.now() - started;
    const result = await load;
    rows.push([
      name,
      String(result.requests),
      String(result.non2xx),
      String(result.socketErrors),
      `${wall} ms`,
    ]);
    return wall;
  };
  const rolloutMs = await under('rolling update, 3 replicas', 25, () => up('2'));
  project.write('compose.yaml', compose(app, port, '/missing.txt', '8s'));
  await under('automatic rollback (never ready)', 25, () => up('3'));
  project.write('compose.yaml', compose(app, port, '/v.txt', '10m'));
  await under('scale down 3 -> 1', 12, () => berth(['scale', app, 'web=1'], { env: daemon.env }));
  console.log(`load: wrk -t1 -c4 against ${url}; load average ${loadAverage()}\n`);
  console.log(table(rows));

  // Rollout time target: 3 x (start + readiness + drain) + 5 s; here start+readiness ~1.5 s, drain 1 s + 1 s refresh.
  console.log(
    `\nrolling update of 3 replicas took ${rolloutMs} ms (target <= 3 x (start + readiness + drain) + 5 s, about ${3 * (1500 + 2000) + 5000} ms here)`,
  );

  // Throughput: through the proxy vs straight to one replica's container IP, same run.
  await berth(['scale', app, 'web=1'], { env: daemon.env });
  const id = docker('ps', '-q', '--filter', `label=dev.berth.app=${app}`).split('\n')[0] ?? '';
  const ip = docker('inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', id);
  const direct = await wrk(`http://${ip}:8080/v.txt`, 8);
  const proxied = await wrk(url, 8);
  console.log(
    `\nthroughput, 1 replica, wrk -c4 8 s: direct ${Math.round(direct.rps)} req/s, through Berth's ingress ${Math.round(proxied.rps)} req/s, ratio ${(proxied.rps / direct.rps).toFixed(2)}`,
  );
});
