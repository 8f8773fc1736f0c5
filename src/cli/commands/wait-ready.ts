import { BerthError } from '../../errors/index.js';
import type { AppStatus } from '../../orchestrator/index.js';
import { note, type CliContext } from '../cli-context.js';

const summary = (status: AppStatus): string =>
  status.services
    .map((s) => `${s.name} ${s.ready}/${s.desired} ready${s.waiting ? ` (${s.waiting})` : ''}`)
    .join(', ');

/**
 * Polls the app until release `release` is converged (every replica ready), a replica fails, or the
 * timeout passes. Shows progress on stderr (one updating line on a terminal).
 */
export async function waitReady(
  ctx: CliContext,
  app: string,
  release: number,
  timeoutMs: number,
): Promise<AppStatus> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  const tty = ctx.stderr.isTTY === true;
  for (;;) {
    const status = await ctx.client.get<AppStatus>(`/apps/${encodeURIComponent(app)}`);
    const line = summary(status);
    if (line !== last) {
      if (tty) ctx.stderr.write(`\r\x1b[2K${line}`);
      else note(ctx, line);
      last = line;
    }
    const current = status.release === release;
    if (!current || status.releaseStatus === 'failed' || status.releaseStatus === 'paused')
      await failIfEnded(ctx, app, release, tty);
    if (current && status.converged && status.releaseStatus === 'active') {
      if (tty) ctx.stderr.write('\n');
      return status;
    }
    if (current && status.failures.length > 0) {
      await new Promise((r) => setTimeout(r, 500)); // let the daemon record its rollback decision
      await failIfEnded(ctx, app, release, tty);
      if (tty) ctx.stderr.write('\n');
      throw new BerthError(
        'BERTH_ROLLOUT_FAILED',
        `release ${release} of "${app}" failed:\n${status.failures.map((f) => `  - ${f.reason}`).join('\n')}`,
        {
          hint: `Without an earlier ready release to roll back to, Berth keeps retrying with backoff; see the output with \`berth logs ${app}\` and fix the cause, then run \`berth up\` again.`,
          details: { failures: status.failures },
        },
      );
    }
    if (Date.now() > deadline) {
      if (tty) ctx.stderr.write('\n');
      const notReady = status.services.flatMap((s) =>
        s.replicas
          .filter((r) => !r.outdated && !r.ready)
          .map((r) => `  - ${r.name}: ${r.state}${r.message ? `, ${r.message}` : ''}`),
      );
      throw new BerthError(
        'BERTH_TIMEOUT',
        `release ${release} of "${app}" was not ready after ${Math.round(timeoutMs / 1000)} s (${line}):\n${notReady.join('\n')}`,
        {
          hint: `Check readiness probes and \`berth logs ${app}\`; raise --timeout for slow starts.`,
        },
      );
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Throws when the release was rolled back, failed or superseded while we waited. */
async function failIfEnded(ctx: CliContext, app: string, release: number, tty: boolean): Promise<void> {
  const info = await ctx.client.get<{ status: string; message: string | null }>(
    `/apps/${encodeURIComponent(app)}/releases/${release}`,
  );
  if (info.status === 'pending' || info.status === 'active') return;
  if (tty) ctx.stderr.write('\n');
  const what =
    info.status === 'superseded'
      ? 'was superseded by a newer release'
      : info.status === 'rolled-back'
        ? 'was rolled back'
        : info.status === 'paused'
          ? `was paused (berth rollout resume ${app} | berth rollout abort ${app})`
          : 'failed';
  throw new BerthError(
    'BERTH_ROLLOUT_FAILED',
    `release ${release} of "${app}" ${what}${info.message ? `: ${info.message}` : ''}`,
    {
      hint: `See \`berth releases ${app}\` and \`berth logs ${app}\`; fix the cause and run \`berth up\` again.`,
    },
  );
}
