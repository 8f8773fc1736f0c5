/*
 * The shell script of a run step (docs/pipeline.md, "Run steps": commands run one after another by
 * /bin/sh and the step fails at the first line that fails). Like Woodpecker, each command is echoed
 * with a `+ ` prefix before it runs, so the log shows what produced the output below it.
 */

/**
 * `text` as one POSIX shell word: single-quoted, with each `'` written as `'\''` (POSIX.1-2017
 * Shell Command Language §2.2.3: nothing inside single quotes is special).
 *
 * @example
 * shellQuote("it's"); // "'it'\\''s'"
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * One `sh -c` script for a step's commands: `set -e` stops at the first failing command, and each
 * command is printed as `+ <command>` (to stdout, with `printf` so that a leading `-n` or a backslash
 * is shown as written) before it runs.
 *
 * @example
 * buildStepScript(['npm ci', 'npm test']);
 * // "set -e\nprintf '%s\\n' '+ npm ci'\nnpm ci\nprintf '%s\\n' '+ npm test'\nnpm test\n"
 */
export function buildStepScript(commands: readonly string[]): string {
  const lines = ['set -e'];
  for (const command of commands) {
    lines.push(`printf '%s\\n' ${shellQuote(`+ ${command}`)}`, command);
  }
  return `${lines.join('\n')}\n`;
}
