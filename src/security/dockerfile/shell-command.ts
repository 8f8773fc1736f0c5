import type { ShellCommand } from './shell-script.js';

/** The program a command runs, without its directory: `/usr/bin/pip3` gives `pip3`. */
export function programOf(command: Pick<ShellCommand, 'name'>): string {
  return command.name.slice(command.name.lastIndexOf('/') + 1);
}

export function isProgram(command: Pick<ShellCommand, 'name'>, ...programs: string[]): boolean {
  return programs.includes(programOf(command));
}

/**
 * Flag names in Hadolint's sense: `--name` and `--name=value` give `name`, `-abc` gives `a`, `b` and `c`;
 * `-` and `--` are not flags. Repeats are kept (`-qq` gives `q` twice).
 */
export function flagsOf(command: Pick<ShellCommand, 'args'>): string[] {
  return command.args.flatMap((arg) => {
    if (arg === '-' || arg === '--' || !arg.startsWith('-')) return [];
    if (arg.startsWith('--')) return [arg.slice(2).split('=')[0] ?? ''];
    return [...arg.slice(1)];
  });
}

export function hasFlag(command: Pick<ShellCommand, 'args'>, ...names: string[]): boolean {
  return flagsOf(command).some((flag) => names.includes(flag));
}

export function hasArg(command: Pick<ShellCommand, 'args'>, ...values: string[]): boolean {
  return command.args.some((arg) => values.includes(arg));
}

/**
 * The arguments that are not flags. Flags named in `valueFlags` take the next argument as their value, which
 * is dropped too (`apt-get install -t bookworm curl` gives `install`, `curl`); `--` is dropped.
 */
export function operandsOf(
  command: Pick<ShellCommand, 'args'>,
  valueFlags: readonly string[] = [],
): string[] {
  const operands: string[] = [];
  for (let index = 0; index < command.args.length; index++) {
    const arg = command.args[index] ?? '';
    if (arg === '--') continue;
    if (arg === '-' || !arg.startsWith('-')) {
      operands.push(arg);
      continue;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : arg.slice(-1);
    if (!arg.includes('=') && valueFlags.includes(name)) index++;
  }
  return operands;
}

/** The operands after the first `install` (or other sub-command) word: the packages being installed. */
export function packagesAfter(operands: readonly string[], ...subcommands: string[]): string[] {
  const at = operands.findIndex((operand) => subcommands.includes(operand));
  return at < 0 ? [] : operands.slice(at + 1);
}

/** `name sub ...` where `sub` is one of `subcommands` and appears among the operands. */
export function runsSubcommand(
  command: Pick<ShellCommand, 'name' | 'args'>,
  programs: readonly string[],
  subcommands: readonly string[],
): boolean {
  return (
    programs.includes(programOf(command)) && operandsOf(command).some((arg) => subcommands.includes(arg))
  );
}
