import { berthErrorFromJson, BerthError, type BerthErrorJson } from '../../errors/index.js';
import { note, print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { parseTimeout } from '../parse-timeout.js';
import { waitReady } from './wait-ready.js';

const usage = 'berth scale app service=N [service=N ...] [--detach] [--timeout seconds] [--json]';

/** `berth scale`: a new release with changed replica counts, waited for like `up`. */
export async function scaleCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { detach: { type: 'boolean', short: 'd' }, timeout: { type: 'string' }, json: { type: 'boolean' } },
    usage,
  );
  const [app, ...pairs] = positionals;
  if (app === undefined || pairs.length === 0)
    throw usageError('name an app and at least one service=N', usage);
  const replicas: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^([a-zA-Z0-9][a-zA-Z0-9._-]*)=(\d+)$/.exec(pair);
    if (!match?.[1] || match[2] === undefined) throw usageError(`"${pair}" is not service=N`, usage);
    replicas[match[1]] = Number(match[2]);
  }
  let release: { number: number; app: string } | undefined;
  for await (const message of ctx.client.stream<{
    progress?: string;
    release?: { number: number; app: string };
    error?: BerthErrorJson;
  }>('POST', `/apps/${encodeURIComponent(app)}/scale`, { replicas })) {
    if (message.progress) note(ctx, `  ${message.progress}`);
    if (message.error) throw berthErrorFromJson(message.error);
    if (message.release) release = message.release;
  }
  if (!release) throw new BerthError('BERTH_INTERNAL', 'the daemon closed the connection before answering');
  if (values.detach) {
    if (values.json) printJson(ctx, { release });
    else print(ctx, `Release ${release.number} of ${app} recorded.`);
    return 0;
  }
  const status = await waitReady(ctx, app, release.number, parseTimeout(values.timeout, usage));
  if (values.json) printJson(ctx, status);
  else
    print(
      ctx,
      `${app}: release ${release.number} is ready (${status.services.map((s) => `${s.name} ${s.ready}/${s.desired}`).join(', ')})`,
    );
  return 0;
}
