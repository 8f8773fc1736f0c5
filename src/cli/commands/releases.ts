import { print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';

const usage = 'berth releases app [--json]';

interface ReleaseRow {
  number: number;
  createdAt: string;
  reason: string;
  status: string;
  message: string | null;
  services: Record<string, { image: string; imageId?: string; replicas: number }>;
  canary?: {
    service: string;
    steps: { weight: number; pauseMs: number }[];
    step: number | null;
    weight: number | null;
    promoted: boolean;
  }[];
}

/** `berth releases`: the app's numbered releases, newest first. */
export async function releasesCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, usage);
  const app = positionals[0];
  if (app === undefined) throw usageError('name an app', usage);
  const { releases } = await ctx.client.get<{ releases: ReleaseRow[] }>(
    `/apps/${encodeURIComponent(app)}/releases`,
  );
  if (values.json) {
    printJson(ctx, { releases });
    return 0;
  }
  const rows = releases.map((r) => [
    String(r.number),
    r.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    r.status,
    r.reason,
    Object.entries(r.services)
      .map(
        ([name, s]) =>
          `${name}=${s.image}@${(s.imageId ?? '').replace('sha256:', '').slice(0, 12)} x${s.replicas}`,
      )
      .join(' '),
    shorten(r.message ?? ''),
  ]);
  print(ctx, table(['RELEASE', 'CREATED', 'STATUS', 'REASON', 'SERVICES', 'MESSAGE'], rows));
  // A canary in progress: where it is and which steps are left (the message may be cut in the table).
  const rolling = releases.find((r) => r.status === 'pending' || r.status === 'paused');
  for (const c of rolling?.canary ?? []) {
    const steps = c.steps.map((s) => `${s.weight}% for ${s.pauseMs / 1000} s`).join(', ');
    const at = c.promoted
      ? 'promoted'
      : c.step === null
        ? 'starting'
        : `step ${c.step}/${c.steps.length} at ${c.weight ?? '?'}%`;
    print(ctx, `\nRelease ${rolling?.number ?? ''} canary ${c.service}: ${at} (steps: ${steps})`);
  }
  // A paused release waits for a person: say why in full and what can be done.
  const paused = releases.find((r) => r.status === 'paused');
  if (paused) {
    print(ctx, `\nRelease ${paused.number} is paused: ${paused.message ?? 'no reason recorded'}`);
    print(ctx, `Continue with: berth rollout resume ${app}   Give up with: berth rollout abort ${app}`);
  }
  return 0;
}

/** The table keeps one line per release; --json and the paused note carry the full message. */
const shorten = (text: string, max = 100): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
