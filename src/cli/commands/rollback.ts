import { print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { parseTimeout } from '../parse-timeout.js';
import { waitReady } from './wait-ready.js';

const usage = 'berth rollback app [--to N] [--detach] [--timeout seconds] [--json]';

/** `berth rollback`: restores an earlier release (default: the newest that was ever ready) and waits. */
export async function rollbackCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      to: { type: 'string' },
      detach: { type: 'boolean', short: 'd' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const app = positionals[0];
  if (app === undefined || positionals.length > 1) throw usageError('name exactly one app', usage);
  if (values.to !== undefined && !/^[1-9]\d*$/.test(values.to))
    throw usageError(`--to "${values.to}" is not a release number`, usage);
  const timeoutMs = parseTimeout(values.timeout, usage);
  const answer = await ctx.client.send<{ release: { number: number; app: string }; restored: number }>(
    'POST',
    `/apps/${encodeURIComponent(app)}/rollback`,
    values.to === undefined ? {} : { to: Number(values.to) },
  );
  if (!values.json)
    print(ctx, `Release ${answer.release.number} of ${app} restores release ${answer.restored}.`);
  if (values.detach) {
    if (values.json) printJson(ctx, answer);
    return 0;
  }
  const status = await waitReady(ctx, app, answer.release.number, timeoutMs);
  if (values.json) printJson(ctx, { ...answer, status });
  else print(ctx, `${app}: release ${answer.release.number} is ready`);
  return 0;
}
