import type { DockerfileFinding, LintDockerfileOptions } from './dockerfile-finding.js';
import type { DockerfileInstruction } from './dockerfile-types.js';
import { parseDockerfile } from './parse-dockerfile.js';
import { allRules, docsUrlOf } from './rule-catalogue.js';
import { analyzeRun, type RunAnalysis } from './run-analysis.js';
import type { LintContext } from './rules/rule-types.js';

/**
 * Lints a Dockerfile with Hadolint-compatible rule ids (DL3xxx/DL4xxx) plus Berth's BL rules. Pure: no file
 * or network access. Rules listed in `options.ignore`, in a `# berth global ignore=` pragma, or in a
 * `# berth ignore=` / `# hadolint ignore=` pragma on the lines before an instruction are not reported.
 * Findings come sorted by line, column and rule id.
 *
 * @example
 * lintDockerfile('FROM node\nRUN npm install -g pnpm\n', { file: 'Dockerfile' });
 * // [{ rule: 'DL3006', severity: 'warning', line: 1, ... }, { rule: 'DL3016', line: 2, ... }]
 */
export function lintDockerfile(text: string, options: LintDockerfileOptions = {}): DockerfileFinding[] {
  const doc = parseDockerfile(text);
  const analyses = new Map<DockerfileInstruction, RunAnalysis>();
  const run = (instruction: DockerfileInstruction): RunAnalysis => {
    let analysis = analyses.get(instruction);
    if (analysis === undefined) {
      analysis = analyzeRun(instruction);
      analyses.set(instruction, analysis);
    }
    return analysis;
  };
  const runs = doc.instructions.flatMap((instruction) => {
    if (instruction.keyword === 'RUN') return [run(instruction)];
    return instruction.trigger?.keyword === 'RUN' ? [run(instruction.trigger)] : [];
  });
  const context: LintContext = { doc, options, runs, run };
  const ignored = new Set([...(options.ignore ?? []).map((id) => id.toUpperCase()), ...doc.globalIgnores]);
  const findings: DockerfileFinding[] = [];
  for (const rule of allRules) {
    if (ignored.has(rule.id)) continue;
    for (const hit of rule.check(context)) {
      if (hit.instruction?.ignoredRules.includes(rule.id) === true) continue;
      const column = hit.line === undefined ? hit.instruction?.column : hit.column;
      const docsUrl = docsUrlOf(rule.id);
      findings.push({
        rule: rule.id,
        severity: rule.severity,
        message: hit.message,
        line: hit.line ?? hit.instruction?.line ?? 1,
        ...(column === undefined ? {} : { column }),
        ...(options.file === undefined ? {} : { file: options.file }),
        ...(docsUrl === undefined ? {} : { docsUrl }),
      });
    }
  }
  return findings.sort(
    (a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule),
  );
}
