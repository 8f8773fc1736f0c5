import { join } from 'node:path';
import { resolveConfig } from '../../config/index.js';
import { BerthError } from '../../errors/index.js';
import {
  defaultOsvEcosystems,
  defaultOsvMirror,
  importOsv,
  osvExportUrls,
  VulnDb,
  vulnDbFileName,
} from '../../security/vulndb/index.js';
import { note, print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';

const usage =
  'berth db update [--from URL|DIR|ZIP ...] [--mirror URL] [--offline] [--json] | berth db status [--json]';

/** `berth db update|status`: the local OSV vulnerability database under BERTH_HOME (no daemon needed). */
export async function dbCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      from: { type: 'string', multiple: true },
      mirror: { type: 'string' },
      offline: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const [action] = positionals;
  if ((action !== 'update' && action !== 'status') || positionals.length > 1)
    throw usageError('say "update" or "status"', usage);
  const home = resolveConfig({}, ctx.env).home;
  const db = new VulnDb(join(home, vulnDbFileName));
  try {
    if (action === 'update' && !values.offline) {
      const sources = values.from ?? osvExportUrls(defaultOsvEcosystems, values.mirror ?? defaultOsvMirror);
      const tty = ctx.stderr.isTTY === true;
      const absolute = sources.map((s) =>
        s.startsWith('/') || /^https?:\/\//.test(s) ? s : join(ctx.cwd, s),
      );
      const report = await importOsv(db, absolute, {
        onProgress: (p) => {
          const line = `${p.phase} ${p.source}: ${p.files} files, ${p.imported} imported, ${p.skipped} unchanged, ${p.invalid} invalid`;
          if (tty) ctx.stderr.write(`\r\x1b[2K${line}`);
        },
      }).catch((error: unknown) => {
        throw error instanceof BerthError
          ? error
          : new BerthError(
              'BERTH_CONFIG',
              `importing vulnerability data failed: ${error instanceof Error ? error.message : String(error)}`,
              {
                hint: 'Check --from (a folder, .zip or URL of OSV records) or use --offline to keep the data you have.',
                cause: error,
              },
            );
      });
      if (tty) ctx.stderr.write('\n');
      if (values.json) printJson(ctx, { report, stats: db.stats() });
      else {
        print(
          ctx,
          `imported ${report.imported} advisories (${report.skipped} unchanged) from ${report.files} files in ${Math.round(report.durationMs)} ms`,
        );
        for (const bad of report.invalid.slice(0, 10)) note(ctx, `  invalid: ${bad.file}: ${bad.error}`);
        if (report.invalid.length > 10)
          note(ctx, `  ... and ${report.invalid.length - 10} more invalid files`);
      }
      return 0;
    }
    const stats = db.stats();
    const warning = db.ageWarning(new Date());
    if (values.json) printJson(ctx, { path: db.path, ...stats, warning: warning ?? null });
    else {
      print(
        ctx,
        `${db.path}: ${stats.advisories} advisories (${stats.withdrawn} withdrawn), newest modified ${stats.newestModified ?? 'never'}`,
      );
      for (const [ecosystem, count] of Object.entries(stats.affected)) print(ctx, `  ${ecosystem}: ${count}`);
    }
    if (warning) note(ctx, `warning: ${warning}`);
    return 0;
  } finally {
    db.close();
  }
}
