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
    if (current && status.converged) {
      if (tty) ctx.stderr.write('\n');
      return status;
    }
    if (current && status.failures.length > 0) {
      if (tty) ctx.stderr.write('\n');
      throw new BerthError(
        'BERTH_ROLLOUT_FAILED',
        `release ${release} of "${app}" failed:\n${status.failures.map((f) => `  - ${f.reason}`).join('\n')}`,
        {
          hint: `Berth keeps retrying with backoff; see the output with \`berth logs ${app}\` and fix the cause, then run \`berth up\` again.`,
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
    await new Promise((r) => setTimeout(r, 300));
  }
}
