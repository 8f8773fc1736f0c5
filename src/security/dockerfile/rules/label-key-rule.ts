import { readKeyValues } from '../docker-words.js';
import type { DockerfileRule } from './rule-types.js';

/** Namespaces Docker reserves for itself (Docker object labels guide). */
const reserved = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/**
 * Docker's label key guidelines: lower-case letters, digits, `.` and `-`; start with a letter and end with a
 * letter or digit; no `..` or `--`; not in a reserved namespace.
 */
export function isValidLabelKey(key: string): boolean {
  return (
    /^[a-z]([a-z0-9.-]*[a-z0-9])?$/.test(key) &&
    !key.includes('..') &&
    !key.includes('--') &&
    !reserved.some((prefix) => key.startsWith(prefix))
  );
}

export const dl3048: DockerfileRule = {
  id: 'DL3048',
  severity: 'style',
  title: 'Use valid label keys',
  check: ({ doc }) =>
    doc.instructions.flatMap((instruction) => {
      if (instruction.keyword !== 'LABEL') return [];
      const bad = readKeyValues(instruction.args, doc.escapeChar).find((pair) => !isValidLabelKey(pair.key));
      if (bad === undefined) return [];
      return [
        {
          instruction,
          message: `label key "${bad.key}" breaks Docker's key format; use lower-case reverse-DNS such as "org.opencontainers.image.title"`,
        },
      ];
    }),
};
