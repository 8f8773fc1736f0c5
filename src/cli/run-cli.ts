import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../config/index.js';
import { BerthError, isBerthError } from '../errors/index.js';
import { ApiClient } from './api-client.js';
import type { CliContext } from './cli-context.js';
import { dbCommand } from './commands/db.js';
import { downCommand } from './commands/down.js';
import { eventsCommand } from './commands/events.js';
import { logsCommand } from './commands/logs.js';
import { psCommand } from './commands/ps.js';
import { releasesCommand } from './commands/releases.js';
import { rollbackCommand } from './commands/rollback.js';
import { scaleCommand } from './commands/scale.js';
import { scanCommand } from './commands/scan.js';
import { serverCommand } from './commands/server.js';
import { upCommand } from './commands/up.js';
import { versionCommand } from './commands/version.js';

type Command = (argv: string[], ctx: CliContext) => Promise<number>;

const commands: Record<string, { run: Command; help: string }> = {
  server: { run: serverCommand, help: 'run the daemon (API on 127.0.0.1:7070)' },
  up: { run: upCommand, help: 'deploy a Compose file and wait until every replica is ready' },
  ps: { run: psCommand, help: 'list replicas with state, readiness and restarts' },
  db: { run: dbCommand, help: 'update or show the local OSV vulnerability database (no daemon needed)' },
  down: { run: downCommand, help: 'remove an app (volumes only with --volumes)' },
  scale: { run: scaleCommand, help: 'change replica counts: berth scale app web=3' },
  releases: { run: releasesCommand, help: "list an app's releases" },
  rollback: { run: rollbackCommand, help: 'restore an earlier release: berth rollback app [--to N]' },
  events: { run: eventsCommand, help: 'show what the orchestrator did (-f to follow)' },
  logs: { run: logsCommand, help: 'show container output (-f to follow)' },
  scan: {
    run: scanCommand,
    help: 'check a Compose file, Kubernetes manifests or a Dockerfile (no daemon needed)',
  },
  version: { run: versionCommand, help: 'show CLI, daemon and engine versions' },
};

export const helpText = (): string =>
  [
    'Usage: berth <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.help}`),
    '',
    'Environment: BERTH_URL, BERTH_TOKEN, BERTH_HOME, BERTH_LISTEN (client and server); DOCKER_HOST,',
    '  BERTH_LOG_LEVEL, BERTH_RESYNC_MS, BERTH_BACKOFF_*_MS, BERTH_INGRESS_ADMIN, BERTH_CADDY (server).',
    'Every command accepts --json. Exit codes: 0 ok, 1 failure, 2 usage error. Docs: docs/cli.md',
  ].join('\n');

function clientFor(env: Readonly<Record<string, string | undefined>>): ApiClient {
  const config = resolveConfig({}, env);
  const tokenFile = join(config.home, 'admin.token');
  // An empty variable counts as unset, like every other Berth setting.
  const token =
    env['BERTH_TOKEN'] || (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
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
  const where = error.position
    ? `${error.position.file}:${error.position.line}:${error.position.column}: `
    : '';
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
