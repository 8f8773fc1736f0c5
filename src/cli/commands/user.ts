import { note, print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';
import { readStdin } from './read-stdin.js';

const usage =
  'berth user add NAME --role admin|deployer|viewer [--apps a,b] (password on stdin) | berth user ls [--json] | berth user rm NAME';

interface UserJson {
  name: string;
  role: string;
  apps: string[] | null;
  createdAt: number;
}

/** `berth user`: users with a role, optionally limited to some apps (admin only). */
export async function userCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { role: { type: 'string' }, apps: { type: 'string' }, json: { type: 'boolean' } },
    usage,
  );
  const [action, name] = positionals;
  if (action === 'add') {
    if (name === undefined || values.role === undefined) throw usageError('name the user and --role', usage);
    if (process.stdin.isTTY) note(ctx, `password for ${name} (at least 12 characters; Enter, then Ctrl-D):`);
    const password = await readStdin();
    const apps = values.apps
      ?.split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const user = await ctx.client.send<UserJson>('POST', '/users', {
      name,
      password,
      role: values.role,
      ...(apps?.length ? { apps } : {}),
    });
    note(ctx, `user ${user.name} added as ${user.role}${user.apps ? ` of ${user.apps.join(', ')}` : ''}`);
    return 0;
  }
  if (action === 'ls') {
    const answer = await ctx.client.get<{ users: UserJson[] }>('/users');
    if (values.json) printJson(ctx, answer);
    else
      print(
        ctx,
        table(
          ['NAME', 'ROLE', 'APPS', 'CREATED'],
          answer.users.map((u) => [
            u.name,
            u.role,
            u.apps?.join(',') ?? '*',
            new Date(u.createdAt).toISOString(),
          ]),
        ),
      );
    return 0;
  }
  if (action === 'rm') {
    if (name === undefined) throw usageError('name the user', usage);
    await ctx.client.send('DELETE', `/users/${encodeURIComponent(name)}`);
    note(ctx, `user ${name} removed (their tokens no longer work)`);
    return 0;
  }
  throw usageError(action === undefined ? 'say add, ls or rm' : `unknown action "${action}"`, usage);
}
