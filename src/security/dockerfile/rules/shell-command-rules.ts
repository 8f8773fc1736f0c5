import { hasArg, hasFlag, isProgram, programOf } from '../shell-command.js';
import type { ShellCommand } from '../shell-script.js';
import { commandRule } from './command-rule.js';
import type { DockerfileRule } from './rule-types.js';

/** Commands that make no sense while building an image (Hadolint's DL3001 list plus ifconfig from its docs). */
const pointless = new Set([
  'free',
  'kill',
  'mount',
  'ps',
  'service',
  'shutdown',
  'ssh',
  'top',
  'vim',
  'ifconfig',
]);

export const dl3001: DockerfileRule = commandRule(
  {
    id: 'DL3001',
    severity: 'info',
    title: 'Do not run interactive or system commands like ssh, vim or shutdown',
  },
  (command) => {
    const program = programOf(command);
    if (!pointless.has(program)) return undefined;
    return `"${program}" does nothing useful during an image build; remove it from the RUN`;
  },
);

export const dl3003: DockerfileRule = commandRule(
  { id: 'DL3003', severity: 'warning', title: 'Use WORKDIR to switch to a directory' },
  (command) => {
    if (!isProgram(command, 'cd')) return undefined;
    const target = command.args[0] ?? '<dir>';
    return `"cd ${target}" only lasts for this RUN; use "WORKDIR ${target}" instead`;
  },
);

export const dl3004: DockerfileRule = commandRule(
  { id: 'DL3004', severity: 'error', title: 'Do not use sudo' },
  (command) => {
    if (!isProgram(command, 'sudo')) return undefined;
    return 'sudo in a build behaves unpredictably (TTY, PAM, environment); RUN already runs as the current USER, so switch USER or use gosu';
  },
);

/** The value of `useradd -u UID` in any of its spellings. */
function uidOf(command: ShellCommand): string | undefined {
  for (const [index, arg] of command.args.entries()) {
    if (arg === '-u' || arg === '--uid') return command.args[index + 1];
    if (arg.startsWith('--uid=')) return arg.slice('--uid='.length);
    if (/^-u\d+$/.test(arg)) return arg.slice(2);
  }
  return undefined;
}

export const dl3046: DockerfileRule = commandRule(
  { id: 'DL3046', severity: 'warning', title: 'Use useradd -l with a high UID' },
  (command) => {
    if (!isProgram(command, 'useradd') || hasFlag(command, 'l', 'no-log-init')) return undefined;
    const uid = uidOf(command);
    if (uid === undefined || uid.length <= 5) return undefined;
    return `useradd -u ${uid} without -l writes a sparse /var/log/lastlog sized by the UID into the layer; add -l (--no-log-init)`;
  },
);

export const dl3047: DockerfileRule = commandRule(
  { id: 'DL3047', severity: 'info', title: 'Use wget --progress to avoid bloated build logs' },
  (command) => {
    if (!isProgram(command, 'wget')) return undefined;
    const quiet = hasFlag(
      command,
      'progress',
      'q',
      'quiet',
      'o',
      'output-file',
      'a',
      'append-output',
      'no-verbose',
    );
    if (quiet || hasArg(command, '-nv')) return undefined;
    return 'wget prints a progress bar line by line into the build log; add --progress=dot:giga, -nv or -q';
  },
);

export const dl4005: DockerfileRule = commandRule(
  { id: 'DL4005', severity: 'warning', title: 'Use SHELL to change the default shell' },
  (command) => {
    if (!isProgram(command, 'ln') || !hasArg(command, '/bin/sh')) return undefined;
    return 'replacing /bin/sh with ln changes the shell for every later tool in the image; use the SHELL instruction';
  },
);

export const shellCommandRules: readonly DockerfileRule[] = [dl3001, dl3003, dl3004, dl3046, dl3047, dl4005];
