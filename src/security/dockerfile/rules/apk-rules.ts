import { hasCacheMount } from '../run-mounts.js';
import { hasFlag, operandsOf, packagesAfter, runsSubcommand } from '../shell-command.js';
import { commandRule, quoteList } from './command-rule.js';
import type { DockerfileRule } from './rule-types.js';

/** apk options whose value is the next word. */
const apkValueFlags = [
  't',
  'virtual',
  'X',
  'repository',
  'p',
  'root',
  'repositories-file',
  'keys-dir',
  'arch',
];

export const dl3018: DockerfileRule = commandRule(
  { id: 'DL3018', severity: 'warning', title: 'Pin versions in apk add' },
  (command) => {
    if (!runsSubcommand(command, ['apk'], ['add'])) return undefined;
    const loose = packagesAfter(operandsOf(command, apkValueFlags), 'add').filter(
      (name) => !/[=~<>]/.test(name) && !name.endsWith('.apk') && !name.startsWith('$'),
    );
    if (loose.length === 0) return undefined;
    return `apk add does not pin ${quoteList(loose)}; write name=version (e.g. ${loose[0]}=<version>) so rebuilds install the same packages`;
  },
);

export const dl3019: DockerfileRule = commandRule(
  { id: 'DL3019', severity: 'info', title: 'Use apk add --no-cache' },
  (command, run) => {
    if (!runsSubcommand(command, ['apk'], ['add']) || hasFlag(command, 'no-cache')) return undefined;
    if (hasCacheMount(run.instruction, '/var/cache/apk')) return undefined;
    return 'apk add keeps its index in /var/cache/apk; use "apk add --no-cache" instead of --update and a later rm';
  },
);

export const apkRules: readonly DockerfileRule[] = [dl3018, dl3019];
