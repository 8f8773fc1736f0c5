import { hasCacheMount } from '../run-mounts.js';
import { hasArg, hasFlag, isProgram, operandsOf, packagesAfter, runsSubcommand } from '../shell-command.js';
import { commandRule, hitAt, quoteList, runRule } from './command-rule.js';
import type { DockerfileRule } from './rule-types.js';

const npmInstalls = ['install', 'i', 'add'];
const npmValueFlags = [
  'prefix',
  'registry',
  'cache',
  'userconfig',
  'w',
  'workspace',
  'omit',
  'include',
  'tag',
];
const gemValueFlags = ['i', 'install-dir', 'n', 'bindir', 's', 'source', 'platform', 'document'];

/** npm specs that fix what is installed: `name@version`, `@scope/name@tag`, a git URL with `#ref`, a tarball or folder. */
function isPinnedNpm(spec: string): boolean {
  if (/^git(\+\w+)?:\/\//.test(spec)) return spec.includes('#');
  if (/\.(tar|tar\.gz|tgz)$/.test(spec) || /^(\/|\.\/|\.\.\/|~\/)/.test(spec) || spec.startsWith('$'))
    return true;
  const withoutScope = spec.startsWith('@') ? spec.slice(spec.indexOf('/') + 1) : spec;
  return withoutScope.includes('@');
}

export const dl3016: DockerfileRule = commandRule(
  { id: 'DL3016', severity: 'warning', title: 'Pin versions in npm install' },
  (command) => {
    if (!isProgram(command, 'npm')) return undefined;
    const operands = operandsOf(command, npmValueFlags);
    if (!npmInstalls.includes(operands[0] ?? '')) return undefined;
    const loose = operands.slice(1).filter((spec) => !isPinnedNpm(spec));
    if (loose.length === 0) return undefined;
    return `npm install does not pin ${quoteList(loose)}; write name@version (e.g. ${loose[0]}@<version>)`;
  },
);

export const dl3028: DockerfileRule = commandRule(
  { id: 'DL3028', severity: 'warning', title: 'Pin versions in gem install' },
  (command) => {
    if (!runsSubcommand(command, ['gem'], ['install', 'i']) || hasFlag(command, 'v', 'version'))
      return undefined;
    const loose = packagesAfter(operandsOf(command, gemValueFlags), 'install', 'i').filter(
      (name) => !name.includes(':') && !name.startsWith('$') && !name.endsWith('.gem'),
    );
    if (loose.length === 0) return undefined;
    return `gem install does not pin ${quoteList(loose)}; write name:version (e.g. ${loose[0]}:<version>)`;
  },
);

export const dl3060: DockerfileRule = runRule(
  { id: 'DL3060', severity: 'info', title: 'Run yarn cache clean after yarn install' },
  ({ instruction, commands }) => {
    const install = commands.find((command) => runsSubcommand(command, ['yarn'], ['install']));
    if (install === undefined || hasCacheMount(instruction, '/usr/local/share/.cache/yarn')) return undefined;
    const cleaned = commands.some(
      (command) => isProgram(command, 'yarn') && hasArg(command, 'cache') && hasArg(command, 'clean'),
    );
    if (cleaned) return undefined;
    return hitAt(
      instruction,
      install,
      'yarn install leaves its cache in the layer; run "yarn cache clean" in the same RUN',
    );
  },
);

export const nodeRubyRules: readonly DockerfileRule[] = [dl3016, dl3028, dl3060];
