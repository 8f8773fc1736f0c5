import { print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';

const usage = 'berth down app [--volumes] [--json]';

/** `berth down`: removes the app's containers and networks; volumes only with --volumes. */
export async function downCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { volumes: { type: 'boolean' }, json: { type: 'boolean' } },
    usage,
  );
  const app = positionals[0];
  if (app === undefined || positionals.length > 1) throw usageError('name exactly one app', usage);
  const result = await ctx.client.send<{ removedNetworks: string[]; removedVolumes: string[] }>(
    'DELETE',
    `/apps/${encodeURIComponent(app)}${values.volumes ? '?volumes=1' : ''}`,
  );
  if (values.json) printJson(ctx, result);
  else {
    print(ctx, `${app} is down; removed networks: ${result.removedNetworks.join(', ') || 'none'}`);
    if (values.volumes) print(ctx, `removed volumes: ${result.removedVolumes.join(', ') || 'none'}`);
  }
  return 0;
}
