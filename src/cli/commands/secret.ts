import { note, print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';
import { readStdin } from './read-stdin.js';

const usage =
  'berth secret set APP NAME (value on stdin) | berth secret ls APP [--json] | berth secret rm APP NAME';

/** `berth secret`: pipeline secrets of an app; values go in on stdin and never come back out. */
export async function secretCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, usage);
  const [action, app, name] = positionals;
  const base = (a: string): string => `/apps/${encodeURIComponent(a)}/secrets`;
  if (action === 'set') {
    if (app === undefined || name === undefined || positionals.length > 3)
      throw usageError('name the app and the secret; the value is read from stdin', usage);
    if (process.stdin.isTTY) note(ctx, `value of ${name} (end with Enter, then Ctrl-D):`);
    const value = await readStdin();
    await ctx.client.send('PUT', `${base(app)}/${encodeURIComponent(name)}`, { value });
    note(ctx, `secret ${name} of ${app} set (steps see it only through from_secret)`);
    return 0;
  }
  if (action === 'ls') {
    if (app === undefined || positionals.length > 2) throw usageError('name one app', usage);
    const answer = await ctx.client.get<{ secrets: { name: string; updatedAt: number }[] }>(base(app));
    if (values.json) printJson(ctx, answer);
    else if (answer.secrets.length === 0) print(ctx, `${app} has no secrets`);
    else
      print(
        ctx,
        table(
          ['NAME', 'UPDATED'],
          answer.secrets.map((s) => [s.name, new Date(s.updatedAt).toISOString()]),
        ),
      );
    return 0;
  }
  if (action === 'rm') {
    if (app === undefined || name === undefined || positionals.length > 3)
      throw usageError('name the app and the secret', usage);
    await ctx.client.send('DELETE', `${base(app)}/${encodeURIComponent(name)}`);
    note(ctx, `secret ${name} of ${app} deleted`);
    return 0;
  }
  throw usageError(action === undefined ? 'say set, ls or rm' : `unknown action "${action}"`, usage);
}
