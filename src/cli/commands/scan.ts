import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveConfig } from '../../config/index.js';
import { BerthError } from '../../errors/index.js';
import type { ArtifactScan } from '../../security/artifact/index.js';
import type { ImageSource } from '../../security/image/index.js';
import {
  failsAt,
  renderTable,
  severityOrder,
  sortFindings,
  summarize,
  type Finding,
  type FindingSeverity,
  type ScanReport,
} from '../../security/report/index.js';
import type { SuppressionResult } from '../../security/suppress/index.js';
// Not `server/index.js`: that loads the whole daemon (Hono, dockerode, the stores, the pipeline) for one
// string, which cost `berth scan` ~0.4 s of its ~1 s (bench/scan.ts, issue 4).
import { berthVersion } from '../../server/version.js';
import { print, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';

// The analysers load on demand (below): an image scan never needs the YAML and Kubernetes rules, a
// Dockerfile lint never needs SQLite, tar readers or the SBOM parsers, and neither needs the SARIF/SBOM
// writers or `.berthignore`/VEX parsing unless asked. Start-up is most of a small scan's wall time.

const usage =
  'berth scan compose|k8s|dockerfile FILE | image REF|TARBALL|OCI-DIR [--registry] | fs DIR  [--format table|json|sarif|cyclonedx|spdx] [--json] [--fail-on SEVERITY] [--ignore-file .berthignore] [--vex FILE] [--level baseline|restricted] [--k8s-version v1.30]';

const formats = ['table', 'json', 'sarif', 'cyclonedx', 'spdx'] as const;

type Target = ScanReport['target']['kind'];
const targets: Record<string, Target> = {
  image: 'image',
  fs: 'fs',
  compose: 'compose',
  k8s: 'kubernetes',
  kubernetes: 'kubernetes',
  dockerfile: 'dockerfile',
};

/** `berth scan`: runs without the daemon; exits 1 when a finding reaches --fail-on. */
export async function scanCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      format: { type: 'string' },
      json: { type: 'boolean' },
      'fail-on': { type: 'string' },
      level: { type: 'string' },
      'k8s-version': { type: 'string' },
      registry: { type: 'boolean' },
      'ignore-file': { type: 'string' },
      vex: { type: 'string', multiple: true },
    },
    usage,
  );
  const [what, file] = positionals;
  const kind = what === undefined ? undefined : targets[what];
  if (kind === undefined || file === undefined || positionals.length > 2)
    throw usageError('name what to scan and the file', usage);
  const format = values.json ? 'json' : (values.format ?? 'table');
  if (!(formats as readonly string[]).includes(format)) {
    throw usageError(`--format "${format}" is not one of ${formats.join(', ')}`, usage);
  }
  if ((format === 'cyclonedx' || format === 'spdx') && what !== 'image' && what !== 'fs') {
    throw usageError(`--format ${format} is an SBOM: scan an image or a folder`, usage);
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(severityOrder as readonly string[]).includes(failOn)) {
    throw usageError(`--fail-on "${failOn}" is not one of ${severityOrder.join(', ')}`, usage);
  }
  const level = values.level;
  if (level !== undefined && level !== 'baseline' && level !== 'restricted')
    throw usageError(`--level "${level}" is not baseline or restricted`, usage);
  let findings: Finding[];
  let artifact: ArtifactScan | undefined;
  if (kind === 'image' || kind === 'fs') {
    const { scanFilesystem, scanImage, vulnDbFileName } = await import('../../security/artifact/index.js');
    const dbPath = join(resolveConfig({}, ctx.env).home, vulnDbFileName);
    artifact =
      kind === 'fs'
        ? await scanFilesystem(existingPath(ctx, file), dbPath)
        : await scanImage(imageSource(ctx, file, values.registry === true), dbPath);
    findings = artifact.findings;
  } else {
    const path = existingPath(ctx, file);
    if (statSync(path).isDirectory()) throw usageError(`"${file}" is a directory; name one file`, usage);
    const text = readFileSync(path, 'utf8');
    const { scanComposeText, scanDockerfileText, scanKubernetesText } =
      await import('../../security/config-scan/index.js');
    findings =
      kind === 'compose'
        ? scanComposeText(text, file)
        : kind === 'dockerfile'
          ? scanDockerfileText(text, file)
          : scanKubernetesText(text, file, {
              ...(level === undefined ? {} : { level }),
              ...(values['k8s-version'] === undefined ? {} : { version: values['k8s-version'] }),
            });
  }
  const suppression = await suppress(ctx, findings, values['ignore-file'], values.vex ?? []);
  const sorted = sortFindings(suppression.kept);
  const report: ScanReport = {
    schemaVersion: 1,
    tool: { name: 'berth', version: berthVersion },
    createdAt: new Date().toISOString(),
    target: { kind, name: file },
    findings: sorted,
    suppressed: suppression.suppressed.length,
    summary: summarize(sorted),
    ...(artifact
      ? {
          warnings: [...artifact.warnings, ...suppression.warnings],
          sbom: {
            ...(artifact.sbom.distro ? { distro: artifact.sbom.distro } : {}),
            packages: artifact.sbom.packages.map((p) => ({
              ecosystem: p.ecosystem,
              name: p.name,
              version: p.version,
              ...(p.sourceName ? { sourceName: p.sourceName } : {}),
              purl: p.purl,
              locations: p.locations,
            })),
          },
        }
      : {}),
  };
  print(ctx, await render(report, format, artifact));
  return failOn !== undefined && failsAt(sorted, failOn as FindingSeverity) ? 1 : 0;
}

function existingPath(ctx: CliContext, file: string): string {
  const path = resolve(ctx.cwd, file);
  if (!existsSync(path))
    throw new BerthError('BERTH_FILE_NOT_FOUND', `"${file}" does not exist`, { hint: `Looked for ${path}.` });
  return path;
}

/** A tarball or OCI layout on disk, an image in a registry (--registry), or else one in the local engine. */
function imageSource(ctx: CliContext, ref: string, registry: boolean): ImageSource {
  if (registry) return { kind: 'registry', ref };
  const path = resolve(ctx.cwd, ref);
  if (existsSync(path)) {
    return statSync(path).isDirectory() ? { kind: 'oci-layout', path } : { kind: 'docker-archive', path };
  }
  return { kind: 'engine', ref, ...(ctx.env['DOCKER_HOST'] ? { dockerHost: ctx.env['DOCKER_HOST'] } : {}) };
}

async function render(
  report: ScanReport,
  format: string,
  artifact: ArtifactScan | undefined,
): Promise<string> {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'table') return renderTable(report);
  const { toCycloneDx, toSarif, toSpdx } = await import('../../security/formats/index.js');
  if (format === 'sarif') return JSON.stringify(toSarif(report), null, 2);
  if ((format === 'cyclonedx' || format === 'spdx') && artifact) {
    const meta = {
      toolVersion: berthVersion,
      subject: {
        kind: report.target.kind === 'image' ? ('image' as const) : ('fs' as const),
        name: report.target.name,
      },
      findings: report.findings,
    };
    return JSON.stringify(
      format === 'cyclonedx' ? toCycloneDx(artifact.sbom, meta) : toSpdx(artifact.sbom, meta),
      null,
      2,
    );
  }
  return renderTable(report);
}

/**
 * Applies `.berthignore` (given, or in the current folder) and OpenVEX documents. With neither there is
 * nothing to suppress, and the YAML and zod parsers behind them are not loaded.
 */
async function suppress(
  ctx: CliContext,
  findings: Finding[],
  ignoreFile: string | undefined,
  vexFiles: readonly string[],
): Promise<SuppressionResult> {
  const ignorePath =
    ignoreFile === undefined ? resolve(ctx.cwd, '.berthignore') : existingPath(ctx, ignoreFile);
  const hasIgnore = existsSync(ignorePath);
  if (!hasIgnore && vexFiles.length === 0) return { kept: findings, suppressed: [], warnings: [] };
  const { applySuppressions, parseBerthignore, parseOpenVex } =
    await import('../../security/suppress/index.js');
  const ignore = hasIgnore ? parseBerthignore(readFileSync(ignorePath, 'utf8'), ignorePath) : [];
  const vex = vexFiles.map((f) => parseOpenVex(readFileSync(existingPath(ctx, f), 'utf8'), f));
  return applySuppressions(findings, { ignore, vex }, new Date());
}
