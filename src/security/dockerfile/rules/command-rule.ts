import type { DockerfileInstruction } from '../dockerfile-types.js';
import type { RunAnalysis, RunCommand } from '../run-analysis.js';
import type { DockerfileRule, LintContext, RuleHit, RuleMeta } from './rule-types.js';

/** A hit at the command's own line and column, falling back to the instruction's. */
export function hitAt(
  instruction: DockerfileInstruction,
  command: RunCommand | undefined,
  message: string,
): RuleHit {
  if (command === undefined) return { instruction, message };
  return { instruction, message, line: command.line, column: command.column };
}

/**
 * A rule about single shell commands: `problem` returns a message for a bad command. Like Hadolint, a RUN is
 * reported once, at its first bad command.
 */
export function commandRule(
  meta: RuleMeta,
  problem: (command: RunCommand, run: RunAnalysis, context: LintContext) => string | undefined,
): DockerfileRule {
  return {
    ...meta,
    check: (context) =>
      context.runs.flatMap((run) => {
        for (const command of run.commands) {
          const message = problem(command, run, context);
          if (message !== undefined) return [hitAt(run.instruction, command, message)];
        }
        return [];
      }),
  };
}

/** A rule about a whole RUN (for example "installs but never cleans up"). */
export function runRule(
  meta: RuleMeta,
  check: (run: RunAnalysis, context: LintContext) => RuleHit | undefined,
): DockerfileRule {
  return {
    ...meta,
    check: (context) => context.runs.flatMap((run) => check(run, context) ?? []),
  };
}

/** Quotes at most `limit` values for a message: `"a", "b" and 3 more`. */
export function quoteList(values: readonly string[], limit = 3): string {
  const quoted = values.slice(0, limit).map((value) => `"${value}"`);
  const more = values.length - quoted.length;
  return more > 0 ? `${quoted.join(', ')} and ${more} more` : quoted.join(', ');
}
