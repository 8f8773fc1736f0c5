import { print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { parseTimeout } from '../parse-timeout.js';
import { waitReady } from './wait-ready.js';

const usage = 'berth rollout resume|abort app [--detach] [--timeout seconds] [--json]';

interface ReleaseView {
  number: number;
  status: string;
  message: string | null;
}

/**
 * `berth rollout resume APP` continues a paused rollout; `berth rollout abort APP` gives it up and
 * restores the newest verified release. Both wait for the resulting release to be ready unless
 * `--detach` (like `berth rollback`).
 */
export async function rolloutCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      detach: { type: 'boolean', short: 'd' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const [action, app, ...rest] = positionals;
  if (action !== 'resume' && action !== 'abort')
    throw usageError(`say resume or abort, not "${action ?? ''}"`, usage);
  if (app === undefined || rest.length > 0) throw usageError('name exactly one app', usage);
  const timeoutMs = parseTimeout(values.timeout, usage);
  const path = `/apps/${encodeURIComponent(app)}/rollout/${action}`;
  let answer: { release: ReleaseView; aborted?: ReleaseView; restored?: number };
  if (action === 'resume') {
    answer = await ctx.client.send<{ release: ReleaseView }>('POST', path, {});
    if (!values.json) print(ctx, `Release ${answer.release.number} of ${app} resumed.`);
  } else {
    answer = await ctx.client.send<{ release: ReleaseView; aborted: ReleaseView; restored: number }>(
      'POST',
      path,
      {},
    );
    if (!values.json)
      print(
        ctx,
        `Release ${answer.aborted?.number ?? '?'} of ${app} aborted; release ${answer.release.number} restores release ${answer.restored ?? '?'}.`,
      );
  }
  if (values.detach) {
    if (values.json) printJson(ctx, answer);
    return 0;
  }
  const status = await waitReady(ctx, app, answer.release.number, timeoutMs);
  if (values.json) printJson(ctx, { ...answer, status });
  else print(ctx, `${app}: release ${answer.release.number} is ready`);
  return 0;
}
