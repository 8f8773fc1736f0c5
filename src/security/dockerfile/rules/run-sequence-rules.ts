import type { RunScript } from '../run-analysis.js';
import { hasArg, hasFlag, isProgram } from '../shell-command.js';
import { hitAt } from './command-rule.js';
import type { DockerfileRule, RuleHit } from './rule-types.js';

export const dl3059: DockerfileRule = {
  id: 'DL3059',
  severity: 'info',
  title: 'Consolidate consecutive RUN instructions',
  check: (context) => {
    const hits: RuleHit[] = [];
    let previous: { flags: string; commands: number } | undefined;
    for (const instruction of context.doc.instructions) {
      if (instruction.keyword !== 'RUN') {
        previous = undefined;
        continue;
      }
      const current = {
        flags: instruction.flags.map((flag) => `${flag.name}=${flag.value ?? ''}`).join(' '),
        commands: context.run(instruction).commands.length,
      };
      // Like Hadolint: RUNs with different --mount flags, or already chaining several commands, stay apart.
      if (previous?.flags === current.flags && previous.commands <= 2 && current.commands <= 2) {
        hits.push({
          instruction,
          message: 'this RUN follows another one; join them with && to save a layer',
        });
      }
      previous = current;
    }
    return hits;
  },
};

export const dl4001: DockerfileRule = {
  id: 'DL4001',
  severity: 'warning',
  title: 'Use either wget or curl, not both',
  check: (context) => {
    const hits: RuleHit[] = [];
    let seen = new Set<string>();
    for (const instruction of context.doc.instructions) {
      if (instruction.keyword === 'FROM') seen = new Set();
      if (instruction.keyword !== 'RUN') continue;
      const tools = context.run(instruction).commands.filter((command) => isProgram(command, 'curl', 'wget'));
      for (const tool of tools) seen.add(tool.name);
      if (tools.length > 0 && seen.size >= 2) {
        hits.push(
          hitAt(
            instruction,
            tools[0],
            'this stage uses both curl and wget; pick one to keep the image small',
          ),
        );
      }
    }
    return hits;
  },
};

/** Shells whose `-o pipefail` Hadolint accepts, and shells where pipefail does not apply. */
const pipefailShells = ['bash', 'zsh', 'ash', 'ksh', 'mksh'];
const nonPosixShells = ['pwsh', 'powershell', 'powershell.exe', 'cmd', 'cmd.exe'];

function shellSetsPipefail(exec: readonly string[]): boolean {
  const program = { name: exec[0] ?? '' };
  if (isProgram(program, ...nonPosixShells)) return true;
  return (
    isProgram(program, ...pipefailShells) &&
    exec.some((arg, index) => arg === 'pipefail' && /^-\w*o$/.test(exec[index - 1] ?? ''))
  );
}

/** The script sets pipefail itself (`set -o pipefail`, `set -euo pipefail`) before its first pipe. */
function scriptSetsPipefail(script: RunScript): boolean {
  const firstPiped = script.commands.find((command) => command.pipelinePosition > 0);
  return script.commands.some(
    (command) =>
      isProgram(command, 'set') &&
      hasFlag(command, 'o') &&
      hasArg(command, 'pipefail') &&
      (firstPiped === undefined || command.offset < firstPiped.offset),
  );
}

export const dl4006: DockerfileRule = {
  id: 'DL4006',
  severity: 'warning',
  title: 'Set -o pipefail before RUN with a pipe',
  check: (context) => {
    const hits: RuleHit[] = [];
    let pipefail = false;
    for (const instruction of context.doc.instructions) {
      if (instruction.keyword === 'FROM') pipefail = false;
      if (instruction.keyword === 'SHELL') pipefail = shellSetsPipefail(instruction.exec ?? []);
      if (instruction.keyword !== 'RUN' || pipefail) continue;
      const script = context
        .run(instruction)
        .scripts.find(
          (candidate) => candidate.hasPipe && !candidate.pipefail && !scriptSetsPipefail(candidate),
        );
      if (script === undefined) continue;
      const piped = script.commands.find((command) => command.pipelinePosition > 0);
      hits.push(
        hitAt(
          instruction,
          piped,
          'a failing command before a pipe does not fail this RUN; add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it (or "set -o pipefail" in the script)',
        ),
      );
    }
    return hits;
  },
};

export const runSequenceRules: readonly DockerfileRule[] = [dl3059, dl4001, dl4006];
