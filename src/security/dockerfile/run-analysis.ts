import type { DockerfileInstruction, Heredoc, SourcePosition } from './dockerfile-types.js';
import { positionAt } from './line-segments.js';
import { hasFlag, isProgram } from './shell-command.js';
import { parseShell, type ShellCommand } from './shell-script.js';

/** A command of a RUN with the file position it was written at. */
export interface RunCommand extends ShellCommand {
  line: number;
  column: number | undefined;
}

/** One shell script a RUN executes: its command line, or a heredoc body fed to a shell. */
export interface RunScript {
  commands: readonly RunCommand[];
  hasPipe: boolean;
  /** The exec form started the shell with `-o pipefail` (`["bash", "-o", "pipefail", "-c", "..."]`). */
  pipefail: boolean;
}

export interface RunAnalysis {
  instruction: DockerfileInstruction;
  scripts: readonly RunScript[];
  /** Every command of every script, in order. */
  commands: readonly RunCommand[];
}

const shells = ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh'];

/**
 * Finds the shell commands a RUN (or ONBUILD RUN) executes. The shell form is parsed as a script; the exec
 * form is one command unless it runs `sh -c SCRIPT`. A heredoc body is parsed too when the shell reads it:
 * `RUN <<EOF` on its own, or a heredoc fed to `bash`/`sh` (not to `python3` or `cat`), unless a shebang picks
 * another interpreter.
 */
export function analyzeRun(instruction: DockerfileInstruction): RunAnalysis {
  const scripts =
    instruction.exec === undefined ? shellForm(instruction) : [execForm(instruction, instruction.exec)];
  return { instruction, scripts, commands: scripts.flatMap((script) => script.commands) };
}

function shellForm(instruction: DockerfileInstruction): RunScript[] {
  const parsed = parseShell(instruction.text.slice(instruction.argsOffset), instruction.argsOffset);
  const commands = parsed.commands.map((command) =>
    locate(command, positionAt(instruction.segments, command.offset)),
  );
  const scripts: RunScript[] = [{ commands, hasPipe: parsed.hasPipe, pipefail: false }];
  const heredoc = instruction.heredocs[0];
  const feedsShell =
    commands.length === 0 || commands.some((command) => isShell(command) && !hasFlag(command, 'c'));
  if (heredoc !== undefined && feedsShell && isShellScript(heredoc.content)) {
    scripts.push(heredocScript(heredoc));
  }
  return scripts;
}

function heredocScript(heredoc: Heredoc): RunScript {
  const parsed = parseShell(heredoc.content);
  const commands = parsed.commands.map((command) => {
    const before = heredoc.content.slice(0, command.offset);
    const newlines = before.split('\n').length - 1;
    const column = heredoc.stripTabs ? undefined : command.offset - before.lastIndexOf('\n');
    return locate(command, { line: heredoc.startLine + newlines, column });
  });
  return { commands, hasPipe: parsed.hasPipe, pipefail: false };
}

function execForm(instruction: DockerfileInstruction, exec: readonly string[]): RunScript {
  const [name = '', ...args] = exec;
  const at = { line: instruction.line, column: instruction.column };
  const command: ShellCommand = {
    name,
    args,
    offset: 0,
    pipeline: 0,
    pipelinePosition: 0,
    parent: undefined,
  };
  const scriptAt = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
  const script = args[scriptAt + 1];
  if (!isShell(command) || scriptAt < 0 || script === undefined) {
    return { commands: [locate(command, at)], hasPipe: false, pipefail: false };
  }
  const parsed = parseShell(script);
  const pipefail = args.some((arg, index) => arg === 'pipefail' && /^-[a-z]*o$/.test(args[index - 1] ?? ''));
  return { commands: parsed.commands.map((inner) => locate(inner, at)), hasPipe: parsed.hasPipe, pipefail };
}

function locate(
  command: ShellCommand,
  position: SourcePosition | { line: number; column: undefined },
): RunCommand {
  return { ...command, line: position.line, column: position.column };
}

function isShell(command: Pick<ShellCommand, 'name'>): boolean {
  return isProgram(command, ...shells);
}

/** A body without a shebang runs in the shell; with one, only when the shebang names a shell. */
function isShellScript(content: string): boolean {
  if (!content.startsWith('#!')) return true;
  const interpreter = (content.split('\n', 1)[0] ?? '').slice(2).trim().split(/\s+/);
  const program = interpreter[0]?.endsWith('/env') === true ? interpreter[1] : interpreter[0];
  return isShell({ name: program ?? '' });
}
