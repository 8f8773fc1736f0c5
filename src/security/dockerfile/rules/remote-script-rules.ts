import type { RunCommand, RunScript } from '../run-analysis.js';
import { hasFlag, isProgram, operandsOf } from '../shell-command.js';
import { hitAt } from './command-rule.js';
import type { DockerfileRule, RuleHit } from './rule-types.js';

const downloaders = ['curl', 'wget'];
const interpreters = [
  'sh',
  'bash',
  'ash',
  'dash',
  'zsh',
  'ksh',
  'mksh',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'php',
];

/** sudo options that take a value (`sudo -u app sh`). */
const sudoValueFlags = ['u', 'user', 'g', 'group', 'p', 'prompt', 'C', 'D', 'h', 'host', 'R', 'T', 'U'];

/** The command sudo runs, or the command itself. */
function withoutSudo(command: RunCommand): Pick<RunCommand, 'name' | 'args'> {
  if (!isProgram(command, 'sudo')) return command;
  const name = operandsOf(command, sudoValueFlags)[0] ?? '';
  return { name, args: command.args.slice(command.args.indexOf(name) + 1) };
}

/** An interpreter that reads its program from stdin (`sh`, `sudo bash -s`), not from `-c`/`-e` code. */
function runsStdin(command: RunCommand): boolean {
  const target = withoutSudo(command);
  return isProgram(target, ...interpreters) && !hasFlag(target, 'c', 'e');
}

/** An interpreter or `eval`/`source` that runs a substituted download: `sh -c "$(curl ...)"`, `bash <(curl ...)`. */
function runsArgument(command: RunCommand): boolean {
  return isProgram(command, ...interpreters, 'eval', 'source', '.');
}

function remoteExecution(script: RunScript): RunCommand | undefined {
  const { commands } = script;
  for (const [index, command] of commands.entries()) {
    if (!isProgram(command, ...downloaders)) continue;
    const parent = command.parent === undefined ? undefined : commands[command.parent];
    if (parent !== undefined && runsArgument(parent)) return command;
    const laterInPipe = commands.slice(index + 1).filter((other) => other.pipeline === command.pipeline);
    if (laterInPipe.some(runsStdin)) return command;
  }
  return undefined;
}

/**
 * BL1001 (Berth): `curl https://... | sh` runs whatever the server returns at build time, unverified; a
 * compromised or spoofed host owns the image. Download to a file, check a pinned checksum or signature, then run.
 */
export const bl1001: DockerfileRule = {
  id: 'BL1001',
  severity: 'warning',
  title: 'Do not pipe a downloaded script into a shell',
  check: (context) =>
    context.runs.flatMap((run): RuleHit[] => {
      for (const script of run.scripts) {
        const command = remoteExecution(script);
        if (command === undefined) continue;
        const message = `"${command.name}" output is executed by an interpreter without verification; download it to a file, check its sha256sum or signature, then run it`;
        return [hitAt(run.instruction, command, message)];
      }
      return [];
    }),
};
