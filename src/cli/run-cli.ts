import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../config/index.js';
import { BerthError, isBerthError } from '../errors/index.js';
import { ApiClient } from './api-client.js';
import type { CliContext } from './cli-context.js';
type Command = (argv: string[], ctx: CliContext) => Promise<number>;

// Commands load on demand: `berth ps` need not load the scanner, the store or the daemon (CLI start-up
// is part of every command's latency; measured by bench/converge.ts).
const lazy =
  <K extends string>(load: () => Promise<Record<K, Command>>, name: K): Command =>
  async (argv, ctx) =>
    (await load())[name](argv, ctx);

const commands: Record<string, { run: Command; help: string }> = {
  server: {
    run: lazy(() => import('./commands/server.js'), 'serverCommand'),
    help: 'run the daemon (API on 127.0.0.1:7070)',
  },
  up: {
    run: lazy(() => import('./commands/up.js'), 'upCommand'),
    help: 'deploy a Compose file and wait until every replica is ready',
  },
  ps: {
    run: lazy(() => import('./commands/ps.js'), 'psCommand'),
    help: 'list replicas with state, readiness and restarts',
  },
  db: {
    run: lazy(() => import('./commands/db.js'), 'dbCommand'),
    help: 'update or show the local OSV vulnerability database (no daemon needed)',
  },
  down: {
    run: lazy(() => import('./commands/down.js'), 'downCommand'),
    help: 'remove an app (volumes only with --volumes)',
  },
  scale: {
    run: lazy(() => import('./commands/scale.js'), 'scaleCommand'),
    help: 'change replica counts: berth scale app web=3',
  },
  releases: {
    run: lazy(() => import('./commands/releases.js'), 'releasesCommand'),
    help: "list an app's releases",
  },
  rollback: {
    run: lazy(() => import('./commands/rollback.js'), 'rollbackCommand'),
    help: 'restore an earlier release: berth rollback app [--to N]',
  },
  rollout: {
    run: lazy(() => import('./commands/rollout.js'), 'rolloutCommand'),
    help: 'resume or abort a paused rollout: berth rollout resume|abort app',
  },
  events: {
    run: lazy(() => import('./commands/events.js'), 'eventsCommand'),
    help: 'show what the orchestrator did (-f to follow)',
  },
  logs: {
    run: lazy(() => import('./commands/logs.js'), 'logsCommand'),
    help: "show an app's stored logs, filtered with --query LOGQL (-f to follow)",
  },
  query: {
    run: lazy(() => import('./commands/query.js'), 'queryCommand'),
    help: 'run a LogQL query: berth query \'sum(rate({app="shop"} |= "error" [5m]))\'',
  },
  patterns: {
    run: lazy(() => import('./commands/patterns.js'), 'patternsCommand'),
    help: "list the templates mined from an app's logs, new ones marked",
  },
  alerts: {
    run: lazy(() => import('./commands/alerts.js'), 'alertsCommand'),
    help: "show an app's alert rules and which are firing",
  },
  metrics: {
    run: lazy(() => import('./commands/metrics.js'), 'metricsCommand'),
    help: 'CPU, memory, network and disk per replica, sampled every 10 s',
  },
  pipeline: {
    run: lazy(() => import('./commands/pipeline.js'), 'pipelineCommand'),
    help: 'connect a repository, run, watch, approve and cancel pipelines',
  },
  login: {
    run: lazy(() => import('./commands/login.js'), 'loginCommand'),
    help: 'log in as a user (password on stdin); later commands use that token',
  },
  user: {
    run: lazy(() => import('./commands/user.js'), 'userCommand'),
    help: 'add, list or remove users (admin): berth user add NAME --role deployer [--apps a,b]',
  },
  token: {
    run: lazy(() => import('./commands/token.js'), 'tokenCommand'),
    help: 'create, list or revoke API tokens',
  },
  audit: {
    run: lazy(() => import('./commands/audit.js'), 'auditCommand'),
    help: 'show the audit log (admin)',
  },
  secret: {
    run: lazy(() => import('./commands/secret.js'), 'secretCommand'),
    help: 'set (from stdin), list or remove pipeline secrets: berth secret set app NAME',
  },
  scan: {
    run: lazy(() => import('./commands/scan.js'), 'scanCommand'),
    help: 'scan an image, a folder, a Compose file, Kubernetes manifests or a Dockerfile (no daemon needed)',
  },
  version: {
    run: lazy(() => import('./commands/version.js'), 'versionCommand'),
    help: 'show CLI, daemon and engine versions',
  },
};

export const helpText = (): string =>
  [
    'Usage: berth <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.help}`),
    '',
    'Environment: BERTH_URL, BERTH_TOKEN, BERTH_HOME, BERTH_LISTEN (client and server); DOCKER_HOST,',
    '  BERTH_LOG_LEVEL, BERTH_RESYNC_MS, BERTH_BACKOFF_*_MS, BERTH_INGRESS_ADMIN, BERTH_INGRESS_DNS, BERTH_CADDY,',
    '  BERTH_RETENTION, BERTH_LOGS_MAX_BYTES, BERTH_METRICS_EVERY_MS (server).',
    'Every command accepts --json. Exit codes: 0 ok, 1 failure, 2 usage error. Docs: docs/cli.md',
  ].join('\n');

function clientFor(env: Readonly<Record<string, string | undefined>>): ApiClient {
  const config = resolveConfig({}, env);
  const tokenFile = join(config.home, 'admin.token');
  // A token from `berth login` wins over the admin token on the same machine.
  const loginFile = join(config.home, 'cli.token');
  const read = (file: string): string | undefined =>
    existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  // An empty variable counts as unset, like every other Berth setting.
  const token = env['BERTH_TOKEN'] || read(loginFile) || read(tokenFile);
  const host =
    config.host === '0.0.0.0'
      ? '127.0.0.1'
      : config.host === '::'
        ? '[::1]'
        : config.host.includes(':')
          ? `[${config.host}]`
          : config.host;
  const url = (env['BERTH_URL'] || `http://${host}:${config.port}`).replace(/\/+$/, '');
  return new ApiClient({ url, token, tokenFile });
}

function printError(ctx: Pick<CliContext, 'stderr'>, error: BerthError, json: boolean): void {
  if (json) {
    ctx.stderr.write(`${JSON.stringify({ error: error.toJSON() })}\n`);
    return;
  }
  const at = error.position ? `${error.position.file}:${error.position.line}:${error.position.column}` : '';
  // Some messages (pipeline files) already start with their location.
  const where = at === '' || error.message.startsWith(at) ? '' : `${at}: `;
  ctx.stderr.write(`error: ${where}${error.message} [${error.code}]\n`);
  if (error.hint) ctx.stderr.write(`hint: ${error.hint}\n`);
}

/** Runs the CLI and returns its exit code: 0 ok, 1 failure, 2 usage error. */
export async function runCli(argv: string[], io: Omit<CliContext, 'client'>): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(`${helpText()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') return runCli(['version', ...rest], io);
  const command = commands[name];
  const json = rest.includes('--json');
  try {
    if (!command)
      throw new BerthError('BERTH_USAGE', `unknown command "${name}"`, {
        hint: `Commands: ${Object.keys(commands).join(', ')}`,
      });
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`berth ${name}: ${command.help}\n`);
      return 0;
    }
    return await command.run(rest, { ...io, client: clientFor(io.env) });
  } catch (error) {
    const berth = isBerthError(error)
      ? error
      : new BerthError('BERTH_INTERNAL', error instanceof Error ? error.message : String(error), {
          cause: error,
        });
    printError(io, berth, json);
    return berth.kind === 'usage' ? 2 : 1;
  }
}
