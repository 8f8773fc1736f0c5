import { hasArg, hasFlag, isProgram, operandsOf, packagesAfter, runsSubcommand } from '../shell-command.js';
import type { ShellCommand } from '../shell-script.js';
import { commandRule, hitAt, quoteList, runRule } from './command-rule.js';
import type { DockerfileRule, RuleMeta } from './rule-types.js';
import { isPinnedModule, isPinnedRpm } from './rpm-version.js';

const installs = ['install', 'groupinstall', 'localinstall'];
const valueFlags = [
  'c',
  'config',
  'installroot',
  'releasever',
  'enablerepo',
  'disablerepo',
  'x',
  'exclude',
  'setopt',
];

function confirmRule(meta: RuleMeta, programs: string[]): DockerfileRule {
  return commandRule(meta, (command) => {
    if (!runsSubcommand(command, programs, installs) || hasFlag(command, 'y', 'assumeyes')) return undefined;
    return `${command.name} install without -y waits for a confirmation the build cannot give; add -y`;
  });
}

function cleanRule(meta: RuleMeta, programs: string[]): DockerfileRule {
  return runRule(meta, ({ instruction, commands }) => {
    const install = commands.findIndex((command) => runsSubcommand(command, programs, ['install']));
    const installer = commands[install];
    if (installer === undefined) return undefined;
    const cleaned = commands
      .slice(install + 1)
      .some(
        (command) =>
          (isProgram(command, ...programs) && hasArg(command, 'clean') && hasArg(command, 'all')) ||
          (isProgram(command, 'rm') && command.args.some((arg) => /^\/var\/cache\/(yum|dnf)/.test(arg))),
      );
    if (cleaned) return undefined;
    return hitAt(
      instruction,
      installer,
      `${installer.name} install leaves its cache in the layer; run "${installer.name} clean all" at the end of this RUN`,
    );
  });
}

function pinRule(meta: RuleMeta, programs: string[]): DockerfileRule {
  return commandRule(meta, (command: ShellCommand) => {
    if (!runsSubcommand(command, programs, ['install'])) return undefined;
    const operands = operandsOf(command, valueFlags);
    const isModule = operands.includes('module');
    const names = packagesAfter(operands, 'install');
    const loose = names.filter((name) => !(isModule ? isPinnedModule(name) : isPinnedRpm(name)));
    if (loose.length === 0) return undefined;
    const example = isModule ? `${loose[0]}:<stream>` : `${loose[0]}-<version>`;
    return `${command.name} install does not pin ${quoteList(loose)}; write ${example} so rebuilds install the same packages`;
  });
}

export const dl3030 = confirmRule(
  { id: 'DL3030', severity: 'warning', title: 'Use the -y switch with yum install' },
  ['yum'],
);
export const dl3032 = cleanRule(
  { id: 'DL3032', severity: 'warning', title: 'Run yum clean all after yum install' },
  ['yum'],
);
export const dl3033 = pinRule({ id: 'DL3033', severity: 'warning', title: 'Pin versions in yum install' }, [
  'yum',
]);
export const dl3038 = confirmRule(
  { id: 'DL3038', severity: 'warning', title: 'Use the -y switch with dnf install' },
  ['dnf', 'microdnf'],
);
export const dl3040 = cleanRule(
  { id: 'DL3040', severity: 'warning', title: 'Run dnf clean all after dnf install' },
  ['dnf', 'microdnf'],
);
export const dl3041 = pinRule({ id: 'DL3041', severity: 'warning', title: 'Pin versions in dnf install' }, [
  'dnf',
  'microdnf',
]);

export const yumDnfRules: readonly DockerfileRule[] = [dl3030, dl3032, dl3033, dl3038, dl3040, dl3041];
