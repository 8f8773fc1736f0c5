import { resolveConfig } from '../../config/index.js';
import { adminTokenFile, startServer } from '../../server/index.js';
import { note, type CliContext } from '../cli-context.js';
import { parseCommandArgs } from '../parse-command-args.js';

const usage = 'berth server [--listen host:port] [--home dir] [--docker-host unix:///var/run/docker.sock]';

/** `berth server`: runs the daemon in the foreground until SIGTERM or SIGINT. */
export async function serverCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      listen: { type: 'string' },
      home: { type: 'string' },
      'docker-host': { type: 'string' },
      'log-level': { type: 'string' },
    },
    usage,
  );
  const config = resolveConfig(
    {
      ...(values.listen === undefined ? {} : { listen: values.listen }),
      ...(values.home === undefined ? {} : { home: values.home }),
      ...(values['docker-host'] === undefined ? {} : { dockerHost: values['docker-host'] }),
      ...(values['log-level'] === undefined ? {} : { logLevel: values['log-level'] }),
    },
    ctx.env,
  );
  const server = await startServer(config, ctx.env);
  note(
    ctx,
    `Berth is running at ${server.url} (API ${server.url}/api/v1, token in ${adminTokenFile(config.home)}).`,
  );
  note(ctx, `Dashboard: ${server.url}/ (log in as a user, or with an API token)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void server.close().then(resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return 0;
}
