import { hasCacheMount } from '../run-mounts.js';
import { flagsOf, hasFlag, isProgram, operandsOf, packagesAfter, runsSubcommand } from '../shell-command.js';
import type { ShellCommand } from '../shell-script.js';
import { commandRule, hitAt, quoteList, runRule } from './command-rule.js';
import type { DockerfileRule } from './rule-types.js';
import { isImageStage } from './stage-helpers.js';

/** apt-get options whose value is the next word (`-t bookworm`, `-o Opt=1`, `-c file`). */
const aptValueFlags = ['t', 'target-release', 'o', 'option', 'c', 'config-file'];

function isAptGetInstall(command: ShellCommand): boolean {
  return runsSubcommand(command, ['apt-get'], ['install']);
}

/** `pkg=1.2`, `pkg/bookworm-backports`, `./local.deb` and variables count as pinned (as Hadolint does). */
function isPinnedDeb(name: string): boolean {
  return name.includes('=') || name.includes('/') || name.endsWith('.deb') || name.startsWith('$');
}

export const dl3008: DockerfileRule = commandRule(
  { id: 'DL3008', severity: 'warning', title: 'Pin versions in apt-get install' },
  (command) => {
    if (!isAptGetInstall(command)) return undefined;
    const loose = packagesAfter(operandsOf(command, aptValueFlags), 'install').filter(
      (name) => !isPinnedDeb(name),
    );
    if (loose.length === 0) return undefined;
    return `apt-get install does not pin ${quoteList(loose)}; write name=version (e.g. ${loose[0]}=<version>) so rebuilds install the same packages`;
  },
);

export const dl3009: DockerfileRule = runRule(
  { id: 'DL3009', severity: 'info', title: 'Delete the apt-get lists after installing' },
  (run, context) => {
    const { instruction, commands } = run;
    if (instruction.stage < 0 || !isImageStage(context.doc, instruction.stage)) return undefined;
    const update = commands.find((command) => runsSubcommand(command, ['apt-get'], ['update']));
    if (update === undefined || hasCacheMount(instruction, '/var/lib/apt/lists')) return undefined;
    const cleans = commands.some(
      (command) =>
        isProgram(command, 'rm') && command.args.some((arg) => arg.startsWith('/var/lib/apt/lists')),
    );
    if (cleans) return undefined;
    return hitAt(
      instruction,
      update,
      'apt-get update leaves /var/lib/apt/lists in the layer; end this RUN with "rm -rf /var/lib/apt/lists/*"',
    );
  },
);

export const dl3014: DockerfileRule = commandRule(
  { id: 'DL3014', severity: 'warning', title: 'Use the -y switch with apt-get install' },
  (command) => {
    if (!isAptGetInstall(command)) return undefined;
    const quietTwice = flagsOf(command).filter((flag) => flag === 'q').length >= 2;
    const assumeYes = command.args.some((arg) => /Assume-Yes=(true|yes|1)$/i.test(arg));
    if (hasFlag(command, 'y', 'yes', 'assume-yes') || quietTwice || assumeYes) return undefined;
    return 'apt-get install without -y waits for a confirmation the build cannot give; add -y';
  },
);

export const dl3015: DockerfileRule = commandRule(
  { id: 'DL3015', severity: 'info', title: 'Avoid additional packages with --no-install-recommends' },
  (command) => {
    if (!isAptGetInstall(command)) return undefined;
    const off = command.args.some((arg) => /APT::Install-Recommends=(false|0|no)$/i.test(arg));
    if (hasFlag(command, 'no-install-recommends') || off) return undefined;
    return 'apt-get install also pulls in recommended packages; add --no-install-recommends';
  },
);

export const dl3027: DockerfileRule = commandRule(
  { id: 'DL3027', severity: 'warning', title: 'Do not use apt; use apt-get or apt-cache' },
  (command) => {
    if (!isProgram(command, 'apt')) return undefined;
    const sub = operandsOf(command)[0] ?? '';
    return `"apt ${sub}" is meant for interactive use and its output is not stable; use apt-get or apt-cache`;
  },
);

export const aptRules: readonly DockerfileRule[] = [dl3008, dl3009, dl3014, dl3015, dl3027];
