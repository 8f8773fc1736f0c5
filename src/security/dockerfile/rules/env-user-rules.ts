import { readArgDeclarations, readKeyValues, unquote } from '../docker-words.js';
import type { DockerfileInstruction } from '../dockerfile-types.js';
import type { DockerfileRule, RuleHit } from './rule-types.js';

function isRoot(user: string): boolean {
  const name = user.split(':')[0];
  return name === 'root' || name === '0';
}

export const dl3002: DockerfileRule = {
  id: 'DL3002',
  severity: 'warning',
  title: 'Last USER should not be root',
  check: ({ doc }) => {
    const lastUser = new Map<number, DockerfileInstruction>();
    for (const instruction of doc.instructions) {
      if (instruction.keyword === 'USER') lastUser.set(instruction.stage, instruction);
    }
    return [...lastUser.values()].flatMap((instruction) => {
      const user = unquote(instruction.args, doc.escapeChar);
      if (!isRoot(user)) return [];
      return [
        {
          instruction,
          message: `the stage ends as USER ${user}, so its container runs as root; switch to an unprivileged USER at the end`,
        },
      ];
    });
  },
};

function references(value: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\$(\\{${escaped}([:}+?-]|$)|${escaped}(?![A-Za-z0-9_]))`).test(value);
}

/**
 * Docker substitutes variables in an ENV line with the values from before that line, so
 * `ENV A=1 B=$A` sets B from the old A (usually empty). Self references (`PATH=/x:$PATH`) are fine.
 */
export const dl3044: DockerfileRule = {
  id: 'DL3044',
  severity: 'error',
  title: 'Do not reference an ENV variable in the ENV statement that defines it',
  check: ({ doc }) => {
    const defined = new Set<string>();
    const hits: RuleHit[] = [];
    for (const instruction of doc.instructions) {
      if (instruction.keyword === 'ARG') {
        for (const { name } of readArgDeclarations(instruction.args, doc.escapeChar)) defined.add(name);
      }
      if (instruction.keyword !== 'ENV') continue;
      const pairs = readKeyValues(instruction.args, doc.escapeChar);
      const used = pairs.find(
        (pair, index) =>
          !defined.has(pair.key) &&
          pairs.some((other, at) => at !== index && references(other.value, pair.key)),
      );
      if (used !== undefined) {
        hits.push({
          instruction,
          message: `"${used.key}" is used in the same ENV that defines it and is still unset there; split it into two ENV lines`,
        });
      }
      for (const { key } of pairs) defined.add(key);
    }
    return hits;
  },
};

/** Whole words of a variable name that mark a secret; `GPG_KEY` or `TOKEN_URL` are not secrets. */
const secretWords = new Set(['password', 'passwd', 'secret', 'token', 'apikey', 'credentials']);
const secretPairs = [
  'api key',
  'private key',
  'client key',
  'access key',
  'secret key',
  'auth token',
  'client secret',
];
const notSecret = new Set(['file', 'path', 'dir', 'url', 'name', 'length']);

function isSensitiveName(name: string): boolean {
  const words = name.toLowerCase().split(/[_.-]+/);
  if (words.some((word) => notSecret.has(word))) return false;
  const joined = words.join(' ');
  return words.some((word) => secretWords.has(word)) || secretPairs.some((pair) => joined.includes(pair));
}

/**
 * ARG and ENV values stay in the image history or config. Names are matched by whole words (the lesson from
 * Dockle's substring false positives); values are never echoed.
 */
export const dl3064: DockerfileRule = {
  id: 'DL3064',
  severity: 'warning',
  title: 'Do not pass secrets in ARG or ENV',
  check: ({ doc }) =>
    doc.instructions.flatMap((instruction) => {
      const names =
        instruction.keyword === 'ARG'
          ? readArgDeclarations(instruction.args, doc.escapeChar).map((arg) => arg.name)
          : instruction.keyword === 'ENV'
            ? readKeyValues(instruction.args, doc.escapeChar).map((pair) => pair.key)
            : [];
      const secret = names.find(isSensitiveName);
      if (secret === undefined) return [];
      return [
        {
          instruction,
          message: `${instruction.keyword} ${secret} looks like a secret and stays in the image history; use RUN --mount=type=secret`,
        },
      ];
    }),
};

export const envUserRules: readonly DockerfileRule[] = [dl3002, dl3044, dl3064];
