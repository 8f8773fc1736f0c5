import type { AppStatus } from '../../orchestrator/index.js';
import { print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { table } from '../table.js';

const usage = 'berth ps [app] [--json]';

const age = (startedAt: number): string => {
  if (!startedAt) return '-';
  const s = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`;
};

/** `berth ps`: every replica with state, readiness and restarts. */
export async function psCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, usage);
  const app = positionals[0];
  const apps =
    app === undefined
      ? (await ctx.client.get<{ apps: AppStatus[] }>('/apps')).apps
      : [await ctx.client.get<AppStatus>(`/apps/${encodeURIComponent(app)}`)];
  if (values.json) {
    printJson(ctx, app === undefined ? { apps } : apps[0]);
    return 0;
  }
  if (apps.length === 0) {
    print(ctx, 'No apps. Deploy one with: berth up -f compose.yaml');
    return 0;
  }
  const rows = apps.flatMap((a) =>
    a.services.flatMap((s) =>
      s.replicas.map((r) => [
        a.app,
        r.name,
        `${r.state}${r.outdated ? ' (old)' : ''}`,
        r.ready ? 'yes' : 'no',
        String(r.restarts),
        String(r.release),
        age(r.startedAt),
        r.ports.join(',') || '-',
        r.message ?? '',
      ]),
    ),
  );
  print(
    ctx,
    table(['APP', 'REPLICA', 'STATE', 'READY', 'RESTARTS', 'RELEASE', 'UP', 'PORTS', 'MESSAGE'], rows),
  );
  for (const a of apps) {
    for (const s of a.services) if (s.waiting) print(ctx, `${a.app}/${s.name}: ${s.waiting}`);
  }
  return 0;
}
