import { print, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';

const usage = 'berth patterns app [--since 1h] [--limit 50] [--json]';

interface PatternJson {
  templateId: string;
  template: string;
  count: number;
  firstSeenMs: number;
  lastSeenMs: number;
  new: boolean;
}

const time = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** `berth patterns`: the templates mined from an app's logs, most frequent first; `*` marks new ones. */
export async function patternsCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { since: { type: 'string' }, limit: { type: 'string', short: 'n' }, json: { type: 'boolean' } },
    usage,
  );
  const [app] = positionals;
  if (app === undefined || positionals.length > 1) throw usageError('name exactly one app', usage);
  if (values.limit !== undefined && !/^\d+$/.test(values.limit))
    throw usageError(`--limit "${values.limit}" is not a whole number`, usage);
  const params = new URLSearchParams({ since: values.since ?? '1h', limit: values.limit ?? '50' });
  const answer = await ctx.client.get<{ total: number; patterns: PatternJson[] }>(
    `/apps/${encodeURIComponent(app)}/patterns?${params.toString()}`,
  );
  if (values.json) {
    print(ctx, JSON.stringify(answer, null, 2));
    return 0;
  }
  if (answer.patterns.length === 0) {
    print(ctx, `no log lines from ${app} in the last ${values.since ?? '1h'}`);
    return 0;
  }
  print(
    ctx,
    table(
      ['COUNT', 'FIRST SEEN', 'LAST SEEN', 'NEW', 'TEMPLATE'],
      answer.patterns.map((p) => [
        String(p.count),
        time(p.firstSeenMs),
        time(p.lastSeenMs),
        p.new ? '*' : '',
        p.template,
      ]),
    ),
  );
  if (answer.total > answer.patterns.length)
    print(ctx, `(${answer.total - answer.patterns.length} more; use --limit)`);
  return 0;
}
