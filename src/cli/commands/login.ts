import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../../config/index.js';
import { note, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { readStdin } from './read-stdin.js';

const usage = 'berth login NAME (password on stdin) [--days 30] | berth login --logout';

/**
 * `berth login`: exchanges a user's password for an API token and keeps it in `$BERTH_HOME/cli.token`
 * (0600), which later commands use before the admin token. `--logout` forgets it.
 */
export async function loginCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { days: { type: 'string' }, logout: { type: 'boolean' } },
    usage,
  );
  const file = join(resolveConfig({}, ctx.env).home, 'cli.token');
  if (values.logout) {
    writeFileSync(file, '', { mode: 0o600 });
    note(ctx, 'logged out (the token still works until it expires; revoke it with berth token revoke)');
    return 0;
  }
  const [name] = positionals;
  if (name === undefined) throw usageError('name the user', usage);
  if (process.stdin.isTTY) note(ctx, `password for ${name} (Enter, then Ctrl-D):`);
  const password = await readStdin();
  const response = await fetch(`${ctx.client.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, ...(values.days ? { expiresInDays: Number(values.days) } : {}) }),
  });
  const body = (await response.json()) as { token?: string; expiresAt?: number; error?: { message: string } };
  if (!response.ok || !body.token) {
    note(
      ctx,
      `error: ${body.error?.message ?? `login answered HTTP ${response.status}`} [BERTH_UNAUTHORIZED]`,
    );
    return 1;
  }
  writeFileSync(file, `${body.token}\n`, { mode: 0o600 });
  note(ctx, `logged in as ${name} until ${new Date(body.expiresAt ?? 0).toISOString()}`);
  return 0;
}
