import { print, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';

const usage = 'berth alerts app [--json]';

interface RuleJson {
  name: string;
  expr: string;
  severity: string;
  forMs: number;
  state: string;
  active: { labels: Record<string, string>; value: number }[];
  lastError?: string;
}

/** `berth alerts`: an app's alert rules (`x-berth.alerts`) and whether each is pending or firing. */
export async function alertsCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, usage);
  const [app] = positionals;
  if (app === undefined || positionals.length > 1) throw usageError('name exactly one app', usage);
  const answer = await ctx.client.get<{ alerts: RuleJson[] }>(`/apps/${encodeURIComponent(app)}/alerts`);
  if (values.json) {
    print(ctx, JSON.stringify(answer, null, 2));
    return 0;
  }
  if (answer.alerts.length === 0) {
    print(ctx, `${app} has no alert rules (add them under x-berth.alerts in its Compose file)`);
    return 0;
  }
  print(
    ctx,
    table(
      ['NAME', 'STATE', 'SEVERITY', 'FOR', 'VALUE', 'EXPR'],
      answer.alerts.map((a) => [
        a.name,
        a.lastError ? `error: ${a.lastError}` : a.state,
        a.severity,
        `${a.forMs / 1000}s`,
        a.active.map((x) => String(x.value)).join(', '),
        a.expr,
      ]),
    ),
  );
  return 0;
}
