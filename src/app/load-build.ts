import path from 'node:path';
import type { BuildSpec } from './app-spec.js';
import { composeError } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import type { LoadContext } from './load-context.js';
import { checkKeys, readListOrDict } from './read-collection.js';
import { readString } from './read-scalar.js';

const buildKeys = ['context', 'dockerfile', 'args', 'target'] as const;
const hint =
  'Write `build: ./dir` or `build: { context: ./dir, dockerfile: Dockerfile, args: {KEY: value}, target: stage }`.';

/**
 * `build` as a context string or `{context, dockerfile, args, target}` (Compose Build Specification).
 * The context resolves against the project directory; remote (git/URL) contexts are not supported.
 */
export function loadBuild(node: ComposeNode, ctx: LoadContext): BuildSpec {
  if (node.kind === 'scalar')
    return { context: resolveContext(node, ctx), dockerfile: 'Dockerfile', args: {} };
  if (node.kind !== 'map') {
    throw composeError('BERTH_COMPOSE_INVALID', node, 'expected a context path or a mapping', hint);
  }
  const fields = checkKeys(node, buildKeys);
  const contextNode = fields.get('context');
  const dockerfileNode = fields.get('dockerfile');
  const argsNode = fields.get('args');
  const targetNode = fields.get('target');
  const args = new Map<string, string>();
  for (const arg of argsNode === undefined ? [] : readListOrDict(argsNode, 'build args')) {
    // A bare `KEY` takes its value from the project environment and is left out when unset (Compose).
    const value = arg.value ?? ctx.lookup(arg.key);
    if (value !== undefined) args.set(arg.key, value);
  }
  return {
    context: contextNode === undefined ? ctx.projectDir : resolveContext(contextNode, ctx),
    dockerfile: dockerfileNode === undefined ? 'Dockerfile' : readString(dockerfileNode, hint),
    args: Object.fromEntries(args),
    ...(targetNode === undefined ? {} : { target: readString(targetNode, hint) }),
  };
}

function resolveContext(node: ComposeNode, ctx: LoadContext): string {
  const context = readString(node, hint);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `remote build context "${context}" is not supported`,
      'Check the repository out next to the Compose file and point build.context at that directory.',
    );
  }
  return path.resolve(ctx.projectDir, context);
}
