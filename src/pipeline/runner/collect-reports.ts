import { matchGlob, parseJUnit, parseSarif, type ReportSpec } from '../spec/index.js';
import { judgeReport, type ReportVerdict } from './judge-report.js';
import { globBase, isSafeRelativePath } from './workspace-path.js';
import { listWorkspaceFiles, readWorkspaceFile } from './workspace-files.js';

/** Report files bigger than this are refused (docs/pipeline.md, "reports"). */
export const maxReportBytes = 64 * 1024 * 1024;

/** Reads, parses and judges each `reports` entry from the workspace (links are not followed). */
export async function collectReports(
  workspaceDir: string,
  reports: readonly ReportSpec[],
): Promise<ReportVerdict[]> {
  const verdicts: ReportVerdict[] = [];
  for (const spec of reports) {
    if (!isSafeRelativePath(spec.path)) {
      const result = { ok: false as const, reason: 'the path is outside the workspace' };
      verdicts.push(judgeReport(spec, [{ path: spec.path, result }]));
      continue;
    }
    const { files } = await listWorkspaceFiles(workspaceDir, {
      bases: [globBase(spec.path)],
      select: (path) => matchGlob(spec.path, path),
    });
    const parse = spec.format === 'junit' ? parseJUnit : parseSarif;
    const parsed = [];
    for (const file of files) {
      try {
        const text = (await readWorkspaceFile(workspaceDir, file, maxReportBytes)).toString('utf8');
        parsed.push({ path: file.path, result: parse(text) });
      } catch (error) {
        parsed.push({ path: file.path, result: { ok: false as const, reason: (error as Error).message } });
      }
    }
    verdicts.push(judgeReport(spec, parsed));
  }
  return verdicts;
}
