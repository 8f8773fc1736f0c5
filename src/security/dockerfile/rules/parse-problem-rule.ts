import type { DockerfileRule } from './rule-types.js';

/** BL1000 (Berth): what the parser could not read (unknown instruction, unclosed heredoc). */
export const bl1000: DockerfileRule = {
  id: 'BL1000',
  severity: 'error',
  title: 'The Dockerfile has a syntax problem',
  check: ({ doc }) => doc.problems.map((problem) => ({ message: problem.message, line: problem.line })),
};
