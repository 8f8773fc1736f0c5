// Not server/index.js: that loads the whole daemon for one string (see commands/scan.ts).
import { berthVersion } from '../../server/version.js';
import { print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs } from '../parse-command-args.js';

/** `berth version`: the CLI's version, and the daemon's and engine's when reachable. */
export async function versionCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } }, 'berth version [--json]');
  const server = await ctx.client
    .get<{ berth: string; engine: { version: string; apiVersion: string } | null }>('/version')
    .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  if (values.json) {
    printJson(ctx, { cli: berthVersion, server });
    return 0;
  }
  print(ctx, `berth ${berthVersion}`);
  if ('error' in server) print(ctx, `daemon: unreachable (${server.error})`);
  else {
    print(ctx, `daemon: ${server.berth} at ${ctx.client.url}`);
    print(
      ctx,
      `docker engine: ${server.engine ? `${server.engine.version} (API ${server.engine.apiVersion})` : 'unreachable'}`,
    );
  }
  return 0;
}
