import { print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';

const usage = 'berth audit [--limit 100] [--json]';

/** `berth audit`: every mutating API call and login — who, what, when, from where, outcome (admin). */
export async function auditCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { limit: { type: 'string', short: 'n' }, json: { type: 'boolean' } },
    usage,
  );
  if (positionals.length > 0) throw usageError('takes no arguments', usage);
  if (values.limit !== undefined && !/^\d+$/.test(values.limit))
    throw usageError(`--limit "${values.limit}" is not a number`, usage);
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
  }>(`/audit?limit=${values.limit ?? 100}`);
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
