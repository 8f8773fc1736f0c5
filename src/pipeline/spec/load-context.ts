import { didYouMean } from '../../errors/index.js';
import { pipelineError } from './pipeline-error.js';
import { readString } from './read-scalar.js';
import { checkTemplate } from './template.js';
import type { YamlNode } from './yaml-tree.js';

/** What every loader of the pipeline file needs. */
export interface LoadContext {
  /** Names `${NAME}` may use outside commands: matrix axes and run variables. */
  readonly variables: ReadonlySet<string>;
}

/**
 * A string that may use `${NAME}`: each reference must be a matrix axis or a run variable (commands
 * and entrypoints are read with `readString` instead: their unknown references belong to the shell).
 */
export function readTemplate(node: YamlNode, ctx: LoadContext, hint: string): string {
  const text = readString(node, hint);
  const problem = checkTemplate(text, ctx.variables);
  if (problem === undefined) return text;
  if ('malformed' in problem) {
    throw pipelineError(
      node,
      `${JSON.stringify(problem.malformed)} is not a variable reference`,
      'Write ${NAME} with a letter or _ first, or $$ for a literal $.',
    );
  }
  throw pipelineError(
    node,
    `unknown variable "\${${problem.unknown}}"${didYouMean(problem.unknown, ctx.variables)}`,
    `Use a matrix axis or a run variable (${[...ctx.variables].join(', ')}); write $\${...} for a literal \${...}.`,
  );
}
