import { splitDockerWords, unquote } from '../docker-words.js';
import type { DockerfileInstruction } from '../dockerfile-types.js';
import { hasVariable } from '../expand-variables.js';
import type { DockerfileRule, RuleHit, RuleMeta } from './rule-types.js';

function eachInstruction(
  meta: RuleMeta,
  keywords: readonly string[],
  problem: (instruction: DockerfileInstruction, escapeChar: string) => string | undefined,
): DockerfileRule {
  return {
    ...meta,
    check: ({ doc }) =>
      doc.instructions.flatMap((instruction) => {
        const message = keywords.includes(instruction.keyword)
          ? problem(instruction, doc.escapeChar)
          : undefined;
        return message === undefined ? [] : [{ instruction, message }];
      }),
  };
}

/** Reports every repeat of `keyword` within one stage: only the last one takes effect. */
function oncePerStage(meta: RuleMeta, keyword: string, message: string): DockerfileRule {
  return {
    ...meta,
    check: ({ doc }) => {
      const seen = new Set<number>();
      return doc.instructions.flatMap((instruction): RuleHit[] => {
        if (instruction.keyword !== keyword) return [];
        if (!seen.has(instruction.stage)) {
          seen.add(instruction.stage);
          return [];
        }
        return [{ instruction, message }];
      });
    },
  };
}

export const dl3000 = eachInstruction(
  { id: 'DL3000', severity: 'error', title: 'Use an absolute WORKDIR' },
  ['WORKDIR'],
  (instruction, escapeChar) => {
    const path = unquote(instruction.args, escapeChar);
    if (path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path)) return undefined;
    return `WORKDIR "${path}" is relative to whatever the previous WORKDIR was; use an absolute path such as "/${path}"`;
  },
);

export const dl3011 = eachInstruction(
  { id: 'DL3011', severity: 'error', title: 'Valid UNIX ports range from 0 to 65535' },
  ['EXPOSE'],
  (instruction, escapeChar) => {
    for (const word of splitDockerWords(instruction.args, escapeChar)) {
      const port = unquote(word, escapeChar).split('/')[0] ?? '';
      if (hasVariable(port)) continue;
      const bad = port.split('-').find((part) => /^\d+$/.test(part) && Number(part) > 65535);
      if (bad !== undefined) return `EXPOSE ${port}: port ${bad} is outside 0-65535`;
    }
    return undefined;
  },
);

export const dl3012 = oncePerStage(
  { id: 'DL3012', severity: 'error', title: 'Only one HEALTHCHECK per stage' },
  'HEALTHCHECK',
  'a second HEALTHCHECK in this stage overrides the first; keep only one',
);

export const dl4003 = oncePerStage(
  { id: 'DL4003', severity: 'warning', title: 'Only one CMD per stage' },
  'CMD',
  'only the last CMD of a stage takes effect; remove the earlier ones',
);

export const dl4004 = oncePerStage(
  { id: 'DL4004', severity: 'error', title: 'Only one ENTRYPOINT per stage' },
  'ENTRYPOINT',
  'only the last ENTRYPOINT of a stage takes effect; remove the earlier ones',
);

export const dl3025 = eachInstruction(
  { id: 'DL3025', severity: 'warning', title: 'Use the JSON (exec) form for CMD and ENTRYPOINT' },
  ['CMD', 'ENTRYPOINT'],
  ({ keyword, exec }) =>
    exec === undefined
      ? `${keyword} in shell form runs under /bin/sh -c, so the process does not get signals such as SIGTERM; write ${keyword} ["executable", "arg"]`
      : undefined,
);

export const dl3043 = eachInstruction(
  { id: 'DL3043', severity: 'error', title: 'ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER' },
  ['ONBUILD'],
  (instruction) => {
    const keyword = instruction.trigger?.keyword;
    if (keyword !== 'ONBUILD' && keyword !== 'FROM' && keyword !== 'MAINTAINER') return undefined;
    return `ONBUILD ${keyword} is not allowed; Docker rejects it when the image is used as a base`;
  },
);

export const dl4000 = eachInstruction(
  { id: 'DL4000', severity: 'error', title: 'MAINTAINER is deprecated' },
  ['MAINTAINER'],
  (instruction) =>
    `MAINTAINER is deprecated; write LABEL org.opencontainers.image.authors="${instruction.args.replaceAll('"', "'")}"`,
);

export const instructionRules: readonly DockerfileRule[] = [
  dl3000,
  dl3011,
  dl3012,
  dl3025,
  dl3043,
  dl4000,
  dl4003,
  dl4004,
];
