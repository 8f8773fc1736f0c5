import { type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { followTail, printLogLine, type LogLineJson } from './log-lines.js';

const usage =
  'berth logs app [service] [-f] [--query LOGQL] [--since 1h] [-n N] [--timestamps] [--raw] [--json]';

/** The selector for an app (and service), plus the user's pipeline (`|= "x" | json`) or full query. */
export function logsQuery(app: string, service: string | undefined, query: string | undefined): string {
  const selector = `{app=${JSON.stringify(app)}${service === undefined ? '' : `, service=${JSON.stringify(service)}`}}`;
  if (query === undefined || query.trim() === '') return selector;
  // A full query keeps its own selector (the daemon still scopes it to the app).
  return query.trim().startsWith('{') ? query : `${selector} ${query}`;
}

/**
 * `berth logs`: an app's stored logs (collected from every replica, kept after containers are gone),
 * filtered by LogQL, then followed live with `-f`. `--raw` reads Docker's logs of the current
 * containers instead.
 */
export async function logsCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      follow: { type: 'boolean', short: 'f' },
      tail: { type: 'string', short: 'n' },
      query: { type: 'string', short: 'q' },
      since: { type: 'string' },
      timestamps: { type: 'boolean', short: 't' },
      raw: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const [app, service] = positionals;
  if (app === undefined || positionals.length > 2)
    throw usageError('name an app and optionally a service', usage);
  if (values.tail !== undefined && !/^\d+$/.test(values.tail))
    throw usageError(`-n "${values.tail}" is not a whole number`, usage);
  if (values.raw) return rawLogs(ctx, app, service, values);
  const query = logsQuery(app, service, values.query);
  const options = { json: values.json ?? false, timestamps: values.timestamps ?? false };
  let newest = -Infinity;
  const printPast = async (): Promise<void> => {
    if (values.tail === '0') return;
    const params = new URLSearchParams({
      query,
      app,
      since: values.since ?? '24h',
      limit: values.tail ?? '100',
      direction: 'backward',
    });
    const result = await ctx.client.get<{ entries: LogLineJson[] }>(`/logs/query_range?${params.toString()}`);
    for (const entry of result.entries.reverse()) {
      printLogLine(ctx, entry, options);
      newest = Math.max(newest, entry.timestampMs);
    }
  };
  if (!values.follow) {
    await printPast();
    return 0;
  }
  // Subscribe first, then print the past, so nothing written in between is missed.
  await followTail(
    ctx,
    query,
    app,
    (entry) => {
      if (entry.timestampMs > newest || newest === -Infinity) printLogLine(ctx, entry, options);
    },
    printPast,
  );
  return 0;
}

async function rawLogs(
  ctx: CliContext,
  app: string,
  service: string | undefined,
  values: { follow?: boolean | undefined; tail?: string | undefined; json?: boolean | undefined },
): Promise<number> {
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
