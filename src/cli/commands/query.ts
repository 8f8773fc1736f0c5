import { print, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';
import { printLogLine, type LogLineJson } from './log-lines.js';
import { sparkline } from './metrics.js';

const usage =
  "berth query 'LOGQL' [--app APP] [--since 1h | --start T --end T] [--step 1m] [--limit N] [--forward] [--json]";

interface QueryAnswer {
  resultType: 'streams' | 'matrix';
  entries?: LogLineJson[];
  series?: { labels: Record<string, string>; points: [number, number][] }[];
  scanned: number;
}

/** `berth query`: runs LogQL over the stored logs; log queries print lines, metric queries series. */
export async function queryCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      app: { type: 'string' },
      since: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      step: { type: 'string' },
      limit: { type: 'string', short: 'n' },
      forward: { type: 'boolean' },
      timestamps: { type: 'boolean', short: 't' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const [query] = positionals;
  if (query === undefined || positionals.length > 1)
    throw usageError('give one LogQL query (quote it)', usage);
  if (values.limit !== undefined && !/^\d+$/.test(values.limit))
    throw usageError(`--limit "${values.limit}" is not a whole number`, usage);
  const params = new URLSearchParams({ query, direction: values.forward ? 'forward' : 'backward' });
  for (const key of ['app', 'since', 'start', 'end', 'step', 'limit'] as const) {
    const value = values[key];
    if (value !== undefined) params.set(key, value);
  }
  const answer = await ctx.client.get<QueryAnswer>(`/logs/query_range?${params.toString()}`);
  if (values.json) {
    print(ctx, JSON.stringify(answer, null, 2));
    return 0;
  }
  if (answer.resultType === 'streams') {
    const entries = answer.entries ?? [];
    // Newest first from the API; print in reading order like `berth logs`.
    for (const entry of values.forward ? entries : [...entries].reverse()) {
      printLogLine(ctx, entry, { json: false, timestamps: values.timestamps ?? true });
    }
    if (entries.length === 0) ctx.stderr.write(`no lines matched (${answer.scanned} read)\n`);
    return 0;
  }
  const series = answer.series ?? [];
  if (series.length === 0) {
    print(ctx, 'no series');
    return 0;
  }
  const rows = series.map((s) => [
    `{${Object.entries(s.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ')}}`,
    String(Number((s.points.at(-1)?.[1] ?? 0).toPrecision(6))),
    sparkline(s.points.map(([, v]) => v)),
  ]);
  print(ctx, table(['SERIES', 'LAST', 'TREND'], rows));
  return 0;
}
