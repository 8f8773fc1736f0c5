import type { LoadContext } from './load-context.js';
import { readTemplate } from './load-context.js';
import { readGlob } from './load-when.js';
import { pipelineError } from './pipeline-error.js';
import type { YamlNode } from './yaml-tree.js';

const hint = 'Write a path relative to the repository root, without ".." (e.g. dist or reports/*.xml).';

/** A path or glob inside the workspace: relative, no `..` segment, may use `${NAME}`. */
export function readWorkspacePath(node: YamlNode, ctx: LoadContext, glob = false): string {
  const path = readTemplate(node, ctx, hint);
  if (path.startsWith('/') || path.split('/').includes('..')) {
    throw pipelineError(node, `${JSON.stringify(path)} is outside the workspace`, hint);
  }
  if (glob) readGlob(node);
  return path;
}
