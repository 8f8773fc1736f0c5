import { readKeyValues } from '../docker-words.js';
import { hasCacheMount } from '../run-mounts.js';
import type { RunAnalysis } from '../run-analysis.js';
import { hasArg, hasFlag, operandsOf, packagesAfter, programOf } from '../shell-command.js';
import type { ShellCommand } from '../shell-script.js';
import { commandRule, hitAt } from './command-rule.js';
import type { DockerfileRule, RuleHit } from './rule-types.js';

/** pip options whose value is the next word (pip install --help). */
const pipValueFlags = [
  'abi',
  'b',
  'build',
  'c',
  'constraint',
  'e',
  'editable',
  'extra-index-url',
  'f',
  'find-links',
  'i',
  'index-url',
  'implementation',
  'no-binary',
  'only-binary',
  'platform',
  'prefix',
  'progress-bar',
  'proxy',
  'python-version',
  'r',
  'requirement',
  'root',
  'src',
  't',
  'target',
  'trusted-host',
  'upgrade-strategy',
];
const versionSpecifier = /==|>=|<=|!=|~=|<|>|@/;
const truthy = new Set(['1', 'true', 'on', 'yes']);

/** `pip install`, `pip3.12 install` or `python3 -m pip install`; pipx and pipenv are other tools. */
export function isPipInstall(command: ShellCommand): boolean {
  const program = programOf(command);
  const operands = operandsOf(command);
  if (/^pip[\d.]*$/.test(program)) return operands.includes('install');
  if (!/^python[\d.]*$/.test(program)) return false;
  const module = command.args.indexOf('-m');
  return (
    module >= 0 && command.args[module + 1] === 'pip' && command.args.slice(module + 2).includes('install')
  );
}

/** Pinned: a version specifier, a VCS URL with `@ref`, a local path or archive, or a variable. */
function isPinnedRequirement(name: string): boolean {
  return (
    versionSpecifier.test(name) ||
    name.includes('/') ||
    /\.(whl|tar\.gz|zip)$/.test(name) ||
    name.startsWith('$')
  );
}

export const dl3013: DockerfileRule = commandRule(
  { id: 'DL3013', severity: 'warning', title: 'Pin versions in pip install' },
  (command) => {
    if (!isPipInstall(command)) return undefined;
    if (hasFlag(command, 'r', 'requirement', 'c', 'constraint')) return undefined;
    const names = packagesAfter(operandsOf(command, pipValueFlags), 'install');
    if (names.includes('.')) return undefined;
    const loose = names.filter((name) => !isPinnedRequirement(name));
    if (loose.length === 0) return undefined;
    return `pip install does not pin "${loose[0]}"; write ${loose[0]}==<version> or install from a requirements file with pinned versions`;
  },
);

/**
 * pip's cache is pointless in an image. It is off when the RUN passes --no-cache-dir, sets
 * PIP_NO_CACHE_DIR inline, mounts a cache over ~/.cache/pip, or an ENV in this stage (or a stage it builds
 * on) sets PIP_NO_CACHE_DIR to a true value.
 */
export const dl3042: DockerfileRule = {
  id: 'DL3042',
  severity: 'warning',
  title: 'Use pip install --no-cache-dir',
  check: (context) => {
    const { doc } = context;
    const stageHasEnv = new Map<number, boolean>();
    const hits: RuleHit[] = [];
    for (const instruction of doc.instructions) {
      const stage = doc.stages[instruction.stage];
      if (instruction.keyword === 'FROM' && stage !== undefined) {
        stageHasEnv.set(
          stage.index,
          stage.parent === undefined ? false : (stageHasEnv.get(stage.parent) ?? false),
        );
      } else if (instruction.keyword === 'ENV') {
        const pairs = readKeyValues(instruction.args, doc.escapeChar);
        const set = pairs.some(
          (pair) => pair.key === 'PIP_NO_CACHE_DIR' && truthy.has(pair.value.toLowerCase()),
        );
        if (set) stageHasEnv.set(instruction.stage, true);
      } else if (instruction.keyword === 'RUN' && stageHasEnv.get(instruction.stage) !== true) {
        const hit = cacheHit(context.run(instruction));
        if (hit !== undefined) hits.push(hit);
      }
    }
    return hits;
  },
};

function cacheHit(run: RunAnalysis): RuleHit | undefined {
  const { instruction } = run;
  if (/PIP_NO_CACHE_DIR=["']?(1|true|on|yes)\b/i.test(instruction.text)) return undefined;
  if (hasCacheMount(instruction, '/root/.cache/pip')) return undefined;
  const command = run.commands.find(
    (candidate) => isPipInstall(candidate) && !hasArg(candidate, '--no-cache-dir'),
  );
  if (command === undefined) return undefined;
  return hitAt(instruction, command, 'pip install keeps its download cache in the layer; add --no-cache-dir');
}

export const pipRules: readonly DockerfileRule[] = [dl3013, dl3042];
