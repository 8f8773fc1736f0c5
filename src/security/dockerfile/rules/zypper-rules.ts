import { hasArg, hasFlag, isProgram, operandsOf, runsSubcommand } from '../shell-command.js';
import { commandRule, hitAt, quoteList, runRule } from './command-rule.js';
import type { DockerfileRule } from './rule-types.js';

const installs = ['install', 'in'];
const valueFlags = ['r', 'repo', 'from', 't', 'type', 'R', 'root', 'c', 'config'];

export const dl3034: DockerfileRule = commandRule(
  { id: 'DL3034', severity: 'warning', title: 'Use a non-interactive switch with zypper' },
  (command) => {
    const changes = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];
    if (!runsSubcommand(command, ['zypper'], changes)) return undefined;
    // -n/--non-interactive is a global option (before the sub-command); -y/--no-confirm belongs to it.
    const subcommand = command.args.findIndex((arg) => changes.includes(arg));
    const global = { args: command.args.slice(0, subcommand) };
    if (hasFlag(command, 'y', 'no-confirm') || hasFlag(global, 'n', 'non-interactive')) return undefined;
    return 'zypper without -n or -y waits for a confirmation the build cannot give; use "zypper -n install ..."';
  },
);

export const dl3035: DockerfileRule = commandRule(
  { id: 'DL3035', severity: 'warning', title: 'Do not use zypper dist-upgrade' },
  (command) => {
    if (!runsSubcommand(command, ['zypper'], ['dist-upgrade', 'dup'])) return undefined;
    return 'zypper dist-upgrade changes the distribution under the base image; pick a newer base image instead';
  },
);

export const dl3036: DockerfileRule = runRule(
  { id: 'DL3036', severity: 'warning', title: 'Run zypper clean after zypper install' },
  ({ instruction, commands }) => {
    const install = commands.findIndex((command) => runsSubcommand(command, ['zypper'], installs));
    const installer = commands[install];
    if (installer === undefined) return undefined;
    const cleaned = commands
      .slice(install + 1)
      .some((command) => isProgram(command, 'zypper') && hasArg(command, 'clean', 'cc'));
    if (cleaned) return undefined;
    return hitAt(
      instruction,
      installer,
      'zypper install leaves its cache in the layer; run "zypper clean" at the end of this RUN',
    );
  },
);

export const dl3037: DockerfileRule = commandRule(
  { id: 'DL3037', severity: 'warning', title: 'Pin versions in zypper install' },
  (command) => {
    if (!runsSubcommand(command, ['zypper'], installs)) return undefined;
    const operands = operandsOf(command, valueFlags);
    const at = operands.findIndex((operand) => installs.includes(operand));
    const loose = operands
      .slice(at + 1)
      .filter((name) => !/[=<>]/.test(name) && !name.endsWith('.rpm') && !name.startsWith('$'));
    if (loose.length === 0) return undefined;
    return `zypper install does not pin ${quoteList(loose)}; write name=version (e.g. ${loose[0]}=<version>) so rebuilds install the same packages`;
  },
);

export const zypperRules: readonly DockerfileRule[] = [dl3034, dl3035, dl3036, dl3037];
