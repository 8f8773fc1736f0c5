import type { DockerfileSeverity, LintDockerfileOptions } from '../dockerfile-finding.js';
import type { DockerfileInstruction, ParsedDockerfile } from '../dockerfile-types.js';
import type { RunAnalysis } from '../run-analysis.js';

/** One place a rule fires. Without an instruction (parse problems) a line must be given. */
export interface RuleHit {
  instruction?: DockerfileInstruction;
  message: string;
  line?: number;
  column?: number;
}

/** What every rule sees: the parsed file, the options and the shell commands of every RUN, parsed once. */
export interface LintContext {
  doc: ParsedDockerfile;
  options: LintDockerfileOptions;
  /** Every RUN and ONBUILD RUN, in file order. */
  runs: readonly RunAnalysis[];
  /** The analysis of one RUN instruction (memoised). */
  run(instruction: DockerfileInstruction): RunAnalysis;
}

export interface RuleMeta {
  id: string;
  severity: DockerfileSeverity;
  title: string;
}

export interface DockerfileRule extends RuleMeta {
  check(context: LintContext): RuleHit[];
}
