import type { AppEvent } from '../../store/index.js';
import { print, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';

const usage = 'berth events app [-f] [--limit N] [--json]';

const line = (e: AppEvent): string => `${new Date(e.at).toISOString()}  ${e.kind.padEnd(18)} ${e.message}`;

/** `berth events`: what the orchestrator did and saw (releases, restarts, probe failures, rollbacks). */
export async function eventsCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      follow: { type: 'boolean', short: 'f' },
      limit: { type: 'string', short: 'n' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const app = positionals[0];
  if (app === undefined || positionals.length > 1) throw usageError('name exactly one app', usage);
  if (values.limit !== undefined && !/^\d+$/.test(values.limit))
    throw usageError(`--limit "${values.limit}" is not a whole number`, usage);
  const path = `/apps/${encodeURIComponent(app)}/events`;
  const show = (events: AppEvent[]): number => {
    const ascending = [...events].sort((a, b) => a.id - b.id);
    for (const e of ascending) print(ctx, values.json ? JSON.stringify(e) : line(e));
    return ascending.at(-1)?.id ?? 0;
  };
  const first = await ctx.client.get<{ events: AppEvent[] }>(`${path}?limit=${values.limit ?? 50}`);
  if (!values.follow && values.json) {
    print(ctx, JSON.stringify({ events: first.events }, null, 2));
    return 0;
  }
  let last = show(first.events);
  if (!values.follow) return 0;
  let stopped = false;
  const stop = (): void => {
    stopped = true;
  };
  process.once('SIGINT', stop);
  try {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, 1000));
      const next = await ctx.client.get<{ events: AppEvent[] }>(`${path}?after=${last}&limit=1000`);
      last = Math.max(last, show(next.events));
    }
  } finally {
    process.off('SIGINT', stop);
  }
  return 0;
}
