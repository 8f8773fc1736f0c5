import { type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';

const usage = 'berth logs app [service] [-f] [--tail N] [--json]';

/** `berth logs`: container output, prefixed with the replica; stderr lines go to stderr. */
export async function logsCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      follow: { type: 'boolean', short: 'f' },
      tail: { type: 'string', short: 'n' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const [app, service] = positionals;
  if (app === undefined || positionals.length > 2)
    throw usageError('name an app and optionally a service', usage);
  if (values.tail !== undefined && !/^\d+$/.test(values.tail))
    throw usageError(`--tail "${values.tail}" is not a whole number`, usage);
  const query = new URLSearchParams();
  if (service !== undefined) query.set('service', service);
  if (values.follow) query.set('follow', '1');
  if (values.tail !== undefined) query.set('tail', values.tail);
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  try {
    for await (const entry of ctx.client.stream<{ replica: string; stream: string; line: string }>(
      'GET',
      `/apps/${encodeURIComponent(app)}/logs?${query.toString()}`,
      undefined,
      abort.signal,
    )) {
      if (values.json) ctx.stdout.write(`${JSON.stringify(entry)}\n`);
      else (entry.stream === 'stderr' ? ctx.stderr : ctx.stdout).write(`${entry.replica} | ${entry.line}\n`);
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    process.off('SIGINT', stop);
  }
  return 0;
}
