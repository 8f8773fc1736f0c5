import { note, print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';

const usage =
  'berth token create NAME [--days 90] [--user NAME] | berth token ls [--all] [--json] | berth token revoke ID';

interface TokenJson {
  id: number;
  user: string;
  name: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  token?: string;
}

const when = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 19));

/** `berth token`: API tokens carrying their user's role; the value is shown once, at creation. */
export async function tokenCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      days: { type: 'string' },
      user: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const [action, arg] = positionals;
  if (action === 'create') {
    if (arg === undefined) throw usageError('name the token (what it is for)', usage);
    if (values.days !== undefined && !/^\d+$/.test(values.days))
      throw usageError(`--days "${values.days}" is not a number`, usage);
    const token = await ctx.client.send<TokenJson>('POST', '/tokens', {
      name: arg,
      ...(values.days ? { expiresInDays: Number(values.days) } : {}),
      ...(values.user ? { user: values.user } : {}),
    });
    if (values.json) printJson(ctx, token);
    else {
      print(ctx, token.token ?? '');
      note(ctx, `token ${token.id} of ${token.user}, expires ${when(token.expiresAt)}; it is shown only now`);
    }
    return 0;
  }
  if (action === 'ls') {
    const answer = await ctx.client.get<{ tokens: TokenJson[] }>(`/tokens${values.all ? '?all=1' : ''}`);
    if (values.json) printJson(ctx, answer);
    else
      print(
        ctx,
        table(
          ['ID', 'USER', 'NAME', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED'],
          answer.tokens.map((t) => [
            String(t.id),
            t.user,
            t.name,
            when(t.createdAt),
            when(t.expiresAt),
            when(t.lastUsedAt),
            when(t.revokedAt),
          ]),
        ),
      );
    return 0;
  }
  if (action === 'revoke') {
    if (arg === undefined || !/^\d+$/.test(arg))
      throw usageError('give the token id (berth token ls)', usage);
    await ctx.client.send('DELETE', `/tokens/${arg}`);
    note(ctx, `token ${arg} revoked`);
    return 0;
  }
  throw usageError(action === undefined ? 'say create, ls or revoke' : `unknown action "${action}"`, usage);
}
