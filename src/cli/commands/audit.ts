import { print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';

const usage = 'berth audit [--limit 100] [--user NAME] [--outcome ok|denied|error] [--json]';

/** `berth audit`: every mutating API call and login — who, what, when, from where, outcome (admin). */
export async function auditCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      limit: { type: 'string', short: 'n' },
      user: { type: 'string' },
      outcome: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  if (positionals.length > 0) throw usageError('takes no arguments', usage);
  if (values.limit !== undefined && !/^\d+$/.test(values.limit))
    throw usageError(`--limit "${values.limit}" is not a number`, usage);
  if (values.outcome !== undefined && !['ok', 'denied', 'error'].includes(values.outcome))
    throw usageError(`--outcome "${values.outcome}" is not ok, denied or error`, usage);
  const query = new URLSearchParams({ limit: values.limit ?? '100' });
  if (values.user !== undefined) query.set('actor', values.user);
  if (values.outcome !== undefined) query.set('outcome', values.outcome);
  const answer = await ctx.client.get<{
    entries: {
      id: number;
      at: number;
      actor: string;
      action: string;
      target: string;
      outcome: string;
      source: string | null;
    }[];
  }>(`/audit?${query.toString()}`);
  if (values.json) printJson(ctx, answer);
  else
    print(
      ctx,
      table(
        ['WHEN', 'WHO', 'WHAT', 'TARGET', 'OUTCOME', 'FROM'],
        [...answer.entries]
          .reverse()
          .map((e) => [
            new Date(e.at).toISOString().slice(0, 19),
            e.actor,
            e.action,
            e.target,
            e.outcome,
            e.source ?? '',
          ]),
      ),
    );
  return 0;
}
